/**
 * Chart overlays from the metrics cells that feed a chart: anomaly stretches to shade, threshold
 * and SLO lines, and a forecast's fitted line with its prediction band (computed by the metrics
 * worker with the forecast, workers/metrics/band.ts). Pure shaping, so the chart cell builds them
 * on the page.
 */
import type { AnomaliesOutput, ChartOverlays, ForecastOutput } from './outputs-metrics';

/**
 * Overlays for a chart showing `keys`: anomalies and thresholds of those series, the forecast
 * (when its series is shown) with its SLO line and breach time.
 */
export function buildOverlays(
	keys: readonly string[],
	anomalies?: AnomaliesOutput,
	fc?: ForecastOutput
): ChartOverlays | undefined {
	const shown = new Set(keys);
	const out: ChartOverlays = {};
	const lines: NonNullable<ChartOverlays['lines']> = [];
	if (anomalies) {
		out.anomalies = anomalies.anomalies.filter((a) => shown.has(a.key));
		for (const [key, value] of Object.entries(anomalies.thresholds)) {
			if (shown.has(key)) lines.push({ label: `threshold ${key}`, value, kind: 'threshold' });
		}
	}
	if (fc && shown.has(fc.series.key)) {
		if (fc.band) out.forecast = fc.band;
		const slo = fc.forecast.slo;
		if (slo !== null) lines.push({ label: `SLO ${fc.series.key}`, value: slo, kind: 'slo' });
		if (fc.forecast.breach) out.breachAt = fc.forecast.breach.at;
	}
	if (lines.length) out.lines = lines;
	return anomalies || fc ? out : undefined;
}
