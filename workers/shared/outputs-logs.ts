/**
 * Output types of the log cells (templates, log search, similar incidents). Each one names the
 * embedder that produced its vectors: results of different embedders are never compared.
 */
import type { LogLevel, TimeRange } from '../bundle/types';

/** The embedder behind a result and why it was chosen (e.g. why MiniLM could not be loaded). */
export interface EmbedderNote {
	/** Embedder name: 'all-minilm-l6-v2/q8/t128', 'lexical-hash-v1', ... */
	name: string;
	/** Why this embedder was used. */
	reason: string;
}

/** One sampled line of a template. */
export interface TemplateSampleLine {
	/** Epoch ms; NaN when the line had no timestamp. */
	t: number;
	level: LogLevel;
	service: string;
	message: string;
}

/** One row of the templates table. */
export interface TemplateRow {
	/** Template id ('T12'). */
	id: string;
	/** Template text with `<*>` for variables. */
	template: string;
	/** Lines of this template in the whole log. */
	count: number;
	/** Lines inside the incident window. */
	incidentCount: number;
	/** Lines inside the baseline window. */
	baselineCount: number;
	/** Rate during the incident / rate during the baseline (half a line of smoothing). */
	burst: number;
	/** Earliest and latest timestamp (epoch ms; NaN when unknown). */
	firstSeen: number;
	lastSeen: number;
	/** Lines per level. */
	byLevel: Partial<Record<LogLevel, number>>;
	/** Up to a few distinct sample lines (shown when the row is expanded). */
	samples: TemplateSampleLine[];
}

/** Output of a `templates` cell. */
export interface TemplatesOutput {
	type: 'templates';
	incidentId: string;
	embedder: EmbedderNote;
	/** Log lines mined. */
	lines: number;
	/** Distinct templates found (rows may be fewer: see `limit`). */
	templateCount: number;
	/** Vectors in the search index (templates + sampled distinct lines). */
	vectors: number;
	/** The windows the burst factor compares (absent when the incident has no baseline). */
	baseline?: TimeRange;
	incident?: TimeRange;
	/** Rows, sorted as asked (burst or count). */
	rows: TemplateRow[];
	/** True when the index was read back from IndexedDB instead of being built. */
	reused: boolean;
	/** Seconds spent on mining, embedding and persisting (0 when reused). */
	timings: { mineS: number; embedS: number; storeS: number };
}

/** One template in a log-search answer. */
export interface LogSearchHit {
	templateId: string;
	template: string;
	/** Cosine of the query with the template (indexes before format 2: or its best sample line). */
	score: number;
	/** Lines of the template in the whole log. */
	count: number;
	/**
	 * Sample lines of the template, those holding more of the query's words first; each scored
	 * with the template's cosine (or its own, where an older index embedded it).
	 */
	lines: { t: number; message: string; score: number }[];
}

/** Output of a `log-search` cell. */
export interface LogSearchOutput {
	type: 'log-search';
	incidentId: string;
	query: string;
	embedder: EmbedderNote;
	hits: LogSearchHit[];
	/** Vectors searched. */
	vectors: number;
	/** Query time in ms (embedding the query + scanning). */
	searchMs: number;
}

/** One library incident similar to the current one. */
export interface SimilarIncident {
	incidentId: string;
	title: string;
	/** Combined similarity 0..1. */
	score: number;
	/** Parts of the score: bursting-template embeddings, anomalous metrics, events. */
	parts: { templates: number; metrics: number; events: number };
	/** Pairs of bursting templates that match (cosine >= 0.8), best first. */
	sharedTemplates: { ours: string; theirs: string; cosine: number }[];
	/** Anomalous metric names both incidents share. */
	sharedSymptoms: string[];
	/** Event kinds / titles both share. */
	sharedEvents: string[];
	/** One sentence saying why. */
	reason: string;
}

/** Output of a `similar-incidents` cell. */
export interface SimilarIncidentsOutput {
	type: 'similar-incidents';
	incidentId: string;
	embedder: EmbedderNote;
	/** The signature of the current incident, for display. */
	signature: { burstingTemplates: string[]; anomalousMetrics: string[]; events: string[] };
	/** Library incidents compared. */
	compared: number;
	matches: SimilarIncident[];
}
