/**
 * Redaction before anything leaves the browser. Each pattern replaces its matches with a typed
 * placeholder ([email], [ip], ...) so the model still sees that something was there.
 */

/** A named pattern; `pattern` is a JavaScript regular expression source (flags 'g' + `flags`). */
export interface RedactionRule {
	name: string;
	pattern: string;
	/** Extra flags besides 'g' (e.g. 'i'). */
	flags?: string;
}

/** The default rules, applied in order (keys before emails before ids: more specific first). */
export const DEFAULT_RULES: readonly RedactionRule[] = [
	{
		name: 'secret',
		pattern:
			'\\b(?:api[_-]?key|access[_-]?key|secret|token|password|passwd|pwd|authorization)\\b\\s*[:=]\\s*(?:bearer\\s+)?[^\\s,;"\']+',
		flags: 'i'
	},
	{ name: 'bearer', pattern: '\\bbearer\\s+[a-z0-9._~+/=-]{8,}', flags: 'i' },
	{ name: 'key', pattern: '\\b(?:sk|gsk|pk|rk|ghp|xox[abp])[-_][A-Za-z0-9_-]{12,}' },
	{ name: 'key', pattern: '\\bAKIA[0-9A-Z]{16}\\b' },
	{ name: 'jwt', pattern: '\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+' },
	{ name: 'email', pattern: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}' },
	{ name: 'ip', pattern: '\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?\\b' },
	{ name: 'ip', pattern: '\\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\\b', flags: 'i' },
	{
		name: 'user',
		pattern:
			'\\b(?:user(?:[_-]?id)?|uid|customer(?:[_-]?id)?|account(?:[_-]?id)?)\\s*[:=]\\s*[^\\s,;"\']+',
		flags: 'i'
	}
];

export interface RedactionResult {
	text: string;
	/** Replacements per rule name. */
	counts: Record<string, number>;
}

/** Compiles rules once; an invalid user pattern is reported by name instead of thrown later. */
export function compileRules(rules: readonly RedactionRule[]): { name: string; re: RegExp }[] {
	return rules.map((r) => {
		try {
			return { name: r.name, re: new RegExp(r.pattern, 'g' + (r.flags ?? '').replace('g', '')) };
		} catch (err) {
			throw new Error(
				`redaction rule "${r.name}" is not a valid pattern: ${(err as Error).message}`
			);
		}
	});
}

/** Applies every rule to `text`, adding to `counts`. */
export function redact(
	text: string,
	rules: { name: string; re: RegExp }[],
	counts: Record<string, number> = {}
): RedactionResult {
	let out = text;
	for (const { name, re } of rules) {
		re.lastIndex = 0;
		out = out.replace(re, () => {
			counts[name] = (counts[name] ?? 0) + 1;
			return `[${name}]`;
		});
	}
	return { text: out, counts };
}
