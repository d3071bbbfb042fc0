/**
 * Masking and tokenisation before template matching. Variable parts that have a recognisable shape
 * (IPs, UUIDs, hex, paths, durations, numbers) are replaced by the wildcard before the parse tree
 * sees them, so two lines that differ only in such values land in the same leaf and compare equal.
 * One fixed rule set for every log source: the parser is judged on logs nobody tuned it for.
 */

/** The wildcard token, as in Loghub's templates. */
export const WILDCARD = '<*>';

/** Masking rules, applied in this order (more specific shapes first). */
const RULES: { name: string; re: RegExp }[] = [
	{
		name: 'uuid',
		re: /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g
	},
	{
		name: 'datetime',
		re: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?(?![\w.])/g
	},
	{
		name: 'syslog-time',
		re: /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}(?:\s+\d{4})?\b/g
	},
	{ name: 'time', re: /(?<![\w.:])\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?![\w.:])/g },
	{ name: 'ipv4', re: /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])/g },
	{ name: 'mac', re: /\b[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\b/g },
	{ name: 'hex', re: /\b0[xX][0-9a-fA-F]+\b/g },
	{ name: 'path', re: /(?<![\w/])(?:\/[\w.\-~%]+){2,}\/?(?:\?[^\s"']*)?/g },
	{ name: 'size', re: /(?<![\w.])\d+(?:\.\d+)?\s?(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\b/g },
	{ name: 'duration', re: /(?<![\w.])\d+(?:\.\d+)?(?:ms|us|µs|ns|s|sec|secs|m|min|h)(?![\w.])/g },
	{ name: 'number', re: /(?<![\w.])[-+]?\d+(?:\.\d+)?(?![\w.])/g }
];

const LIST = /<\*>(?:,<\*>)+/g;

/** Replaces recognisable variable values by the wildcard. */
export function maskMessage(message: string): string {
	let out = message;
	for (const r of RULES) out = out.replace(r.re, WILDCARD);
	// A list of values (`10.0.0.1,10.0.0.2`) is one variable, whatever its length.
	return out.replace(LIST, WILDCARD);
}

const HAS_DIGIT = /\d/;
/** A long run of hex digits, as in ids and hashes. */
const HEXISH = /^[0-9a-fA-F]{16,}$/;

/** True when a token looks like a value rather than a word of the template. */
export function isVariableToken(token: string): boolean {
	return token === WILDCARD || HAS_DIGIT.test(token) || HEXISH.test(token);
}

/** A tokenised message: tokens plus the text between them, so a template can be printed back. */
export interface Tokens {
	/** The tokens, in order. */
	tokens: string[];
	/** gaps[i] is the text before tokens[i] (whitespace, or '' where a separator was split off). */
	gaps: string[];
}

const TOKEN_OR_SPACE = /(\s+)|([=,;])|([^\s=,;]+)/g;

/**
 * Splits a masked message into tokens: whitespace separates tokens, and the separators that glue
 * keys to values (`=`, `,`, `;`, brackets, quotes) become tokens of their own, so `key=value`
 * compares key-wise and `rhost=<*>` matches whatever the value was.
 */
export function tokenize(masked: string): Tokens {
	const tokens: string[] = [];
	const gaps: string[] = [];
	let gap = '';
	let runShape = '';
	TOKEN_OR_SPACE.lastIndex = 0;
	for (let m = TOKEN_OR_SPACE.exec(masked); m !== null; m = TOKEN_OR_SPACE.exec(masked)) {
		if (m[1] !== undefined) {
			gap = m[1];
			continue;
		}
		const shape = idShape(m[0]);
		if (shape !== '' && shape === runShape && gap.length > 0) {
			// A list of ids (`blk_1 blk_-2 blk_3`) is one variable, whatever its length.
			tokens[tokens.length - 1] = WILDCARD;
		} else {
			runShape = shape;
			tokens.push(m[0]);
			gaps.push(gap);
		}
		gap = '';
	}
	return { tokens, gaps };
}

/** The shape of an id-like token (`blk_-12` → `blk_#`), or '' when it is not one. */
function idShape(token: string): string {
	if (!HAS_DIGIT.test(token) && !token.includes(WILDCARD)) return '';
	const shape = token.replace(/-?(?:\d+|<\*>)/g, '#');
	return /[A-Za-z]/.test(shape) ? shape : '';
}

/** Joins tokens back with the gaps of a representative line. */
export function joinTokens(tokens: string[], gaps: string[]): string {
	let out = '';
	for (let i = 0; i < tokens.length; i++) out += (i > 0 ? gaps[i] : '') + tokens[i];
	return out;
}
