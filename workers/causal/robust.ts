/**
 * Robust baseline-vs-incident statistics (BARO-style, Pham et al. FSE 2024 / RCAEval): each
 * incident value is scaled by the baseline's median and inter-quartile range; a metric's score is
 * the largest scaled deviation. Zero IQR (flat baselines) falls back to the scaled MAD, then the
 * standard deviation, each floored at 1 % of the baseline level, so the score is always finite.
 */

/** Linear-interpolation quantile of sorted values (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const pos = (n - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.min(n - 1, lo + 1);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const finiteSorted = (v: ArrayLike<number>): Float64Array =>
	Float64Array.from(Array.from(v).filter(Number.isFinite)).sort();

/** Location and scale of a baseline window. */
export interface RobustBaseline {
	median: number;
	/** Scale used for z-scores, and which estimator produced it. */
	scale: number;
	scaleKind: 'iqr' | 'mad' | 'sd' | 'level';
	n: number;
}

export function robustBaseline(values: ArrayLike<number>): RobustBaseline {
	const s = finiteSorted(values);
	if (s.length === 0) throw new RangeError('the baseline window has no values');
	const median = quantileSorted(s, 0.5);
	const iqr = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
	if (iqr > 0) return { median, scale: iqr, scaleKind: 'iqr', n: s.length };
	// A flat baseline has no usable spread: a change must then also exceed 1 % of the level, or a
	// near-constant gauge (memory of an idle container) would outrank every real fault.
	const level = Math.max(Math.abs(median) * 0.01, 1e-9);
	const mad =
		quantileSorted(finiteSorted(Array.from(s, (v) => Math.abs(v - median))), 0.5) * 1.4826;
	if (mad > level) return { median, scale: mad, scaleKind: 'mad', n: s.length };
	const mean = s.reduce((a, v) => a + v, 0) / s.length;
	const sd = Math.sqrt(s.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, s.length - 1));
	if (sd > level) return { median, scale: sd, scaleKind: 'sd', n: s.length };
	return { median, scale: level, scaleKind: 'level', n: s.length };
}

/** Scored deviation of an incident window from its baseline. */
export interface RobustScore {
	/** Largest |x - median| / scale over the incident window. */
	score: number;
	/** Signed z of that point (positive = above baseline). */
	peakZ: number;
	/** Index in the incident window where |z| >= threshold starts to hold for 3 points in a row (-1 = never). */
	firstExceed: number;
	/** Median of the incident window (for the evidence). */
	incidentMedian: number;
	baseline: RobustBaseline;
}

export function robustScore(
	baseline: ArrayLike<number>,
	incident: ArrayLike<number>,
	threshold: number
): RobustScore {
	const b = robustBaseline(baseline);
	let score = 0;
	let peakZ = 0;
	let firstExceed = -1;
	let run = 0;
	for (let i = 0; i < incident.length; i++) {
		const v = incident[i];
		if (!Number.isFinite(v)) continue;
		const z = (v - b.median) / b.scale;
		if (Math.abs(z) > score) {
			score = Math.abs(z);
			peakZ = z;
		}
		// Sustained, not a single spike: the onset is where a run of 3 exceedances starts.
		run = Math.abs(z) >= threshold ? run + 1 : 0;
		if (firstExceed < 0 && run === Math.min(3, incident.length)) firstExceed = i - run + 1;
	}
	const inc = finiteSorted(incident);
	return { score, peakZ, firstExceed, incidentMedian: quantileSorted(inc, 0.5), baseline: b };
}
