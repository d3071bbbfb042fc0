/**
 * Which points the forecaster fits: the regime the series is in now, as the shared detector
 * (detectors/alerts.ts) sees it. A straight line through the last 50 points is the seed's method;
 * during an incident those 50 points straddle its onset, so the line mixes the calm before with
 * the climb after and under-projects the climb (or, once a level shift has settled, projects a
 * climb that has stopped). So, with the detector's windows known at the moment of the forecast:
 * - an anomaly still going on, with at least `MIN_REGIME_POINTS` points: fit its points only
 *   (at most the last `window`), the trend since the onset;
 * - else, an anomaly that ended inside the last `window` points and was followed by at least
 *   `MIN_REGIME_POINTS` points: fit the points after it (the series since it settled);
 * - else the last `window` points, as the seed does.
 * Measured in `npm run eval -- forecast` (30-min projection error inside and outside labelled
 * anomaly windows, NAB AWS and synthetic corpora); docs/metrics.md, "Forecaster".
 */
import { ALERT_DEFAULTS, detectAlerts } from './detectors/alerts';

/** How the fitted points were chosen. */
export type FitBasis = 'recent' | 'since-onset' | 'after-anomaly';

/** An anomaly window of the detector, as indexes, with the index at which it was raised. */
export interface KnownAnomaly {
	start: number;
	end: number;
	raisedAt: number;
}

/** Fewest points of a regime worth a line of its own (fewer: the last `window` points). */
export const MIN_REGIME_POINTS = 10;

/** The detector's windows over the first `end` points (ALERT_DEFAULTS, the anomalies cell's). */
export function detectorAnomalies(
	t: Float64Array,
	v: Float64Array,
	end = t.length
): KnownAnomaly[] {
	const r = detectAlerts(t.subarray(0, end), v.subarray(0, end));
	return r.windows.map((w, k) => ({ start: w.start, end: w.end, raisedAt: r.alerts[k].index }));
}

export interface FitChoice {
	/** Indexes fitted, ascending. */
	idx: number[];
	basis: FitBasis;
	/** The anomaly the choice followed (since its onset, or after its end). */
	anomaly?: { start: number; end: number };
}

/**
 * The points to fit for a forecast made at index `last` (inclusive): see the module comment.
 * `anomalies` are in time order, as detectorAnomalies gives them. Only anomalies raised at or
 * before `last` count (a replay must not know later alerts), and an anomaly's end is cut at
 * `last`. It is "going on" when its last anomalous point is within the detector's `mergeGap` of
 * `last` (runs that close form one window).
 */
export function chooseFit(
	v: Float64Array,
	last: number,
	window: number,
	anomalies: readonly KnownAnomaly[],
	minPoints = MIN_REGIME_POINTS
): FitChoice {
	const finiteFrom = (from: number) => {
		const idx: number[] = [];
		for (let i = last; i >= from && idx.length < window; i--)
			if (Number.isFinite(v[i])) idx.push(i);
		return idx.reverse();
	};
	const recent = finiteFrom(0);
	// The last anomaly raised by `last`. Windows come in time order and each is raised inside
	// itself, so raisedAt increases: a binary search (the replay asks at every sample).
	let lo = 0;
	let hi = anomalies.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (anomalies[mid].raisedAt <= last) lo = mid + 1;
		else hi = mid;
	}
	const known = anomalies[lo - 1];
	if (!known) return { idx: recent, basis: 'recent' };
	const end = Math.min(known.end, last);
	const anomaly = { start: known.start, end };
	if (last - end <= ALERT_DEFAULTS.mergeGap) {
		// An onset before the last `window` points leaves those points: the seed's choice.
		const since = finiteFrom(known.start);
		return since.length >= minPoints && since[0] > recent[0]
			? { idx: since, basis: 'since-onset', anomaly }
			: { idx: recent, basis: 'recent' };
	}
	const after = finiteFrom(end + 1);
	const inRange = recent.length > 0 && end >= recent[0];
	return inRange && after.length >= minPoints
		? { idx: after, basis: 'after-anomaly', anomaly }
		: { idx: recent, basis: 'recent' };
}
