/** Binary searches over sorted timestamp arrays (series and log times are sorted ascending). */

/** First index i in [lo, hi) with t[i] >= x (hi when none). */
export function lowerBound(t: ArrayLike<number>, x: number, lo = 0, hi = t.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (t[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** First index i in [lo, hi) with t[i] > x (hi when none). */
export function upperBound(t: ArrayLike<number>, x: number, lo = 0, hi = t.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (t[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Index in [lo, hi) of the value of sorted `t` nearest to x (the earlier one on a tie); -1 when
 * the range is empty. lowerBound alone returns the first value at or after x, which on a series
 * with jittered sample times is as often a whole step away as next to it.
 */
export function nearest(t: ArrayLike<number>, x: number, lo = 0, hi = t.length): number {
	if (lo >= hi) return -1;
	const j = lowerBound(t, x, lo, hi);
	if (j === hi) return hi - 1;
	if (j > lo && x - t[j - 1] <= t[j] - x) return j - 1;
	return j;
}

/** Index span [from, to) of the values of sorted `t` inside the closed interval [start, end]. */
export function spanOf(
	t: ArrayLike<number>,
	start: number,
	end: number,
	lo = 0,
	hi = t.length
): [number, number] {
	const from = lowerBound(t, start, lo, hi);
	return [from, Math.max(from, upperBound(t, end, from, hi))];
}
