/**
 * Contract of the metrics worker (types only; the UI imports it with `import type`). It computes
 * window statistics with danfojs, which is loaded lazily inside the worker, never on the page.
 */
import type { TimeRange } from '../bundle/types';
import type { SeriesData, TableOutput } from '../shared/outputs';
import type { WindowsOutput } from '../shared/outputs-metrics';
import type { WindowsOptions } from './windows';
import type {
	AnomaliesReply,
	AnomaliesRequest,
	ForecastReply,
	ForecastRequest
} from './cell-requests';
import type { Progress } from '../shared/progress';

export type { AnomaliesReply, AnomaliesRequest, ForecastReply, ForecastRequest };

export interface MetricsApi {
	/**
	 * One row per series over `range` (inclusive; whole series when omitted): series, n, missing,
	 * mean, p50, p95, min, max. A window without values yields n = 0 and NaN statistics.
	 * Pass `jobId` so `cancel(jobId)` (or a newer call with the same id) can stop it.
	 */
	windowStats(series: SeriesData[], range?: TimeRange, jobId?: string): Promise<TableOutput>;
	/**
	 * Sliding windows per series (mean, p50, p95, max, rate of change) on a resampled grid, plus
	 * the latest window as a table (danfojs). Cancellable like windowStats.
	 */
	windows(series: SeriesData[], opts: WindowsOptions, jobId?: string): Promise<WindowsOutput>;
	/**
	 * The forecast cell's work: OLS forecast, optional replay, and the band a chart draws.
	 * Cancellable like windowStats: the replay checks between samples, and reports the share of
	 * samples replayed to `onProgress` (a comlink proxy in the browser).
	 */
	forecast(req: ForecastRequest, jobId?: string, onProgress?: Progress): Promise<ForecastReply>;
	/** The anomalies cell's work: one detector over several series, each cut at asOf. */
	anomalies(req: AnomaliesRequest, jobId?: string): Promise<AnomaliesReply>;
	/** Cancels a running job; false when no job has that id. */
	cancel(jobId: string): Promise<boolean>;
	/** Loads danfojs ahead of the first call; reports how long the (one-time) load took. */
	warm(): Promise<{ loadMs: number }>;
}
