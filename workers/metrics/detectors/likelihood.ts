/**
 * NAB's anomaly likelihood (Ahmad, Lavin, Purdy & Agha 2017, "Unsupervised real-time anomaly
 * detection for streaming data", Neurocomputing 262, §3.3; numenta/nupic
 * `algorithms/anomaly_likelihood.py`), applied to the residual z-scores. The raw anomaly score
 * of a point is 1 − 2Q(|z|) ∈ [0, 1) (how unusual its residual is under the robust normal
 * scale; HTM's raw score is also in [0, 1]); its mean over the last `short` points is compared
 * with the Gaussian of that mean over the `long` points before (mean floored at 0.03, variance
 * at 0.0003, as nupic does), and the point is unlikely when the upper tail is at most `epsilon`.
 * The short mean turns a sustained moderate departure — an hour of residuals at 2–3 σ, none of
 * them novel or non-routine on its own — into one large one; the long distribution makes a
 * noisy or bursty series need more than a quiet one. A single spike moves the mean by at most
 * 1/short: spikes stay the point test's job. Causal: point i is judged on means ending at i,
 * against means that ended before it.
 */

import { rollingMean } from '../rolling';

export interface LikelihoodOptions {
	/** Points averaged into the short-term score (nupic's averagingWindow, 10). */
	short: number;
	/** Points of the distribution of that average (nupic's historicWindowSize, 8 640). */
	long: number;
	/** Upper-tail probability at or below which a point is unlikely. */
	epsilon: number;
}

/**
 * epsilon = 10^−5.42 ≈ 3.8e-6: the threshold NAB's own sweep chose for HTM over the whole NAB
 * corpus (0.5422 on NAB's log scale, log10(1 − L) / −10; `results/numenta_*_scores.csv`), not a
 * value fitted here.
 */
export const LIKELIHOOD_DEFAULTS: LikelihoodOptions = {
	short: 10,
	long: 8640,
	epsilon: 3.8e-6
};

/** Upper tail of the standard normal, Q(x) = erfc(x / √2) / 2 (Abramowitz & Stegun 7.1.26). */
export function normalTail(x: number): number {
	if (x < 0) return 1 - normalTail(-x);
	const u = x / Math.SQRT2;
	const k = 1 / (1 + 0.3275911 * u);
	const poly =
		k *
		(0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
	return (poly * Math.exp(-u * u)) / 2;
}

/** Mean of the finite values of x in (i − w, i], NaN with fewer than w / 2 of them. */
export function trailingMean(x: Float64Array, w: number): Float64Array {
	return rollingMean(x, { window: w, minPeriods: Math.ceil(w / 2) });
}

/**
 * Per point, the upper-tail probability of its short-term mean raw score (1 = not unusual; NaN
 * until `short` / 2 scores and 100 earlier means exist).
 */
export function anomalyLikelihood(z: Float64Array, opts: LikelihoodOptions): Float64Array {
	const raw = z.map((x) => (Number.isFinite(x) ? 1 - 2 * normalTail(Math.abs(x)) : NaN));
	const m = trailingMean(raw, opts.short);
	const out = new Float64Array(z.length).fill(NaN);
	// Running sums of the means in (i − long, i − 1]; the raw scores are bounded, so plain sums
	// stay exact enough.
	let s1 = 0;
	let s2 = 0;
	let k = 0;
	for (let i = 0; i < z.length; i++) {
		// 100 earlier means first (nupic's estimationSamples).
		if (k >= Math.min(100, opts.long) && Number.isFinite(m[i])) {
			const mu = Math.max(s1 / k, 0.03);
			const sd = Math.sqrt(Math.max(s2 / k - (s1 / k) ** 2, 0.0003));
			out[i] = m[i] > mu ? normalTail((m[i] - mu) / sd) : 1;
		}
		if (Number.isFinite(m[i])) {
			s1 += m[i];
			s2 += m[i] * m[i];
			k++;
		}
		const j = i - opts.long + 1;
		if (j >= 0 && Number.isFinite(m[j])) {
			s1 -= m[j];
			s2 -= m[j] * m[j];
			k--;
		}
	}
	return out;
}
