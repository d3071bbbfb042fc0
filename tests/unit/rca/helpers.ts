/** Tiny incidents for the ranking tests: series with a baseline and an incident half, one per minute. */
import type { RankRequest, RcaSeriesInput, RcaWindows } from '../../../workers/rca/types';

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 0, 1);
/** 60 baseline minutes, then 20 incident minutes. */
export const N_BASE = 60;
export const N_INC = 20;

export const WINDOWS: RcaWindows = {
	baseline: { start: T0, end: T0 + (N_BASE - 1) * MIN },
	incident: { start: T0 + N_BASE * MIN, end: T0 + (N_BASE + N_INC - 1) * MIN },
	onset: T0 + N_BASE * MIN,
	source: { baseline: 'test', incident: 'test' }
};

/** Deterministic wobble in [-1, 1]. */
const wobble = (i: number, k: number) =>
	Math.sin(i * 1.7 + k * 0.9) * 0.5 + Math.sin(i * 0.37 + k) * 0.5;

/**
 * A series: `level` ± `noise` in the baseline, then `incident(i)` (i from 0) in the incident
 * window (default: unchanged).
 */
export function series(
	key: string,
	level: number,
	noise: number,
	incident?: (i: number) => number,
	k = key.length
): RcaSeriesInput {
	const dot = key.indexOf('.');
	const n = N_BASE + N_INC;
	const t = Float64Array.from({ length: n }, (_, i) => T0 + i * MIN);
	const v = Float64Array.from({ length: n }, (_, i) =>
		i < N_BASE || !incident
			? level + noise * wobble(i, k)
			: incident(i - N_BASE) + noise * wobble(i, k)
	);
	return { key, service: key.slice(0, dot), metric: key.slice(dot + 1), t, v };
}

export function request(s: RcaSeriesInput[], extra: Partial<RankRequest> = {}): RankRequest {
	return { series: s, windows: WINDOWS, ...extra };
}

/** Services in rank order. */
export const order = (r: { candidates: { service: string }[] }) =>
	r.candidates.map((c) => c.service);
