/**
 * When a series left normal, from the shared anomaly detector (issue 15, item 4). The ranking
 * decides *whether* a quantity is anomalous, and finds a first onset, by its own baseline
 * comparison (score.ts: 3 points in a row over the threshold). That onset is the moment the
 * excursion was already large; the detector, which judges each point against the series' own
 * recent history (trailing / seasonal expected value, robust residual scale), marks where the
 * same excursion began: the start of its anomaly window around the ranking's onset. Onsets order
 * causes before symptoms (precedence.ts, explain.ts). Only data up to the incident's end is read.
 */
import { ALERT_DEFAULTS, detectAlerts } from '../metrics/detectors/alerts';
import type { Direction } from '../shared/classify';
import type { RcaSeriesInput, Window } from './types';

/** Finite points of `s` up to `end` (the detector wants no gaps as NaN runs at the start). */
function upTo(s: RcaSeriesInput, end: number): { t: Float64Array; v: Float64Array } {
	const t: number[] = [];
	const v: number[] = [];
	for (let i = 0; i < s.t.length && s.t[i] <= end; i++) {
		if (!Number.isFinite(s.v[i])) continue;
		t.push(s.t[i]);
		v.push(s.v[i]);
	}
	return { t: Float64Array.from(t), v: Float64Array.from(v) };
}

/**
 * Where the excursion that contains `own` (the ranking's threshold onset) began, by the detector:
 * the start of the detector's bad-direction window around `own`, when that lies inside the
 * incident window; undefined when the detector has no such window.
 */
export function detectorOnset(
	s: RcaSeriesInput,
	incident: Window,
	direction: Direction,
	own: number
): number | undefined {
	const { t, v } = upTo(s, incident.end);
	if (t.length < 3) return undefined;
	const { windows, z } = detectAlerts(t, v, ALERT_DEFAULTS);
	for (const w of windows) {
		if (t[w.start] < incident.start || t[w.start] > own || t[w.end] < own) continue;
		const up = z[w.start] > 0;
		if (direction === 'both' || (direction === 'up') === up) return t[w.start];
	}
	return undefined;
}
