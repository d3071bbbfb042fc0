/**
 * The latency forecaster. Default = the seed's method: OLS on the last 50 points, extrapolated to
 * now + 30 min and compared with the SLO (1000 ms); a crossing raises a predictive alert with the
 * estimated breach time. Beyond the seed: the fit uses real timestamps (irregular sampling is
 * fine), a prediction interval from the residual standard error gives the band and the breach
 * interval, `asOf` restricts the input to data up to that moment (no hindsight in replays), and
 * the fitted points are the regime the series is in now by the shared anomaly detector — since the
 * onset of an anomaly still going on, or after one that ended (forecast-fit.ts) — not 50 points
 * that straddle an onset.
 */
import type { CancelSignal } from '../shared/cancel';
import { formatCount } from '../shared/count';
import type { ForecastResult } from '../shared/outputs-metrics';
import { chooseFit, detectorAnomalies, type KnownAnomaly } from './forecast-fit';
import { olsFit, predict, predictionHalfWidth, tQuantile, type OlsFit } from './ols';
import { upperBound } from './quantile';
import type { Progress } from '../shared/progress';

export interface ForecastOptions {
	/** Points fitted (the most recent finite ones). Default 50. */
	window?: number;
	/** Projection horizon, ms. Default 30 min. */
	horizonMs?: number;
	/** Service-level objective in the series' unit; null = none (no breach). Default 1000 (ms). */
	slo?: number | null;
	/** Two-sided confidence of the intervals. Default 0.9. */
	confidence?: number;
	/** Use only samples at or before this time (epoch ms). */
	asOf?: number;
	/**
	 * Fit the regime the series is in by the anomaly detector (forecast-fit.ts); false: always the
	 * last `window` points, the seed's rule. Default true.
	 */
	regime?: boolean;
}

export const FORECAST_DEFAULTS = {
	window: 50,
	horizonMs: 30 * 60_000,
	slo: 1000 as number | null,
	confidence: 0.9,
	regime: true
};

/** Options with the defaults filled in (an explicit undefined means "default", too). */
function withDefaults(opts: ForecastOptions) {
	const given = Object.fromEntries(Object.entries(opts).filter(([, x]) => x !== undefined));
	return { ...FORECAST_DEFAULTS, ...given } as typeof FORECAST_DEFAULTS & { asOf?: number };
}

/** Fewest points a forecast accepts: two give a line (with no interval, reported as zero width). */
const MIN_POINTS = 2;

type Options = ReturnType<typeof withDefaults>;

/** Options with defaults, refused when no line can be fitted or projected. */
function checked(opts: ForecastOptions): Options {
	const o = withDefaults(opts);
	if (!(o.window >= MIN_POINTS)) throw new RangeError(`forecast window must be >= ${MIN_POINTS}`);
	if (!(o.horizonMs > 0)) throw new RangeError('forecast horizon must be positive');
	return o;
}

/** Number of samples at or before asOf. */
const endOf = (t: Float64Array, asOf?: number) =>
	asOf === undefined ? t.length : upperBound(t, asOf);

/**
 * One forecasting run: the series, the checked options, the samples at or before asOf (`end`) and
 * the detector's windows over them (none without `regime`), shared by the forecast and its replay.
 */
interface Run {
	key: string;
	t: Float64Array;
	v: Float64Array;
	o: Options;
	end: number;
	anomalies: readonly KnownAnomaly[];
}

function prepare(key: string, t: Float64Array, v: Float64Array, opts: ForecastOptions): Run {
	const o = checked(opts);
	const end = endOf(t, o.asOf);
	return { key, t, v, o, end, anomalies: o.regime ? detectorAnomalies(t, v, end) : [] };
}

export function forecast(
	key: string,
	t: Float64Array,
	v: Float64Array,
	opts: ForecastOptions = {}
): ForecastResult {
	const run = prepare(key, t, v, opts);
	return forecastAt(run, run.end);
}

