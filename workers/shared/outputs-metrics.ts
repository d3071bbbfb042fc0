/**
 * Output types of the metrics cells (windows, anomalies, forecast) and the chart overlays they
 * feed. Kept apart from outputs.ts, which only lists them in the CellOutput union.
 */
import type { SeriesData, TableOutput } from './outputs';

/** Detector names. */
/** `auto`: the alert detector (seasonal residuals, novelty, recurrence; docs/metrics.md). */
export type DetectorName = 'threshold' | 'mad' | 'nsigma' | 'auto';

/** One anomalous stretch of one series. */
export interface Anomaly {
	/** Series key. */
	key: string;
	/** The detector that found it. */
	detector: DetectorName;
	/** First anomalous sample, epoch ms. */
	start: number;
	/** Last anomalous sample, epoch ms (equal to start for a single point). */
	end: number;
	/** Time of the most extreme sample. */
	peakT: number;
	/** Value at peakT. */
	peak: number;
	/** Severity: threshold = peak / threshold; mad and nsigma = largest |z|. */
	score: number;
	/**
	 * When a streaming detector would first know the anomaly (its alert, what NAB scores):
	 * mad and nsigma set it to their first novel sample once the minimum duration is reached,
	 * auto to its alert row; either can be later than `start`. Absent: `start`.
	 */
	alertT?: number;
	/**
	 * Raised while the detector was still learning the series (auto: within its first 15 % of
	 * points, at most 750 — NAB's probation, which NAB does not score): less sure than later ones.
	 */
	learning?: boolean;
}

/** Output of the `anomalies` cell. */
export interface AnomaliesOutput {
	type: 'anomalies';
	detector: DetectorName;
	/** The series that were scanned (cut at asOf when set). */
	series: SeriesData[];
	anomalies: Anomaly[];
	/** Threshold line per series key (threshold detector), in the series' unit. */
	thresholds: Record<string, number>;
	/** The baseline window the robust detectors measured "normal" on, when the incident has one. */
	baseline?: { start: number; end: number };
	/** Evaluation time when the cell ran "as of" a moment; data after it was not used. */
	asOf?: number;
}

/** Result of the OLS latency forecaster at one moment. */
export interface ForecastResult {
	/** Series key. */
	key: string;
	/** Time the forecast is made (last sample used), epoch ms. */
	at: number;
	/** Points the fit used. */
	n: number;
	/** Fitted slope, value units per second. */
	slopePerSecond: number;
	/** Fitted value at `at`. */
	level: number;
	/** Residual standard error of the fit (0 for an exact or flat fit). */
	sigma: number;
	/** First sample of the fit, epoch ms. */
	fitStart: number;
	/**
	 * How the fitted points were chosen (workers/metrics/forecast-fit.ts): the last `window`
	 * points, those since the onset of an anomaly still going on, or those after one that ended.
	 * Absent in outputs saved before it existed (they fitted the last `window` points).
	 */
	basis?: 'recent' | 'since-onset' | 'after-anomaly';
	/** The detector's anomaly window the basis followed, epoch ms (end cut at `at`). */
	anomaly?: { start: number; end: number };
	/** Projection at at + horizon. */
	projection: { at: number; value: number };
	/** Prediction interval of the projected value (confidence `confidence`). */
	interval: { lo: number; hi: number };
	/** Two-sided confidence of the intervals, e.g. 0.9. */
	confidence: number;
	/** The service-level objective the projection is compared with; null: none was set. */
	slo: number | null;
	/**
	 * Lowest possible value: 0 when every fitted value was ≥ 0 (latencies, counts, rates cannot go
	 * negative), else null. The projection, its interval and the drawn band are clamped at it.
	 */
	floor: number | null;
	/** True when the straight line went below `floor` and the projection was clamped. */
	clamped: boolean;
	/** Predicted SLO breach within the horizon, with its interval in minutes from `at`; null when none. */
	breach: { at: number; inMinutes: number; lo: number; hi: number | null } | null;
}

/** Output of the `forecast` cell. */
export interface ForecastOutput {
	type: 'forecast';
	/** History up to `at` (the window the chart shows). */
	series: SeriesData;
	forecast: ForecastResult;
	/** Horizon of the projection, ms. */
	horizonMs: number;
	/** Replay: the first moment the forecaster (using only past data) would have alerted, if any. */
	firstAlert?: ForecastResult;
	/**
	 * The replay ran, so a missing `firstAlert` means it never alerted (absent: no replay, or an
	 * output saved before this was recorded).
	 */
	replayed?: true;
	/** When the cell ran "as of" a moment. */
	asOf?: number;
	/**
	 * The fitted line and prediction band as a chart draws them (computed with the forecast;
	 * outputs saved before it existed have none, and their charts draw the line without a band).
	 */
	band?: NonNullable<ChartOverlays['forecast']>;
}

/** Output of the `windows` cell: a rolling-statistics table plus sparkline data per series. */
export interface WindowsOutput {
	type: 'windows';
	table: TableOutput;
	/** Per series: the resampled grid and the rolling p95 (sparklines). */
	sparklines: { key: string; unit?: string; t: Float64Array; v: Float64Array; p95: Float64Array }[];
	/** Window length, ms, and resampling step, ms. */
	windowMs: number;
	stepMs: number;
	asOf?: number;
}

/** Extra layers a chart draws when anomaly / forecast cells feed it. */
export interface ChartOverlays {
	/** Shaded anomalous stretches. */
	anomalies?: Anomaly[];
	/** Horizontal reference lines (thresholds, SLO). */
	lines?: { label: string; value: number; kind: 'threshold' | 'slo' }[];
	/** Fitted line, projection and prediction band of a forecast. */
	forecast?: { t: Float64Array; fit: Float64Array; lo: Float64Array; hi: Float64Array };
	/** Time of a predicted SLO breach. */
	breachAt?: number;
}

/** How the values that fall into one resampling bucket are combined (the windows cell's choice). */
export type Aggregate = 'mean' | 'max' | 'sum' | 'last';

export const AGGREGATES: readonly Aggregate[] = ['mean', 'max', 'sum', 'last'];

/** Seed default of the threshold detector: edge latency above 800 ms. */
export const DEFAULT_THRESHOLD = 800;
/** Default |z| of both z-score detectors (Iglewicz & Hoaglin 1993). */
export const DEFAULT_Z = 3.5;
