/**
 * Quantiles, because danfojs has none. Method: linear interpolation between closest ranks, the
 * default of NumPy's `quantile` (method 'linear') and of pandas' `Series.quantile`.
 */

/**
 * The q-quantile (0 <= q <= 1) of ascending-sorted values without NaN: with h = (n - 1) q,
 * x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]). NaN for an empty input.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile expects 0 <= q <= 1, got ${q}`);
	const h = (n - 1) * q;
	const lo = Math.floor(h);
	if (lo >= n - 1) return sorted[n - 1];
	return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

// The one binary search over sorted times (workers/shared/bisect.ts).
export { lowerBound, upperBound } from '../shared/bisect';
