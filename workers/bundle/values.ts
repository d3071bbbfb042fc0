/**
 * Metric values. A missing sample is common (scrape failures) and becomes a NaN gap; anything
 * else that is not a finite number is an error, because silently dropping it would hide a broken
 * export.
 */

/** The `expected` text of every metric value issue. */
export const VALUE_EXPECTED = 'a number (or an empty cell / NaN / null / NA / N/A for a gap)';

/** Tokens that mean "no value" (compared case-insensitively, after trimming). */
export const GAP_TOKENS = ['', 'nan', 'null', 'na', 'n/a'] as const;

function isGapToken(s: string): boolean {
	const t = s.trim().toLowerCase();
	return t === '' || t === 'nan' || t === 'null' || t === 'na' || t === 'n/a';
}

/**
 * A metric cell → number, NaN for a gap, undefined for garbage. The fast path is Number(): it is
 * the quickest correct float parser in JS, so we only guard its leniencies (empty string → 0,
 * hex/binary/octal literals, Infinity).
 */
export function parseValue(s: string): number | undefined {
	const len = s.length;
	if (len === 0) return NaN;
	const c0 = s.charCodeAt(0);
	const n = Number(s);
	if (n === n) {
		if ((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46 || c0 === 43) {
			if (n === Infinity || n === -Infinity) return undefined;
			if (len > 2 && c0 === 48) {
				const c1 = s.charCodeAt(1) | 32;
				if (c1 === 120 || c1 === 98 || c1 === 111) return undefined; // 0x 0b 0o
			}
			return n;
		}
		// Leading whitespace, or a word Number() accepts ('Infinity'): retry trimmed.
		const t = s.trim();
		if (t === '') return NaN;
		return t === s ? undefined : parseValue(t);
	}
	return isGapToken(s) ? NaN : undefined;
}

/** A JSON metric value (number, null, or a string parsed like a CSV cell). */
export function parseJsonValue(v: unknown): number | undefined {
	if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
	if (v === null) return NaN;
	if (typeof v === 'string') return parseValue(v);
	return undefined;
}

/** Units implied by conventional metric-name suffixes (wide CSV headers have no unit column). */
const SUFFIX_UNITS: [string, string][] = [
	['_ms', 'ms'],
	['_seconds', 's'],
	['_rpm', 'rpm'],
	['_rps', 'rps'],
	['_pct', '%'],
	['_percent', '%'],
	['_bytes', 'bytes']
];

export function unitFromMetricName(metric: string): string | undefined {
	for (const [suffix, unit] of SUFFIX_UNITS) if (metric.endsWith(suffix)) return unit;
	return undefined;
}
