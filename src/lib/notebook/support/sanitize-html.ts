/**
 * A strict allowlist sanitiser for the HTML that marked produces. No DOM is needed, so it runs in
 * workers and in Node. Anything that is not an allowed tag is escaped into visible text (fail
 * closed); attributes are re-serialised from their decoded values, never copied through.
 */

type AttrRule = (value: string) => string | null;

const url: AttrRule = (v) => (isSafeUrl(v) ? v : null);
/**
 * Images load by themselves, so an image from another host is a beacon (it tells that host who
 * opened the notebook, and when): only inline (`data:image/`, `blob:`) and same-origin images stay.
 */
const imageSrc: AttrRule = (v) => {
	const s = v.trim();
	if (/^data:image\//i.test(s) || /^blob:/i.test(s)) return s;
	return /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//') ? null : s;
};
const flag: AttrRule = () => '';
const oneOf =
	(...allowed: string[]): AttrRule =>
	(v) =>
		allowed.includes(v.toLowerCase()) ? v.toLowerCase() : null;
const matching =
	(re: RegExp): AttrRule =>
	(v) =>
		re.test(v) ? v : null;
const text: AttrRule = (v) => v;

const PLAIN = [
	'p',
	'br',
	'hr',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'em',
	'strong',
	'del',
	'pre',
	'blockquote',
	'ul',
	'li',
	'table',
	'thead',
	'tbody',
	'tr',
	'span'
];

/** Tag -> attribute -> rule. */
const ALLOWED: Record<string, Record<string, AttrRule>> = {
	...Object.fromEntries(PLAIN.map((t) => [t, {}])),
	a: { href: url, title: text },
	img: { src: imageSrc, alt: text, title: text },
	code: { class: matching(/^language-[A-Za-z0-9_+-]+$/) },
	ol: { start: matching(/^\d{1,9}$/) },
	th: { align: oneOf('left', 'center', 'right') },
	td: { align: oneOf('left', 'center', 'right') },
	input: { type: oneOf('checkbox'), checked: flag, disabled: flag }
};
const VOID = new Set(['br', 'hr', 'img', 'input']);

const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	colon: ':',
	tab: '\t',
	newline: '\n',
	sol: '/',
	lpar: '(',
	rpar: ')',
	period: '.',
	comma: ',',
	semi: ';',
	num: '#',
	excl: '!',
	quest: '?',
	equals: '=',
	percnt: '%',
	bsol: '\\'
};

/** Decodes numeric and common named character references (with or without the ';'). */
export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X'
					? parseInt(body.slice(2), 16)
					: parseInt(body.slice(1), 10);
			const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
			return valid ? String.fromCodePoint(code) : '\ufffd';
		}
		return NAMED[body.toLowerCase()] ?? whole;
	});
}

export function escapeHtml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Browsers drop these inside URLs, so `java\tscript:` is still javascript:. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const URL_IGNORED = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g;

/**
 * Links and images may only point to http(s), mailto, relative paths and #anchors. Checked on the
 * decoded value with ignorable characters removed, so entity, whitespace and case tricks fail.
 */
export function isSafeUrl(raw: string): boolean {
	const value = decodeEntities(decodeEntities(raw)).replace(URL_IGNORED, '');
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
	if (scheme) return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
	// No scheme: relative. A ':' or an undecoded '&' before the first '/', '?' or '#' could still
	// turn into a scheme in some parser, so refuse those.
	const head = value.split(/[/?#]/)[0];
	return !head.includes(':') && !head.includes('&');
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function renderTag(closing: boolean, name: string, attrs: string): string | null {
	const rules = ALLOWED[name];
	if (!rules) return null;
	if (closing) return VOID.has(name) ? '' : `</${name}>`;
	let out = `<${name}`;
	const seen = new Set<string>();
	for (const m of attrs.matchAll(ATTR)) {
		const attr = m[1].toLowerCase();
		const rule = Object.hasOwn(rules, attr) ? rules[attr] : undefined;
		if (!rule || seen.has(attr)) continue;
		seen.add(attr);
		const value = rule(decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
		if (value === null) continue;
		out += rule === flag ? ` ${attr}` : ` ${attr}="${escapeHtml(value)}"`;
	}
	return out + '>';
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g;
const escapeText = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Keeps allowed tags and attributes; everything else becomes escaped text. */
export function sanitizeHtml(html: string): string {
	let out = '';
	let last = 0;
	for (const m of html.matchAll(TAG)) {
		out += escapeText(html.slice(last, m.index));
		last = m.index + m[0].length;
		const tag = renderTag(m[1] === '/', m[2].toLowerCase(), m[3]);
		out += tag ?? escapeHtml(m[0]);
	}
	return out + escapeText(html.slice(last));
}
