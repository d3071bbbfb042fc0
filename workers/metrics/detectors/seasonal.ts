/**
 * Seasonality-aware expected values, learned causally from the history (no look-ahead): the
 * expectation of point i is the median of the same slot in the previous `cycles` days or weeks
 * (seasonal-naive with a robust median, Hyndman & Athanasopoulos, "Forecasting: Principles and
 * Practice", §5.2), or the median of the last `levelPoints` points when the series has no cycle.
 * Which model a point uses is decided online: the seasonal one once the trailing residuals it
 * leaves are clearly smaller than the level model's (a daily cycle inflates the level model's
 * robust scale, which is why plain MAD misses events on series with a strong daily swing).
 * Each cycle is also tried with an offset correction (the median of its last `offsetPoints`
 * residuals added back): a day that runs uniformly lower than the ones before — a weekend, a
 * holiday, a new level — keeps the cycle's shape instead of failing the comparison for a day.
 */
import { nearest } from '../../shared/bisect';
import { medianStep } from '../resample';
import { rollingQuantiles } from '../rolling';

export const DAY_MS = 86_400_000;

export interface SeasonalOptions {
	/** Cycles tried, ms. Default a day and a week. */
	periods?: readonly number[];
	/** Previous cycles whose same slot forms the median. Default 3. */
	cycles?: number;
	/** Points of the level model's trailing median. Default 12. */
	levelPoints?: number;
	/** Points of the trailing residual scale. Default 576 (two days at 5 min). */
	scalePoints?: number;
	/**
	 * A model (level, then each cycle plain and offset-corrected) replaces the one before it when
	 * its residual scale is below this share of that one's. Default 0.8.
	 */
	gain?: number;
	/**
	 * Points of the offset correction: each cycle is also tried with the median of its residuals
	 * over this many preceding points added, so a day that runs uniformly higher or lower than
	 * the days before (a weekend, a holiday, a new level) keeps the cycle's shape. 0 = off.
	 */
	offsetPoints?: number;
}

/** Median of a short list (copied; the lists here hold a few values). */
function median(xs: number[]): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Same-slot median over the previous `cycles` periods, NaN until the history covers two cycles
 * (one day seen once is not a cycle yet, and would be copied forward, odd or not). From then on
 * one matching slot is enough when the others fell in a gap (a scrape outage, a hole in an
 * export): the plain seasonal-naive forecast beats dropping the cycle, which handed that time of
 * day to the level model, whose scale carries the whole swing — on the third day of a series
 * with a gap on the first or second, wherever two of three slots were gaps, and in the third
 * week for the weekly cycle.
 */
function seasonalExpect(t: Float64Array, v: Float64Array, period: number, cycles: number) {
	const out = new Float64Array(v.length).fill(NaN);
	// The median spacing, not the mean: gaps in the series must not widen the slot.
	const step = t.length > 1 ? medianStep(t) : 1;
	for (let i = 0; i < v.length; i++) {
		const xs: number[] = [];
		for (let k = 1; k <= cycles; k++) {
			// The sample nearest the same time one cycle back: sample times jitter (scrapes,
			// exports), so the first sample at or after it is often a whole step late.
			const j = nearest(t, t[i] - k * period, 0, i);
			// The slot must match to within a step, or it is a gap, not the same time of day.
			if (j >= 0 && Math.abs(t[j] - (t[i] - k * period)) <= step && Number.isFinite(v[j])) {
				xs.push(v[j]);
			}
		}
		const seenTwice = t[i] - 2 * period >= t[0] - step;
		if (seenTwice && xs.length) out[i] = median(xs);
	}
	return out;
}

/** Trailing median of the previous `w` points (the current point excluded). */
function levelExpect(v: Float64Array, w: number): Float64Array {
	const [m] = rollingQuantiles(v, [0.5], { window: w, minPeriods: 1 });
	const out = new Float64Array(v.length).fill(NaN);
	out.set(m.subarray(0, v.length - 1), 1);
	return out;
}

/**
 * Robust σ of the residuals in the `w` points before i: 1.4826 · median |r| (the MAD about zero,
 * not about the residuals' own median), so a model that is off by a constant — the level model
 * just after a level shift, a seasonal model that remembers the old level — shows a large scale
 * and loses the comparison below, instead of looking precise. O(n·w).
 */
export function trailingScale(r: Float64Array, w: number): Float64Array {
	const [m] = rollingQuantiles(r.map(Math.abs), [0.5], { window: w, minPeriods: 12 });
	const out = new Float64Array(r.length).fill(NaN);
	for (let i = 1; i < r.length; i++) out[i] = 1.4826 * m[i - 1];
	return out;
}

/** `e` plus the median of its residuals `r` over the `m` points before i (causal). */
function withOffset(e: Float64Array, r: Float64Array, m: number): Float64Array {
	const [med] = rollingQuantiles(r, [0.5], { window: m, minPeriods: Math.ceil(m / 2) });
	const out = new Float64Array(e.length).fill(NaN);
	for (let i = 1; i < e.length; i++) out[i] = e[i] + med[i - 1];
	return out;
}

/** Expected value, robust residual scale and the cycle used (0 = none) for every point. */
export function seasonalBaseline(
	t: Float64Array,
	v: Float64Array,
	opts: SeasonalOptions = {}
): { expected: Float64Array; scale: Float64Array; period: Float64Array } {
	const w = opts.scalePoints ?? 576;
	const gain = opts.gain ?? 0.8;
	const expected = levelExpect(v, opts.levelPoints ?? 12);
	const resid = (e: Float64Array) => Float64Array.from(v, (x, i) => x - e[i]);
	const scale = trailingScale(resid(expected), w);
	const period = new Float64Array(v.length);
	const off = opts.offsetPoints ?? 0;
	for (const p of opts.periods ?? [DAY_MS, 7 * DAY_MS]) {
		const raw = seasonalExpect(t, v, p, opts.cycles ?? 3);
		// A cycle not yet seen twice predicts nothing: skip its scales (half the cost on a week).
		if (!raw.some(Number.isFinite)) continue;
		for (const e of off > 0 ? [raw, withOffset(raw, resid(raw), off)] : [raw]) {
			const s = trailingScale(resid(e), w);
			for (let i = 0; i < v.length; i++) {
				// A model replaces the one before it only when clearly better (by `gain`).
				if (Number.isFinite(s[i]) && Number.isFinite(e[i]) && s[i] < gain * scale[i]) {
					expected[i] = e[i];
					scale[i] = s[i];
					period[i] = p;
				}
			}
		}
	}
	return { expected, scale, period };
}
