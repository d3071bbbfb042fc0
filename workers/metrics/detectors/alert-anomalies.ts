/**
 * The combined detector's alert windows (alerts.ts) in the shape every detector's output has, for
 * the anomalies cell with detector `auto`: one anomaly per window, peak at its largest |z|, with
 * the alert's time and whether it was raised while the detector was still learning the series.
 */
import type { Anomaly } from '../../shared/outputs-metrics';
import { detectAlerts, type AlertSettings } from './alerts';

/**
 * The alert windows of one series as anomalies (the shape every detector's output has), keeping
 * those in `direction` ('above': spikes and upward shifts; 'below': dips and downward shifts).
 */
export function alertAnomalies(
	key: string,
	t: Float64Array,
	v: Float64Array,
	direction?: 'above' | 'below' | 'both',
	settings: Partial<AlertSettings> = {}
): Anomaly[] {
	const r = detectAlerts(t, v, settings);
	const out: Anomaly[] = [];
	for (const [k, w] of r.windows.entries()) {
		let peakAt = w.start;
		for (let i = w.start; i <= w.end; i++)
			if (Math.abs(r.z[i]) > Math.abs(r.z[peakAt]) || !Number.isFinite(r.z[peakAt])) peakAt = i;
		const up = r.z[peakAt] > 0;
		if ((direction === 'above' && !up) || (direction === 'below' && up)) continue;
		out.push({
			key,
			detector: 'auto',
			start: t[w.start],
			end: t[w.end],
			peakT: t[peakAt],
			peak: v[peakAt],
			score: w.score,
			// The row at which the detector knew (its alert), often after the run began.
			alertT: r.alerts[k].t,
			...(r.alerts[k].learning ? { learning: true } : {})
		});
	}
	return out;
}