/** The points chosen for a forecast after the first `end` samples, and the line through them. */
function fitAt(run: Run, end: number) {
	const { key, t, v, o } = run;
	const choice = chooseFit(v, end - 1, o.window, run.anomalies);
	const idx = choice.idx;
	if (idx.length < MIN_POINTS) {
		throw new Error(
			`forecast needs at least ${MIN_POINTS} values up to the as-of time; ${key} has ${idx.length}`
		);
	}
	const ft = Float64Array.from(idx, (i) => t[i]);
	const fit = olsFit(
		ft,
		Float64Array.from(idx, (i) => v[i])
	);
	return { choice, fit, first: ft[0], at: ft[ft.length - 1] };
}

/** The forecast made after the first `end` samples, given the anomalies raised by then. */
function forecastAt(run: Run, end: number): ForecastResult {
	const { key, t, v, o } = run;
	const { choice, fit, first, at } = fitAt(run, end);
	const q = fit.n > 2 ? studentQuantile(0.5 + o.confidence / 2, fit.n - 2) : 0;
	const pt = at + o.horizonMs;
	const raw = predict(fit, pt);
	const half = predictionHalfWidth(fit, pt, q);
	// A straight line through a falling latency goes below zero; the series cannot.
	const floor = fitValues(v, choice.idx).every((x) => x >= 0) ? 0 : null;
	const clamp = (x: number) => (floor === null ? x : Math.max(floor, x));
	const value = clamp(raw);
	return {
		key,
		at,
		n: fit.n,
		slopePerSecond: fit.slope,
		level: predict(fit, at),
		sigma: fit.sigma,
		fitStart: first,
		basis: choice.basis,
		...(choice.anomaly
			? { anomaly: { start: t[choice.anomaly.start], end: t[choice.anomaly.end] } }
			: {}),
		projection: { at: pt, value },
		interval: { lo: clamp(raw - half), hi: clamp(raw + half) },
		floor,
		clamped: floor !== null && raw < floor,
		confidence: o.confidence,
		slo: o.slo,
		breach: o.slo === null ? null : breachOf(fit, at, o.horizonMs, o.slo, q)
	};
}

/**
 * tQuantile by (level, degrees of freedom): it bisects an incomplete beta (about 11 µs), and the
 * replay asks it at every sample with the same few arguments.
 */
const quantiles = new Map<string, number>();
function studentQuantile(p: number, df: number): number {
	const key = `${p}:${df}`;
	let q = quantiles.get(key);
	if (q === undefined) {
		if (quantiles.size >= 1024) quantiles.clear();
		q = tQuantile(p, df);
		quantiles.set(key, q);
	}
	return q;
}

const fitValues = (v: Float64Array, idx: number[]) => idx.map((i) => v[i]);

/**
 * Breach: the fitted line crosses the SLO within the horizon (the seed's rule; a series already
 * above it breaches now). Its interval, in minutes from `at`: when the upper band first reaches
 * the SLO (earliest plausible) and when the lower band does (latest; null when it does not
 * within 10 horizons).
 */
function breachOf(fit: OlsFit, at: number, horizonMs: number, slo: number, q: number) {
	const line = (t: number) => predict(fit, t);
	const bt = lineBreach(fit, at, horizonMs, slo);
	if (bt === null) return null;
	const upper = (t: number) => line(t) + predictionHalfWidth(fit, t, q) - slo;
	const lower = (t: number) => line(t) - predictionHalfWidth(fit, t, q) - slo;
	const lo = firstCrossing(upper, at, bt);
	const hi = firstCrossing(lower, bt, at + 10 * horizonMs);
	const min = (t: number) => (t - at) / 60_000;
	return { at: bt, inMinutes: min(bt), lo: min(lo ?? bt), hi: hi === null ? null : min(hi) };
}

