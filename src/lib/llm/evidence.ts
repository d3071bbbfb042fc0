/**
 * The evidence a diagnosis is built from, gathered from whatever cell outputs are wired in. Data
 * cells exist today; root-cause candidates, forecasts, log templates and similar incidents come
 * from kinds being built elsewhere, so they are read by shape (duck typing), never by import.
 */
import type { IncidentEvent, TimeRange } from '$workers/bundle/types';
import type { DataOutput, RootCauseOutput, TableOutput } from '$workers/shared/outputs';
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
}

/** Everything a prompt or an offline explanation may use; every list may be empty. */
export interface Evidence {
	incidentId: string;
	title: string;
	range: TimeRange;
	onset?: number;
	baseline?: TimeRange;
	timezone: string;
	/** Series that moved between baseline and incident, earliest departure first. */
	shifts: SeriesShift[];
	events: IncidentEvent[];
	/** Log lines, errors first (untrusted text). */
	logs: { t: number; level: string; service: string; message: string }[];
	/** Window statistics table rows (series + mean/p95/max), if a stats cell is wired. */
	stats: { series: string; mean: number; p95: number; max: number }[];
	candidates: Candidate[];
	forecast: ForecastNote[];
	templates: TemplateNote[];
	similar: SimilarIncident[];
}

/** What the diagnosis cell knows about the incident besides its inputs. */
export interface IncidentContext {
	incidentId: string;
	title: string;
	timezone: string;
	onset?: number;
	baseline?: TimeRange;
}

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null;
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

/** The list a structured output carries under one of `keys`, or its table rows. */
function listOf(out: unknown, keys: string[]): Rec[] {
	if (!isRec(out)) return [];
	if (out.type === 'table') return tableRows(out as unknown as TableOutput);
	for (const k of keys) {
		const v = out[k];
		if (Array.isArray(v)) return v.filter(isRec);
	}
	return [];
}

function pick(row: Rec, keys: string[], as: typeof num): number | undefined;
function pick(row: Rec, keys: string[], as: typeof str): string | undefined;
function pick(row: Rec, keys: string[], as: (x: unknown) => unknown): unknown {
	for (const k of keys) {
		const v = as(row[k]);
		if (v !== undefined) return v;
	}
	return undefined;
}

/** The root-cause cell's output, read through its type (a renamed field fails the type check). */
function rootCauseCandidates(out: RootCauseOutput): Candidate[] {
	// The service and its strongest series name the cause ("host-b4.cpu_temp_c"), not just a service.
	return out.candidates.map((c) => ({
		name: c.signals.find((q) => q.detail === undefined)?.key ?? c.service,
		score: c.score,
		chain: c.chain
	}));
}

export function readCandidates(out: unknown): Candidate[] {
	if (isRec(out) && out.type === 'root-cause')
		return rootCauseCandidates(out as unknown as RootCauseOutput);
	const rows = listOf(out, ['candidates', 'ranking', 'causes', 'nodes', 'rows']);
	const list: Candidate[] = [];
	for (const r of rows) {
		const name = pick(r, ['name', 'node', 'series', 'key', 'cause', 'service', 'id'], str);
		const score = pick(r, ['score', 'impact', 'weight', 'probability', 'rank_score'], num);
		if (!name || score === undefined) continue;
		let verdict = pick(r, ['verdict', 'refuter', 'refutation', 'status'], str);
		if (verdict === undefined && typeof r.refuted === 'boolean')
			verdict = r.refuted ? 'refuted' : 'passed';
		const ev = r.evidence && typeof r.evidence === 'object' ? (r.evidence as Rec) : {};
		const impact = num(r.impact) ?? num(ev.impact);
		list.push(impact === undefined ? { name, score, verdict } : { name, score, impact, verdict });
	}
	// A ranked list's order IS the ranking (e.g. an upstream cause above a downstream symptom with a
	// bigger score); re-sorting by score would undo it.
	return list;
}

export function readForecast(out: unknown): ForecastNote[] {
	if (!isRec(out)) return [];
	const notes = listOf(out, ['notes', 'forecasts', 'summaries']);
	const list: ForecastNote[] = [];
	for (const r of notes) {
		const series = pick(r, ['series', 'key', 'name'], str);
		const summary = pick(r, ['summary', 'text', 'note'], str);
		if (series && summary) list.push({ series, summary });
	}
	// The metrics kind's shape: {forecast: {key, projection, slo, breach}}.
	const f = isRec(out.forecast) ? out.forecast : undefined;
	if (!list.length && f && typeof f.key === 'string' && isRec(f.projection)) {
		list.push({ series: f.key, summary: forecastLine(f) });
	}
	// A bare forecast series {key, t, yhat, lo?, hi?}: summarise its last predicted point.
	const yhat = out.yhat as ArrayLike<number> | undefined;
	const t = out.t as ArrayLike<number> | undefined;
	if (!list.length && yhat && t && yhat.length && t.length === yhat.length) {
		const i = yhat.length - 1;
		const key = str(out.key) ?? str(out.series) ?? str(out.title) ?? 'forecast';
		const at = new Date(t[i]).toISOString();
		list.push({ series: key, summary: `predicted ${round(yhat[i])} at ${at}` });
	}
	return list;
}

function forecastLine(f: Rec): string {
	const p = f.projection as Rec;
	const at = num(p.at);
	let line = `projected ${round(num(p.value) ?? NaN)}${at !== undefined ? ` at ${new Date(at).toISOString()}` : ''}`;
	const breach = isRec(f.breach) ? f.breach : undefined;
	const slo = num(f.slo);
	if (breach && slo !== undefined)
		line += `; crosses the limit ${round(slo)} in ${round(num(breach.inMinutes) ?? NaN)} min`;
	else if (slo !== undefined) line += `; no crossing of the limit ${round(slo)} within the horizon`;
	const conf = num(f.confidence);
	return conf !== undefined ? `${line} (confidence ${round(conf)})` : line;
}

export function readTemplates(out: unknown): TemplateNote[] {
	const rows = listOf(out, ['templates', 'clusters', 'rows']);
	const list: TemplateNote[] = [];
	for (const r of rows) {
		const template = pick(r, ['template', 'pattern', 'message'], str);
		const count = pick(r, ['count', 'incidentCount', 'n', 'lines'], num);
		if (!template || count === undefined) continue;
		list.push({ template, count, burst: pick(r, ['burst', 'ratio', 'lift', 'score'], num) });
	}
	return list.sort((a, b) => (b.burst ?? 0) - (a.burst ?? 0) || b.count - a.count);
}

export function readSimilar(out: unknown): SimilarIncident[] {
	const rows = listOf(out, ['matches', 'incidents', 'hits', 'similar', 'rows']);
	const list: SimilarIncident[] = [];
	for (const r of rows) {
		const id = pick(r, ['id', 'incidentId', 'incident'], str);
		if (!id) continue;
		const title = pick(r, ['title', 'summary', 'text'], str) ?? id;
		const rootCause = pick(r, ['rootCause', 'root_cause', 'cause'], str);
		list.push({ id, title, rootCause, score: pick(r, ['score', 'similarity'], num) });
	}
	return list;
}

function readStats(out: unknown): Evidence['stats'] {
	const rows = listOf(out, []);
	return rows.flatMap((r) => {
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
		stats?: unknown;
		candidates?: unknown;
		forecast?: unknown;
		templates?: unknown;
		similar?: unknown;
	} = {}
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
		forecast: readForecast(optional.forecast),
		templates: readTemplates(optional.templates),
		similar: readSimilar(optional.similar)
	};
}
