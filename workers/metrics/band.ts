/**
 * A forecast's fitted line with its prediction band, as a chart draws it. The band is recomputed
 * from the forecast's own history (the same last-n points, the same OLS), so the chart draws the
 * exact interval the forecast cell reports, widening with distance from the fitted data. The
 * metrics worker computes it with the forecast (cell-requests.ts); charts only read it.
 */
import type { ChartOverlays, ForecastOutput } from '../shared/outputs-metrics';
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
