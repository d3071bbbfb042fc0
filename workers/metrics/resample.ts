/**
 * Resampling to a fixed step. Buckets are aligned to multiples of the step since the epoch (so two
 * series resampled alike line up), and a bucket without a finite value stays NaN: gaps stay gaps,
 * never invented zeros — a missing scrape is not a quiet minute.
 */

import type { Aggregate } from '../shared/outputs-metrics';

export type { Aggregate };

/** A regularly sampled series: t[i] = start + i * stepMs (epoch ms), NaN where a bucket is empty. */
export interface Regular {
	/** Bucket start times, epoch ms. */
	t: Float64Array;
	/** Aggregated values; NaN = no data in the bucket. */
	v: Float64Array;
	/** The step, ms. */
	stepMs: number;
}

/**
 * Resamples (t ascending, epoch ms) to `stepMs` buckets [k·step, (k+1)·step). NaN inputs are
 * ignored. `range` (inclusive) limits the buckets; default: first to last sample.
 */
export function resample(
	t: Float64Array,
	v: Float64Array,
	stepMs: number,
	agg: Aggregate = 'mean',
	range?: { start: number; end: number }
): Regular {
	if (!(stepMs > 0) || !Number.isFinite(stepMs)) {
		throw new RangeError(`resample step must be a positive number of ms, got ${stepMs}`);
	}
	if (t.length === 0 && !range) return { t: new Float64Array(0), v: new Float64Array(0), stepMs };
	const first = Math.floor((range?.start ?? t[0]) / stepMs) * stepMs;
	const last = Math.floor((range?.end ?? t[t.length - 1]) / stepMs) * stepMs;
	const n = Math.max(0, Math.round((last - first) / stepMs) + 1);
	const out = new Float64Array(n).fill(NaN);
	const count = new Uint32Array(n);
	for (let i = 0; i < t.length; i++) {
		const x = v[i];
		if (!Number.isFinite(x)) continue;
		const k = Math.floor((t[i] - first) / stepMs);
		if (k < 0 || k >= n) continue;
		const c = count[k]++;
		if (c === 0) out[k] = x;
		else if (agg === 'max') out[k] = Math.max(out[k], x);
		else if (agg === 'last') out[k] = x;
		else out[k] += x;
	}
	if (agg === 'mean') for (let k = 0; k < n; k++) if (count[k] > 1) out[k] /= count[k];
	const times = Float64Array.from({ length: n }, (_, k) => first + k * stepMs);
	return { t: times, v: out, stepMs };
}

/** Median spacing of `t` (ms): the natural step of a series; NaN with fewer than 2 points. */
export function medianStep(t: ArrayLike<number>): number {
	if (t.length < 2) return NaN;
	const d = new Float64Array(t.length - 1);
	for (let i = 1; i < t.length; i++) d[i - 1] = t[i] - t[i - 1];
	d.sort();
	const m = d.length >> 1;
	return d.length % 2 ? d[m] : (d[m - 1] + d[m]) / 2;
}
