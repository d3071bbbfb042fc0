/**
 * Chart overlays from the metrics cells that feed a chart: anomaly stretches to shade, threshold
 * and SLO lines, and a forecast's fitted line with its prediction band. The band is recomputed
 * from the forecast's own history (the same last-n points, the same OLS), so the chart draws the
 * exact interval the forecast cell reports, widening with distance from the fitted data.
 */
import type { AnomaliesOutput, ChartOverlays, ForecastOutput } from '../shared/outputs-metrics';
import { olsFit, predict, predictionHalfWidth, tQuantile } from './ols';

/** Samples along the band (a smooth curve at chart scale). */
const BAND_POINTS = 48;

/** The forecast's line and band from its first fitted sample to the projection time. */
export function forecastBand(out: ForecastOutput): NonNullable<ChartOverlays['forecast']> {
	const f = out.forecast;
	const { t, v } = out.series;
	const idx: number[] = [];
	for (let i = t.length - 1; i >= 0 && idx.length < f.n; i--)
		if (Number.isFinite(v[i])) idx.push(i);
	idx.reverse();
	const fit = olsFit(
		Float64Array.from(idx, (i) => t[i]),
		Float64Array.from(idx, (i) => v[i])
	);
	const q = fit.n > 2 ? tQuantile(0.5 + f.confidence / 2, fit.n - 2) : 0;
	const band = {
		t: new Float64Array(BAND_POINTS),
		fit: new Float64Array(BAND_POINTS),
		lo: new Float64Array(BAND_POINTS),
		hi: new Float64Array(BAND_POINTS)
	};
	for (let k = 0; k < BAND_POINTS; k++) {
		const x = f.fitStart + ((f.projection.at - f.fitStart) * k) / (BAND_POINTS - 1);
		const y = predict(fit, x);
		const half = predictionHalfWidth(fit, x, q);
		const clamp = (z: number) =>
			f.floor === null || f.floor === undefined ? z : Math.max(f.floor, z);
		band.t[k] = x;
		band.fit[k] = clamp(y);
		band.lo[k] = clamp(y - half);
		band.hi[k] = clamp(y + half);
	}
	return band;
}

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
		out.forecast = forecastBand(fc);
		lines.push({ label: `SLO ${fc.series.key}`, value: fc.forecast.slo, kind: 'slo' });
		if (fc.forecast.breach) out.breachAt = fc.forecast.breach.at;
	}
	if (lines.length) out.lines = lines;
	return anomalies || fc ? out : undefined;
}
