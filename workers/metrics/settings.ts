/**
 * The one place detector defaults live: `aitia anomalies`, the notebook cell and
 * `npm run eval -- nab` all take their settings from here, so the CLI and the evaluation cannot
 * disagree on the same file. The robust detectors' baseline is NAB's probationary period (first
 * 15 % of the rows, at most 750), the period a detector learns on before it is judged.
 * The default detector is `auto` = detectAlerts with ALERT_DEFAULTS (detectors/alerts.ts).
 */
import type { Anomaly } from '../shared/outputs-metrics';
import type { MadOptions, NSigmaOptions } from './detect';
import { nabProbation } from './nab-score';
import { lowerBound } from './quantile';

export { ALERT_DEFAULTS, detectAlerts } from './detectors/alerts';
export type { Alert, AlertResult, AlertSettings, AnomalyWindow } from './detectors/alerts';

/** The learning period of a series: its first 15 % of rows (at most 750). */
export function learningPeriod(t: Float64Array): { start: number; end: number } | undefined {
	const p = nabProbation(t.length);
	return p >= 2 ? { start: t[0], end: t[p - 1] } : undefined;
}

/** Settings of `mad` for a series: the learning period floors the trailing σ. */
export const MAD_DEFAULTS = (t: Float64Array): MadOptions => ({ baseline: learningPeriod(t) });

/** Settings of `nsigma` for a series: "normal" is the learning period. */
export const NSIGMA_DEFAULTS = (t: Float64Array): NSigmaOptions => ({
	baseline: learningPeriod(t)
});

/**
 * Row index of each anomaly's alert: interval detectors reported as alerts, at the row a streaming
 * detector would know the anomaly (`alertT`), not at its start (a look-ahead NAB does not allow).
 */
export function anomalyOnsets(t: Float64Array, anomalies: Anomaly[]): number[] {
	return anomalies.map((a) => lowerBound(t, a.alertT ?? a.start));
}
