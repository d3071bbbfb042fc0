/**
 * The evidence a diagnosis is built from, gathered from the cell outputs wired into its slots:
 * data, statistics, root-cause candidates, a forecast, log templates and similar incidents, each
 * read through its output type (see the readers below).
 */
import type { IncidentEvent, TimeRange } from '$workers/bundle/types';
import type { CellOutput, DataOutput, ForecastOutput, TableOutput } from '$workers/shared/outputs';
import { clock } from './clock';
import { seriesShifts, type SeriesShift } from './shifts';

export type { SeriesShift } from './shifts';

/** A ranked root-cause candidate (causal / RCA outputs). */
export interface Candidate {
	/** Series key, service or node name. */
	name: string;
	/** Ranking score, as the producer reports it. */
	score: number;
	/** Standardised effect on the symptom (the seed's impact score), when the producer has one. */
	impact?: number;
	/** Refuter verdict if any ('passed', 'refuted', ...). */
	verdict?: string;
	/** Evidence chain from the symptom, in words (root-cause cells). */
	chain?: string;
}

/** A forecast summary line per series. */
export interface ForecastNote {
	series: string;
	/** One line: where the series is heading and when it crosses a limit. */
	summary: string;
}

/**
 * An alert of the anomalies cell: the moment its detector would have paged on a series (for
 * `auto`, the alert row NAB scores; else the anomaly's start), with the anomaly's peak.
 */
export interface AlertNote {
	series: string;
	detector: string;
	/** When the detector knew (alertT, else start), epoch ms. */
	at: number;
	peak: number;
	score: number;
	/** Raised while the detector was still learning the series: less sure. */
	learning?: boolean;
}

/** A log template that burst during the incident. */
export interface TemplateNote {
	template: string;
	count: number;
	/** Incident count / baseline count, when known. */
	burst?: number;
}

/** A similar past incident from the library (RAG context). */
export interface SimilarIncident {
	id: string;
	title: string;
	rootCause?: string;
	score?: number;
	/** Why it matched (shared templates, symptoms, events), from the similar-incidents cell. */
	reason?: string;
}

/** An analyst's note as the prompt reads it (notebook notes; none at a replay cursor). */
export interface AnalystNote {
	/** What it is about, in words ("range 2026-03-14 04:12Z – 04:20Z"). */
	about: string;
	t?: number;
	tags: string[];
	author: string;
	/** Markdown source (untrusted text, redacted like the rest). */
	text: string;
}

/** Everything a prompt or an offline explanation may use; every list may be empty. */
export interface Evidence {
	incidentId: string;
	title: string;
	range: TimeRange;
	onset?: number;
	baseline?: TimeRange;
	timezone: string;
	/** Replay: the moment the evidence was cut at (nothing after it is included). */
	asOf?: number;
	/** Series that moved between baseline and incident, earliest departure first. */
	shifts: SeriesShift[];
	events: IncidentEvent[];
	/** Log lines, errors first (untrusted text). */
	logs: { t: number; level: string; service: string; message: string }[];
	/** Window statistics table rows (series + mean/p95/max), if a stats cell is wired. */
	stats: { series: string; mean: number; p95: number; max: number }[];
	candidates: Candidate[];
	/** The anomaly detector's alerts (an anomalies cell), earliest first. */
	alerts: AlertNote[];
	forecast: ForecastNote[];
	templates: TemplateNote[];
	similar: SimilarIncident[];
	notes: AnalystNote[];
}

/** What the diagnosis cell knows about the incident besides its inputs. */
export interface IncidentContext {
	incidentId: string;
	title: string;
	timezone: string;
	onset?: number;
	baseline?: TimeRange;
	/** Replay cursor: the inputs were cut there, and the prompt says so. */
	asOf?: number;
}

type Rec = Record<string, unknown>;

const num = (x: unknown): number | undefined =>
	typeof x === 'number' && Number.isFinite(x) ? x : undefined;
const str = (x: unknown): string | undefined =>
	typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined;

/** Rows of a columnar table as plain objects (tables here are small: a few hundred rows). */
export function tableRows(t: TableOutput): Rec[] {
	const rows: Rec[] = [];
	for (let i = 0; i < t.length; i++) {
		const row: Rec = {};
		for (const c of t.columns) row[c.name] = t.data[c.name]?.[i];
		rows.push(row);
	}
	return rows;
}

/*
 * Each reader takes the cell outputs its slot accepts, through their types: a field renamed in
 * workers/shared/outputs*.ts fails the type check here. A plain `table` (a user's own, or a
 * statistics cell) is read by the column names listed with each reader; that is the one place
 * names are looked up, because a table's columns are whatever its producer called them.
 */

/** Root-cause rows; or a table with columns `name`, `score` (and `impact`, `verdict`). */
export function readCandidates(out: CellOutput | undefined): Candidate[] {
	if (out?.type === 'root-cause')
		// The service and its strongest series name the cause ("host-b4.cpu_temp_c"), not just a service.
		return out.candidates.map((c) => ({
			name: c.signals.find((q) => q.detail === undefined)?.key ?? c.service,
			score: c.score,
			chain: c.chain
		}));
	if (out?.type !== 'table') return [];
	// A ranked table's order IS the ranking: re-sorting by score would undo it.
	return tableRows(out).flatMap((r) => {
		const name = str(r.name);
		const score = num(r.score);
		if (!name || score === undefined) return [];
		const c: Candidate = { name, score };
		const impact = num(r.impact);
		const verdict = str(r.verdict);
		if (impact !== undefined) c.impact = impact;
		if (verdict !== undefined) c.verdict = verdict;
		return [c];
	});
}

