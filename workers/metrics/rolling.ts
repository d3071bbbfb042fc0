/**
 * Trailing rolling windows over typed arrays (danfojs has no rolling operations). Window i covers
 * indexes (i - w, i]; NaN values are skipped, and a window with fewer than `minPeriods` finite
 * values yields NaN — so a gap shows as a gap rather than as a fabricated statistic.
 */
import { quantileSorted } from './quantile';

/** Rolling window options. */
export interface RollingOptions {
	/** Window length in points (>= 1). */
	window: number;
	/** Finite values a window needs for a result; default 1. */
	minPeriods?: number;
}

function check({ window, minPeriods = 1 }: RollingOptions): number {
	if (!Number.isInteger(window) || window < 1) {
		throw new RangeError(`rolling window must be a positive integer, got ${window}`);
	}
	return Math.max(1, minPeriods);
}

/** Rolling mean in O(n) (running sum over finite values). */
export function rollingMean(v: Float64Array, opts: RollingOptions): Float64Array {
	const minP = check(opts);
	const w = opts.window;
	const out = new Float64Array(v.length);
	let sum = 0;
	let n = 0;
	for (let i = 0; i < v.length; i++) {
		if (Number.isFinite(v[i])) {
			sum += v[i];
			n++;
		}
		const j = i - w;
		if (j >= 0 && Number.isFinite(v[j])) {
			sum -= v[j];
			n--;
		}
		out[i] = n >= minP ? sum / n : NaN;
	}
	return out;
}

/** Rolling maximum in O(n) with a monotonic deque of indexes. */
export function rollingMax(v: Float64Array, opts: RollingOptions): Float64Array {
	const minP = check(opts);
	const w = opts.window;
	const out = new Float64Array(v.length);
	const dq = new Int32Array(v.length);
	let head = 0;
	let tail = 0;
	let n = 0;
	for (let i = 0; i < v.length; i++) {
		if (Number.isFinite(v[i])) {
			while (tail > head && v[dq[tail - 1]] <= v[i]) tail--;
			dq[tail++] = i;
			n++;
		}
		if (i - w >= 0 && Number.isFinite(v[i - w])) n--;
		while (tail > head && dq[head] <= i - w) head++;
		out[i] = n >= minP && tail > head ? v[dq[head]] : NaN;
	}
	return out;
}

/**
 * Slides a window of `w` points over `v`, keeping its finite values sorted (an insert and a delete
 * per step, O(n·w) worst case — fine for windows of hundreds of points), and calls `visit(i,
 * sorted)` with the window (i - w, i].
 */
function slideSorted(
	v: Float64Array,
	w: number,
	visit: (i: number, sorted: Float64Array) => void
): void {
	const sorted = new Float64Array(w);
	let n = 0;
	for (let i = 0; i < v.length; i++) {
		const j = i - w;
		if (j >= 0 && Number.isFinite(v[j])) {
			const at = indexOf(sorted, n, v[j]);
			sorted.copyWithin(at, at + 1, n);
			n--;
		}
		if (Number.isFinite(v[i])) {
			// Binary search for the first value above v[i] (after equal ones, as a scan would).
			let at = 0;
			let hi = n;
			while (at < hi) {
				const mid = (at + hi) >>> 1;
				if (sorted[mid] <= v[i]) at = mid + 1;
				else hi = mid;
			}
			sorted.copyWithin(at + 1, at, n);
			sorted[at] = v[i];
			n++;
		}
		visit(i, sorted.subarray(0, n));
	}
}

/** Rolling quantiles (several q at once) over a sorted window. */
export function rollingQuantiles(
	v: Float64Array,
	qs: readonly number[],
	opts: RollingOptions
): Float64Array[] {
	const minP = check(opts);
	const outs = qs.map(() => new Float64Array(v.length));
	slideSorted(v, opts.window, (i, view) => {
		for (let k = 0; k < qs.length; k++) {
			outs[k][i] = view.length >= minP ? quantileSorted(view, qs[k]) : NaN;
		}
	});
	return outs;
}

/** Index of `x` in the first `n` sorted values (it is known to be there). */
function indexOf(sorted: Float64Array, n: number, x: number): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Rate of change per second over the window: (v[i] − v[first finite in window]) / Δt, using real
 * timestamps so irregular sampling does not distort it. NaN when v[i] is missing or Δt = 0.
 */
export function rollingRate(t: Float64Array, v: Float64Array, opts: RollingOptions): Float64Array {
	check(opts);
	const out = new Float64Array(v.length).fill(NaN);
	for (let i = 0; i < v.length; i++) {
		if (!Number.isFinite(v[i])) continue;
		for (let j = Math.max(0, i - opts.window + 1); j < i; j++) {
			if (!Number.isFinite(v[j])) continue;
			out[i] = (v[i] - v[j]) / ((t[i] - t[j]) / 1000);
			break;
		}
	}
	return out;
}

/**
 * Rolling median and MAD (median absolute deviation from that median) of the window. The MAD is
 * computed exactly per window (a second sort of w deviations), O(n·w·log w).
 */
export function rollingMedianMad(
	v: Float64Array,
	opts: RollingOptions
): { median: Float64Array; mad: Float64Array } {
	const [median] = rollingQuantiles(v, [0.5], opts);
	const mad = new Float64Array(v.length).fill(NaN);
	const dev = new Float64Array(opts.window);
	for (let i = 0; i < v.length; i++) {
		if (Number.isNaN(median[i])) continue;
		let n = 0;
		for (let j = Math.max(0, i - opts.window + 1); j <= i; j++) {
			if (Number.isFinite(v[j])) dev[n++] = Math.abs(v[j] - median[i]);
		}
		mad[i] = quantileSorted(dev.subarray(0, n).sort(), 0.5);
	}
	return { median, mad };
}