/** When the fitted line reaches the SLO within the horizon (`at` when it is already there), or null. */
function lineBreach(fit: OlsFit, at: number, horizonMs: number, slo: number): number | null {
	let bt: number;
	if (predict(fit, at) >= slo) bt = at;
	else if (fit.slope > 0) bt = fit.t0 + ((slo - fit.intercept) / fit.slope) * 1000;
	else return null;
	return bt > at + horizonMs ? null : bt;
}

/** First t in [a, b] where f(t) >= 0 (scan in 200 steps, then bisect); null when none. */
function firstCrossing(f: (t: number) => number, a: number, b: number): number | null {
	if (f(a) >= 0) return a;
	const steps = 200;
	let prev = a;
	for (let k = 1; k <= steps; k++) {
		const cur = a + ((b - a) * k) / steps;
		if (f(cur) >= 0) {
			let lo = prev;
			let hi = cur;
			for (let i = 0; i < 60; i++) {
				const mid = (lo + hi) / 2;
				if (f(mid) >= 0) hi = mid;
				else lo = mid;
			}
			return hi;
		}
		prev = cur;
	}
	return null;
}

/**
 * Replay: the first moment the forecaster, fed only the data up to each sample, would have raised
 * the predictive alert. Starts once `window` points exist; null when it never alerts. The detector
 * runs once over the data up to asOf, and each sample sees only the anomalies raised by then (its
 * learning period is the whole run's, the one thing a sample could not have known).
 */
export function firstAlert(
	key: string,
	t: Float64Array,
	v: Float64Array,
	opts: ForecastOptions = {}
): ForecastResult | null {
	const scan = alertScan(prepare(key, t, v, opts));
	let r = scan.next();
	while (!r.done) r = scan.next();
	return r.value;
}

/**
 * The forecast cell's work: the forecast as of asOf and, with `replay`, `firstAlert`, sharing one
 * detector run, and checking `signal` between samples of the replay (it refits a line at every
 * sample: about 3 s for 500 000 points, plus 1.5 s of detector), so the cell can be cancelled or
 * replaced by a newer run. `onProgress` hears the share of samples replayed, at most every 1 %.
 */
export async function forecastWithReplay(
	key: string,
	t: Float64Array,
	v: Float64Array,
	opts: ForecastOptions,
	replay: boolean,
	signal: CancelSignal,
	onProgress?: Progress
): Promise<{ forecast: ForecastResult; firstAlert: ForecastResult | null }> {
	const run = prepare(key, t, v, opts);
	const result = forecastAt(run, run.end);
	if (!replay) return { forecast: result, firstAlert: null };
	const scan = alertScan(run);
	let told = 0;
	for (let r = scan.next(); ; r = scan.next()) {
		if (r.done) return { forecast: result, firstAlert: r.value };
		// Each report crosses to the page as a message: one per 1 % of the samples at most.
		const fraction = r.value / run.end;
		if (onProgress && fraction - told >= 0.01) {
			told = fraction;
			const of = `${formatCount(r.value)} of ${formatCount(run.end)}`;
			onProgress(fraction, `replaying the forecaster: sample ${of}`);
		}
		await signal.checkpoint();
	}
}

/**
 * The replay's one implementation: yields the samples done every 64 samples, returns the first
 * alert or null.
 */
function* alertScan(run: Run): Generator<number, ForecastResult | null> {
	const { v, o } = run;
	// Without an SLO nothing breaches: no need to refit at every sample.
	if (o.slo === null) return null;
	let seen = 0;
	for (let i = 0; i < run.end; i++) {
		if (!Number.isFinite(v[i])) continue;
		if (++seen < o.window) continue;
		// Whether it breaches depends on the line alone: the interval, the clamp and the rest of
		// the result are built only for the sample that does.
		const { fit, at } = fitAt(run, i + 1);
		if (lineBreach(fit, at, o.horizonMs, o.slo) !== null) return forecastAt(run, i + 1);
		if (seen % 64 === 0) yield i + 1;
	}
	return null;
}