/** The forecast cell's projection; or a table with columns `series`, `summary`. */
export function readForecast(out: CellOutput | undefined): ForecastNote[] {
	if (out?.type === 'forecast') return [{ series: out.forecast.key, summary: forecastLine(out) }];
	if (out?.type !== 'table') return [];
	return tableRows(out).flatMap((r) => {
		const series = str(r.series);
		const summary = str(r.summary);
		return series && summary ? [{ series, summary }] : [];
	});
}

function forecastLine(out: ForecastOutput): string {
	const f = out.forecast;
	let line = `projected ${round(f.projection.value)} at ${clock(f.projection.at)}`;
	if (f.slo === null) line += '; no limit set';
	else if (f.breach)
		line += `; crosses the limit ${round(f.slo)} in ${round(f.breach.inMinutes)} min`;
	else line += `; no crossing of the limit ${round(f.slo)} within the horizon`;
	if (f.basis === 'since-onset' && f.anomaly)
		line += `; fitted on the ${f.n} points since the anomaly began at ${clock(f.anomaly.start)}`;
	return `${line} (confidence ${round(f.confidence)})`;
}

/** The anomalies cell's anomalies as alerts, earliest first. */
export function readAlerts(out: CellOutput | undefined): AlertNote[] {
	if (out?.type !== 'anomalies') return [];
	return out.anomalies
		.map((a) => ({
			series: a.key,
			detector: a.detector,
			at: a.alertT ?? a.start,
			peak: a.peak,
			score: a.score,
			...(a.learning ? { learning: true } : {})
		}))
		.sort((a, b) => a.at - b.at);
}

/** Template rows, most bursting first; or a table with columns `template`, `count` (and `burst`). */
export function readTemplates(out: CellOutput | undefined): TemplateNote[] {
	let list: TemplateNote[] = [];
	if (out?.type === 'templates')
		list = out.rows.map((r) => ({ template: r.template, count: r.count, burst: r.burst }));
	else if (out?.type === 'table')
		list = tableRows(out).flatMap((r) => {
			const template = str(r.template);
			const count = num(r.count);
			return template && count !== undefined ? [{ template, count, burst: num(r.burst) }] : [];
		});
	return list.sort((a, b) => (b.burst ?? 0) - (a.burst ?? 0) || b.count - a.count);
}

/**
 * Similar-incident matches; or a table with columns `id`, `title` (and `rootCause`, `score`). An
 * incident the cell compared but found nothing in common with (score 0) is not "similar": the
 * model would read it as a precedent, so it stays out.
 */
export function readSimilar(out: CellOutput | undefined): SimilarIncident[] {
	if (out?.type === 'similar-incidents')
		return out.matches
			.filter((m) => m.score > 0)
			.map((m) => ({
				id: m.incidentId,
				title: m.title,
				score: m.score,
				reason: m.reason
			}));
	if (out?.type !== 'table') return [];
	return tableRows(out).flatMap((r) => {
		const id = str(r.id);
		if (!id) return [];
		return [{ id, title: str(r.title) ?? id, rootCause: str(r.rootCause), score: num(r.score) }];
	});
}

/** A statistics table (series, mean, p95, max). */
function readStats(out: CellOutput | undefined): Evidence['stats'] {
	if (out?.type !== 'table') return [];
	return tableRows(out).flatMap((r) => {
		const series = str(r.series);
		const mean = num(r.mean);
		if (!series || mean === undefined) return [];
		return [{ series, mean, p95: num(r.p95) ?? NaN, max: num(r.max) ?? NaN }];
	});
}

export const round = (x: number): string =>
	Number.isFinite(x) ? String(Math.round(x * 100) / 100) : 'n/a';

const LEVEL_RANK: Record<string, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Gathers the evidence from a data cell's output plus any optional inputs, by slot. */
export function gatherEvidence(
	ctx: IncidentContext,
	data: DataOutput,
	optional: {
		stats?: CellOutput;
		candidates?: CellOutput;
		anomalies?: CellOutput;
		forecast?: CellOutput;
		templates?: CellOutput;
		similar?: CellOutput;
	} = {},
	notes: AnalystNote[] = []
): Evidence {
	const logs = [...(data.logs?.rows ?? [])].sort(
		(a, b) => (LEVEL_RANK[a.level] ?? 9) - (LEVEL_RANK[b.level] ?? 9) || a.t - b.t
	);
	return {
		...ctx,
		range: data.range,
		shifts: seriesShifts(data.series, ctx.baseline, ctx.onset ?? data.range.start),
		events: [...data.events].sort((a, b) => a.t - b.t),
		logs,
		stats: readStats(optional.stats),
		candidates: readCandidates(optional.candidates),
		alerts: readAlerts(optional.anomalies),
		forecast: readForecast(optional.forecast),
		templates: readTemplates(optional.templates),
		similar: readSimilar(optional.similar),
		notes: [...notes].sort((a, b) => (a.t ?? Infinity) - (b.t ?? Infinity))
	};
}
