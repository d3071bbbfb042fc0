/**
 * Scoring detectors against labelled anomaly windows (NAB style): window recall (share of
 * labelled windows overlapped by at least one detection) and false positives per 1 000 points
 * (detections that overlap no labelled window). Detections that lie inside the probationary
 * period — the first 15 % of a series, where NAB places no labels and detectors learn — are ignored.
 */
import type { Anomaly } from '../shared/outputs-metrics';

/** A labelled window, inclusive, epoch ms. */
export interface LabelWindow {
	start: number;
	end: number;
}

/** Score of one detector on one series. */
export interface SeriesScore {
	/** Labelled windows. */
	windows: number;
	/** Windows overlapped by a detection. */
	found: number;
	/** Detections overlapping no window. */
	falsePositives: number;
	/** Points after the probationary period. */
	points: number;
}

/** NAB's probationary length: 15 % of the rows, at most 750. */
export function probationRows(n: number): number {
	return Math.min(Math.floor(0.15 * n), 750);
}

export function scoreDetections(
	t: Float64Array,
	detections: Anomaly[],
	windows: LabelWindow[]
): SeriesScore {
	const probation = probationRows(t.length);
	const probationEnd = t[Math.max(0, probation - 1)] ?? -Infinity;
	// A detection reaching past the probationary period counts (merging may start it inside).
	const live = detections.filter((a) => a.end > probationEnd);
	const overlaps = (a: Anomaly, w: LabelWindow) => a.start <= w.end && a.end >= w.start;
	return {
		windows: windows.length,
		found: windows.filter((w) => live.some((a) => overlaps(a, w))).length,
		falsePositives: live.filter((a) => !windows.some((w) => overlaps(a, w))).length,
		points: t.length - probation
	};
}

/** Sums scores (overall row). */
export function totalScore(scores: SeriesScore[]): SeriesScore {
	return scores.reduce(
		(a, s) => ({
			windows: a.windows + s.windows,
			found: a.found + s.found,
			falsePositives: a.falsePositives + s.falsePositives,
			points: a.points + s.points
		}),
		{ windows: 0, found: 0, falsePositives: 0, points: 0 }
	);
}

/** Recall (NaN without windows) and false positives per 1 000 points. */
export function rates(s: SeriesScore): { recall: number; fpPer1000: number } {
	return {
		recall: s.windows ? s.found / s.windows : NaN,
		fpPer1000: s.points ? (1000 * s.falsePositives) / s.points : 0
	};
}
