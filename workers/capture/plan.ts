/**
 * What a capture asks each server for: the step ("auto" keeps every series under MAX_POINTS
 * points, on a round step) and the query_range URLs of Prometheus and of one Loki page.
 */
import type { CaptureLimits, ServerPlan } from './api';

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

/** What a step may be, for error messages of the CLI and the panel alike. */
export const STEP_EXPECTED = '"auto" or a duration such as 30s, 5m, 1h';

/** A step: "auto", seconds, or a duration such as 30s, 5m, 1h. Seconds, or undefined when invalid. */
export function readStep(raw: string, from: number, to: number): number | undefined {
	if (raw.trim() === 'auto' || raw.trim() === '') return autoStep(from, to);
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
	const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[m?.[2] ?? 's'] ?? 1;
	const step = m ? Number(m[1]) * unit : NaN;
	return step > 0 ? step : undefined;
}

/** "2m" / "1h" style for messages. */
export function formatStep(s: number): string {
	if (s % 3600 === 0) return `${s / 3600}h`;
	if (s % 60 === 0) return `${s / 60}m`;
	return `${s}s`;
}

const trimBase = (base: string) => base.replace(/\/+$/, '');

/** Prometheus range query over the whole window (seconds, as its API takes them). */
export function prometheusUrl(plan: ServerPlan, query: string, lim: CaptureLimits): URL {
	const url = new URL(`${trimBase(plan.base)}/api/v1/query_range`);
	url.searchParams.set('query', query);
	url.searchParams.set('start', String(lim.from / 1000));
	url.searchParams.set('end', String(lim.to / 1000));
	url.searchParams.set('step', String(lim.step));
	return url;
}

/** One Loki page: oldest lines first from `startNs` (nanoseconds, inclusive) to the window's end. */
export function lokiUrl(
	plan: ServerPlan,
	query: string,
	lim: CaptureLimits,
	startNs: bigint,
	limit: number
): URL {
	const url = new URL(`${trimBase(plan.base)}/loki/api/v1/query_range`);
	url.searchParams.set('query', query);
	url.searchParams.set('start', `${startNs}`);
	url.searchParams.set('end', `${msToNs(lim.to)}`);
	url.searchParams.set('limit', String(limit));
	url.searchParams.set('direction', 'forward');
	return url;
}

/** Epoch ms as Loki's nanosecond timestamps. */
export const msToNs = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;
