/**
 * What the forecast and anomalies cells ask of the metrics worker, and the work itself: the cells
 * parse their parameters and shape their outputs on the page; fitting, replaying and detecting run
 * here (in the worker in the browser, in-process in Node), so the page holds no algorithm code.
 */
import type { TimeRange } from '../bundle/types';
import type { SeriesData } from '../shared/outputs';
import type {
	Anomaly,
	ChartOverlays,
	DetectorName,
	ForecastResult
} from '../shared/outputs-metrics';
import type { CancelSignal } from '../shared/cancel';
import { neverCancelled } from '../shared/cancel';
import { detectMad, detectNSigma, detectThreshold } from './detect';
import { alertAnomalies } from './detectors/alert-anomalies';
import { forecastWithReplay } from './forecast';
import { forecastBand } from './band';
import { sliceSeries } from '../shared/select';
import type { Progress } from '../shared/progress';

export interface ForecastRequest {
	series: SeriesData;
	window: number;
	horizonMs: number;
	/** null: no SLO (the forecast is drawn, nothing breaches). */
	slo: number | null;
	confidence: number;
	/** Use only samples at or before this time (epoch ms). */
	asOf?: number;
	/** Also replay: the first moment the forecaster, fed only past data, would have alerted. */
	replay: boolean;
	/**
	 * 'regime' (default): fit the points of the regime the series is in by the anomaly detector
	 * (forecast-fit.ts); 'recent': the last `window` points.
	 */
	fit?: 'regime' | 'recent';
}

export interface ForecastReply {
	/** The history the forecast saw (cut at asOf). */
	series: SeriesData;
	forecast: ForecastResult;
	firstAlert?: ForecastResult;
	/** The fitted line and prediction band, as a chart draws them. */
	band: NonNullable<ChartOverlays['forecast']>;
}

export interface AnomaliesRequest {
	series: SeriesData[];
	detector: DetectorName;
	/** Threshold detector: the level per series key. */
	levels: Record<string, number>;
	direction: 'auto' | 'above' | 'below' | 'both';
	minDurationMs: number;
	/** |z| (mad) or N (nsigma). */
	z: number;
	/** The robust detectors' reference window, when the incident has one. */
	baseline?: TimeRange;
	/** Cut every series at this time first (a replay never sees the future). */
	asOf?: number;
}

export interface AnomaliesReply {
	/** The series as the detector saw them (cut at asOf). */
	series: SeriesData[];
	anomalies: Anomaly[];
}

/** A series cut at asOf (inclusive). */
const cutAt = (s: SeriesData, asOf: number | undefined): SeriesData =>
	asOf === undefined ? s : sliceSeries(s, { start: -Infinity, end: asOf });

export async function runForecast(
	req: ForecastRequest,
	signal: CancelSignal = neverCancelled,
	onProgress?: Progress
): Promise<ForecastReply> {
	const s = req.series;
	const opts = {
		window: req.window,
		horizonMs: req.horizonMs,
		slo: req.slo,
		confidence: req.confidence,
		asOf: req.asOf,
		regime: req.fit !== 'recent'
	};
	const { forecast: result, firstAlert: alert } = await forecastWithReplay(
		s.key,
		s.t,
		s.v,
		opts,
		req.replay,
		signal,
		onProgress
	);
	const series = cutAt(s, req.asOf);
	const band = forecastBand({
		type: 'forecast',
		series,
		forecast: result,
		horizonMs: req.horizonMs
	});
	return { series, forecast: result, firstAlert: alert ?? undefined, band };
}

export async function runAnomalies(
	req: AnomaliesRequest,
	signal: CancelSignal = neverCancelled
): Promise<AnomaliesReply> {
	const series: SeriesData[] = [];
	const anomalies: Anomaly[] = [];
	const dir = req.direction === 'auto' ? undefined : req.direction;
	for (const raw of req.series) {
		await signal.checkpoint();
		const s = cutAt(raw, req.asOf);
		series.push(s);
		if (req.detector === 'threshold') {
			const direction = dir === 'below' ? 'below' : 'above';
			const threshold = req.levels[s.key];
			const minDurationMs = req.minDurationMs;
			anomalies.push(...detectThreshold(s.key, s.t, s.v, { threshold, direction, minDurationMs }));
		} else if (req.detector === 'auto')
			// One configuration for every series (ALERT_DEFAULTS, as in the NAB evaluation); the
			// cell's |z| is its cut-off, 3.5 unless the user moves it.
			anomalies.push(...alertAnomalies(s.key, s.t, s.v, dir, { z: req.z }));
		else if (req.detector === 'mad')
			anomalies.push(
				...detectMad(s.key, s.t, s.v, { z: req.z, direction: dir, baseline: req.baseline })
			);
		else
			anomalies.push(
				...detectNSigma(s.key, s.t, s.v, { n: req.z, direction: dir, baseline: req.baseline })
			);
	}
	return { series, anomalies };
}
