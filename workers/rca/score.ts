/**
 * Robust scoring of one series: how far the incident window departs from the baseline, in units
 * of the baseline's robust spread (BARO, Pham et al. FSE 2024: median and inter-quartile range of
 * the normal period). The spread is floored by a *minimum detectable change* that depends on what
 * the numbers are (classify.ts), because a baseline that happens to be flat (0 requests, an idle
 * node at 0 %, a gauge stuck at one value) has no spread at all, and dividing by a tiny number
 * turns every wobble into a "1e9 sigma" anomaly. Counts get a Poisson floor (sqrt of the level),
 * percentages an absolute floor in points, everything else a fraction of its level.
 */
import { quantileSorted } from '../metrics/quantile';
import type { Direction, MetricClass, ValueKind } from '../shared/classify';

/** The one quantile rule (numpy's linear), re-exported for the ranking's modules. */
export { quantileSorted };

export const finiteSorted = (v: ArrayLike<number>): Float64Array =>
	Float64Array.from(Array.from(v).filter(Number.isFinite)).sort();

/** Settings of the scorer (one set for every dataset; see docs/rca.md for their sensitivity). */
export interface ScoreSettings {
	/** Fraction of the level below which a change is not detectable (durations, bytes, levels). */
	relativeFloor: number;
	/** Absolute floor for percentages, in points (a 0.5-point move of 0-100 % is noise). */
	percentFloor: number;
	/** The score is the k-th largest deviation, k = max(2, floor(peakFraction × n)) (1 below 3 points): sustained, not one spike. */
	peakFraction: number;
}

export const DEFAULT_SCORE: ScoreSettings = {
	relativeFloor: 0.1,
	percentFloor: 0.5,
	peakFraction: 0.1
};

/** Location and spread of a baseline window. */
export interface Baseline {
	median: number;
	/** Spread used for z (same units as the values). */
	scale: number;
	/** Which estimator set the spread: the data's own spread, or the kind's floor. */
	scaleKind: 'iqr' | 'mad' | 'floor';
	n: number;
}

/** The smallest change of this kind of value that counts, at a given level. */
export function minimumChange(
	kind: ValueKind,
	level: number,
	s: ScoreSettings,
	msPerUnit?: number
): number {
	const a = Math.abs(level);
	switch (kind) {
		case 'percent':
			return s.percentFloor;
		case 'ratio':
			return s.percentFloor / 100;
		case 'count':
			// Poisson: a count around λ wanders by about sqrt(λ); never below one event.
			return Math.max(Math.sqrt(a), s.relativeFloor * a, 1);
		case 'duration':
			// 1 ms is below any latency an SRE would page on, whatever the level.
			return Math.max(s.relativeFloor * a, msPerUnit ? 1 / msPerUnit : 0, 1e-12);
		case 'temperature':
			return 1;
		case 'bytes':
		case 'level':
			return Math.max(s.relativeFloor * a, 1e-12);
	}
}

/** The 90th percentile of |values| of the baseline, or of `extra` (the incident) when the baseline is all 0. */
function typicalLevel(sorted: Float64Array, extra: ArrayLike<number> | undefined): number {
	const abs = (v: ArrayLike<number>) => finiteSorted(Array.from(v, Math.abs));
	const t = quantileSorted(abs(sorted), 0.9);
	return t > 0 || !extra ? t : quantileSorted(abs(extra), 0.9);
}

export function robustBaseline(
	values: ArrayLike<number>,
	cls: MetricClass,
	s: ScoreSettings = DEFAULT_SCORE,
	/** The incident values: only used to size the floor of a baseline that is all 0. */
	extra?: ArrayLike<number>
): Baseline {
	const sorted = finiteSorted(values);
	if (sorted.length === 0) throw new RangeError('the baseline window has no values');
	const median = quantileSorted(sorted, 0.5);
	// Both as standard-deviation equivalents, so a threshold of 3 means what it says.
	const iqr = (quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) / 1.349;
	const mad =
		quantileSorted(finiteSorted(Array.from(sorted, (v) => Math.abs(v - median))), 0.5) * 1.4826;
	// A gauge that sat at 0 has no level to take a fraction of: use its typical non-zero size.
	const level = median !== 0 ? median : typicalLevel(sorted, extra);
	const floor = minimumChange(cls.kind, level, s, cls.msPerUnit);
	const spread = Math.max(iqr, mad);
	if (spread >= floor)
		return { median, scale: spread, scaleKind: iqr >= mad ? 'iqr' : 'mad', n: sorted.length };
	return { median, scale: floor, scaleKind: 'floor', n: sorted.length };
}

