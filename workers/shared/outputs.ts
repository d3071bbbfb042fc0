/**
 * What cells produce. Outputs are never written into the notebook document; they are cached in
 * IndexedDB under a hash of (kind, params, source, input hashes). Arrays are typed arrays so outputs
 * cross worker boundaries and IndexedDB without per-row objects.
 */
import type { IncidentEvent, LogLevel, Series, TimeRange } from '../bundle/types';
import type { DiagnosisOutput } from './outputs-llm';
import type {
	CausalGraphOutput,
	EffectOutput,
	RcaScorecardOutput,
	RootCauseOutput
} from './outputs-causal';
import type {
	AnomaliesOutput,
	ChartOverlays,
	ForecastOutput,
	WindowsOutput
} from './outputs-metrics';
import type { LogSearchOutput, SimilarIncidentsOutput, TemplatesOutput } from './outputs-logs';

/** One series as carried by outputs: the bundle's Series, usually cut to a time range. */
export type SeriesData = Series;

/** A bounded sample of log lines plus counts. */
export interface LogSample {
	/** Lines in the selection (before the sample limit). */
	count: number;
	/** Lines per level in the selection. */
	byLevel: Partial<Record<LogLevel, number>>;
	/** The first `limit` lines of the selection. */
	rows: { t: number; level: LogLevel; service: string; message: string }[];
}

/** Output of a `data` cell: the chosen slice of the incident. */
export interface DataOutput {
	type: 'data';
	incidentId: string;
	/** The resolved time range of the selection. */
	range: TimeRange;
	series: SeriesData[];
	events: IncidentEvent[];
	logs?: LogSample;
}

/** A chart-ready time series set (possibly decimated). */
export interface TimeseriesOutput {
	type: 'timeseries';
	title?: string;
	range: TimeRange;
	series: SeriesData[];
	events: IncidentEvent[];
	/** Scale each series to its own min..max so different units share one axis. */
	normalize: boolean;
	/** Optional shaded windows (baseline, incident) to draw behind the lines. */
	windows?: { label: string; start: number; end: number; proposed?: boolean }[];
	/** Anomaly shading, threshold / SLO lines and forecast bands from cells that feed the chart. */
	overlays?: ChartOverlays;
}

export interface TableColumn {
	name: string;
	type: 'string' | 'number';
	/** Unit or hint shown in the header. */
	unit?: string;
}

/** Moments a table is about, drawn as a time strip above it ("what did we know when"). */
export interface TimeStrip {
	/** The span the strip covers (epoch ms). */
	range: { start: number; end: number };
	/** One mark per moment, in time order; `kind` picks its colour (e.g. 'onset', 'ranking'). */
	moments: { t: number; label: string; kind: string }[];
}

/** A columnar table. */
export interface TableOutput {
	type: 'table';
	title?: string;
	length: number;
	columns: TableColumn[];
	data: Record<string, Float64Array | string[]>;
	/** When set, the table's moments are also drawn on a time strip. */
	strip?: TimeStrip;
}

/** Sanitised HTML (markdown cells). */
export interface HtmlOutput {
	type: 'html';
	html: string;
}

export type CellOutput =
	| DataOutput
	| TimeseriesOutput
	| TableOutput
	| HtmlOutput
	| DiagnosisOutput
	| CausalGraphOutput
	| EffectOutput
	| RootCauseOutput
	| RcaScorecardOutput
	| ForecastOutput
	| AnomaliesOutput
	| WindowsOutput
	| TemplatesOutput
	| LogSearchOutput
	| SimilarIncidentsOutput;
export type OutputType = CellOutput['type'];
export type {
	Anomaly,
	AnomaliesOutput,
	ChartOverlays,
	ForecastOutput,
	ForecastResult,
	WindowsOutput
} from './outputs-metrics';
export type {
	CausalGraphOutput,
	EffectOutput,
	RcaScorecardOutput,
	RootCauseCandidate,
	RootCauseOutput
} from './outputs-causal';
export type * from './outputs-logs';
