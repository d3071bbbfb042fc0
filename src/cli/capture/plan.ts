/**
 * What a capture asks for: the step ("auto" keeps every series under MAX_POINTS points, on a
 * round step), the queries (rejoined when the option parser split them at commas), limits.
 */
import { invalidOption } from '../options';

/** Points per series an automatic step aims to stay under. */
export const MAX_POINTS = 2000;
/** Round steps, seconds. */
const NICE_STEPS = [
	1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400
];

/** The smallest round step giving at most MAX_POINTS points over [from, to] (ms). */
export function autoStep(from: number, to: number): number {
	const need = (to - from) / 1000 / MAX_POINTS;
	return NICE_STEPS.find((s) => s >= need) ?? Math.ceil(need);
}

/** `--step`: "auto", seconds, or a duration such as 30s, 5m, 1h. Returns seconds. */
export function parseStep(raw: string, from: number, to: number): number {
	if (raw === 'auto') return autoStep(from, to);
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
	const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[m?.[2] ?? 's'] ?? 1;
	const step = m ? Number(m[1]) * unit : NaN;
	if (!(step > 0)) throw invalidOption('step', '"auto" or a duration such as 30s, 5m, 1h', raw);
	return step;
}

/**
 * The option parser splits list values at commas, but PromQL and LogQL use commas inside
 * (), {}, [] and strings only: items are glued back until brackets and quotes balance.
 */
export function rejoinQueries(items: string[]): string[] {
	const out: string[] = [];
	let cur: string | undefined;
	for (const item of items) {
		cur = cur === undefined ? item : `${cur}, ${item}`;
		if (balanced(cur)) {
			out.push(cur);
			cur = undefined;
		}
	}
	if (cur !== undefined) out.push(cur);
	return out;
}

function balanced(q: string): boolean {
	let depth = 0;
	let quote: string | undefined;
	for (let i = 0; i < q.length; i++) {
		const c = q[i];
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'" || c === '`') quote = c;
		else if (c === '(' || c === '{' || c === '[') depth++;
		else if (c === ')' || c === '}' || c === ']') depth--;
	}
	return depth <= 0 && quote === undefined;
}

/** "2m" / "1h30m" style for messages. */
export function formatStep(s: number): string {
	if (s % 3600 === 0) return `${s / 3600}h`;
	if (s % 60 === 0) return `${s / 60}m`;
	return `${s}s`;
}