/** The bad-direction deviation of one value, in spreads (0 when it moved the harmless way). */
export function badZ(v: number, b: Baseline, direction: Direction): number {
	const z = (v - b.median) / b.scale;
	return direction === 'up' ? Math.max(0, z) : direction === 'down' ? Math.max(0, -z) : Math.abs(z);
}

/**
 * Counts are compared as counts: the incident window's total against what the baseline rate
 * predicts for as many buckets, on the variance-stabilised scale of the Poisson distribution
 * (Anscombe: 2·sqrt(x + 3/8) is close to normal with unit variance), divided by the baseline's
 * over-dispersion. Nine error lines where the baseline logged none is then a strong signal even
 * when no single bucket holds more than two, and a busy, bursty request counter is not.
 */
export function countZ(
	baseline: Float64Array,
	incident: Float64Array,
	direction: Direction
): number {
	if (baseline.length === 0 || incident.length === 0) return 0;
	const mean = baseline.reduce((a, v) => a + v, 0) / baseline.length;
	const variance =
		baseline.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, baseline.length - 1);
	const dispersion = Math.max(1, mean > 0 ? variance / mean : variance);
	const expected = Math.max(0, mean) * incident.length;
	const observed = Math.max(
		0,
		incident.reduce((a, v) => a + v, 0)
	);
	const z =
		(2 * (Math.sqrt(observed + 0.375) - Math.sqrt(expected + 0.375))) / Math.sqrt(dispersion);
	return direction === 'up' ? Math.max(0, z) : direction === 'down' ? Math.max(0, -z) : Math.abs(z);
}

/** Scored departure of an incident window from its baseline. */
export interface SeriesScore {
	/** Sustained bad-direction deviation: k-th largest z (see ScoreSettings.peakFraction), or for counts the window's Poisson z (countZ). */
	score: number;
	/** Signed z of the most extreme incident point. */
	peakZ: number;
	/** Index into the incident window where the deviation first reached the threshold (-1: never). */
	onsetIndex: number;
	incidentMedian: number;
	baseline: Baseline;
}

export function scoreSeries(
	baseline: ArrayLike<number>,
	incident: ArrayLike<number>,
	cls: MetricClass,
	threshold: number,
	s: ScoreSettings = DEFAULT_SCORE
): SeriesScore {
	const b = robustBaseline(baseline, cls, s, incident);
	const zs: number[] = [];
	let peakZ = 0;
	let onsetIndex = -1;
	// The onset starts a run of `need` points at or above the threshold: noise crosses once.
	const need = Math.min(3, incident.length);
	let run = 0;
	for (let i = 0; i < incident.length; i++) {
		const v = incident[i];
		if (!Number.isFinite(v)) continue;
		const z = badZ(v, b, cls.direction);
		zs.push(z);
		const signed = (v - b.median) / b.scale;
		if (Math.abs(signed) > Math.abs(peakZ)) peakZ = signed;
		run = z >= threshold ? run + 1 : 0;
		if (onsetIndex < 0 && run === need) onsetIndex = i - need + 1;
	}
	zs.sort((x, y) => y - x);
	// Two points at least once there are three: one stray sample is not an incident.
	const k = zs.length <= 2 ? 1 : Math.max(2, Math.floor(s.peakFraction * zs.length));
	const inc = finiteSorted(incident);
	const score =
		cls.kind === 'count'
			? countZ(finiteSorted(baseline), inc, cls.direction)
			: zs.length
				? zs[Math.min(k, zs.length) - 1]
				: 0;
	return { score, peakZ, onsetIndex, incidentMedian: quantileSorted(inc, 0.5), baseline: b };
}
