/**
 * The rarity test: an excursion the series has made often lately, at any time of day, is its
 * routine, not news. The recurrence test (recurrence.ts) catches routine at a fixed time (a
 * nightly job); bursty series — intermittent disk writes, cron-less batch traffic, tweet volume,
 * random spikes — repeat their bursts at irregular times, and each burst that happens to top the
 * last two days (the novelty test) pages. Here an excursion is routine when, in the trailing
 * `windowMs`, at least `count` separate earlier exceedance runs on the same side reached
 * `share` of its |z|: its empirical return period is shorter than windowMs / count (the
 * return-level idea of extreme-value statistics, Coles 2001, "An Introduction to Statistical
 * Modeling of Extreme Values", §4.4.3, estimated by counting instead of by a fitted tail). Runs,
 * not points, are counted, so one long burst counts once. Causal: only earlier runs are read.
 * detectAlerts applies it only on intermittent stretches (a robust residual scale of 0: the
 * series sits at its floor, Croston's setting, "Forecasting and stock control for intermittent
 * demands", Oper. Res. Q. 23, 1972), where a burst's z is unbounded and only its size against
 * earlier bursts says anything; applied everywhere it lost windows (docs/metrics.md, fourth pass).
 */
import { lowerBound } from '../quantile';

export interface RarityOptions {
	/** Look-back, ms. */
	windowMs: number;
	/** Earlier runs needed to make an excursion routine. */
	count: number;
	/** An earlier run counts when its peak |z| reaches this share of the point's |z|. */
	share: number;
}

export const RARITY_DEFAULTS: RarityOptions = {
	windowMs: 7 * 86_400_000,
	count: 3,
	share: 0.8
};

/** Same-sign runs of |z| >= limit: first and last index, peak |z|, sign. */
interface Run {
	start: number;
	end: number;
	peak: number;
	sign: number;
}

/**
 * `frequent(i)`: whether point i's excursion (|z[i]| >= limit) was reached by at least `count`
 * earlier runs on its side within the look-back (runs that ended before i's run began).
 */
export function rarityTest(
	t: Float64Array,
	z: Float64Array,
	limit: number,
	opts: RarityOptions
): (i: number) => boolean {
	const runs: Run[] = [];
	const runOf = new Int32Array(z.length).fill(-1);
	for (let i = 0; i < z.length;) {
		if (!(Math.abs(z[i]) >= limit)) {
			i++;
			continue;
		}
		const sign = Math.sign(z[i]);
		const run: Run = { start: i, end: i, peak: 0, sign };
		while (i < z.length && Math.abs(z[i]) >= limit && Math.sign(z[i]) === sign) {
			run.peak = Math.max(run.peak, Math.abs(z[i]));
			runOf[i] = runs.length;
			run.end = i++;
		}
		runs.push(run);
	}
	const ends = Float64Array.from(runs, (r) => t[r.end]);
	return (i) => {
		const r = runOf[i];
		if (r < 0) return false;
		const need = opts.share * Math.abs(z[i]);
		let seen = 0;
		const from = lowerBound(ends, t[i] - opts.windowMs);
		for (let q = r - 1; q >= from; q--) {
			if (runs[q].sign === runs[r].sign && runs[q].peak >= need && ++seen >= opts.count)
				return true;
		}
		return false;
	};
}
