/**
 * The logs worker's API, independent of comlink: the worker entry passes the database and the
 * embedder choice; tests pass fake-indexeddb and the lexical (or tiny BERT) embedder.
 */
import type { EmbedderChoice } from '../embed/api';
import { searchLogs, type LogSearchIndex } from '../search/log-search';
import { FlatIndex } from '../search/flat';
import { JobRegistry, type CancelSignal } from '../shared/cancel';
import type {
	EmbedderNote,
	LogSearchOutput,
	TemplateRow,
	TemplatesOutput
} from '../shared/outputs-logs';
import { mineAsOf } from './as-of';
import type { AitiaDb } from '../storage/db';
import type { TemplateStat } from './templates';
import type { EmbedderPreference, LogSearchRequest, LogsApi, TemplatesRequest } from './api';
import { similarIncidents } from './similar';
import { LogIndexCache, requireIncident, type LoadedIndex } from './store';
import type { Progress } from '../shared/progress';

/** What the service needs from its host. */
export interface LogsDeps {
	/** The workbench database (opened once by the host). */
	db(): Promise<AitiaDb>;
	/** The embedder for a preference (the host loads each one once; model loading reports progress). */
	embedder(prefer: EmbedderPreference, onProgress?: Progress): Promise<EmbedderChoice>;
}

const note = (c: EmbedderChoice): EmbedderNote => ({ name: c.embedder.name, reason: c.reason });

/** Rows sorted as asked: burst (NaN last) or count. */
export function sortRows(rows: TemplateRow[], sort: 'burst' | 'count'): TemplateRow[] {
	const burst = (r: TemplateRow) => (Number.isNaN(r.burst) ? -Infinity : r.burst);
	return [...rows].sort((a, b) =>
		sort === 'burst' ? burst(b) - burst(a) || b.count - a.count : b.count - a.count
	);
}

/** A stored template row as the search reads it. */
const templateStat = (r: TemplateRow): TemplateStat => ({
	id: r.id,
	template: r.template,
	count: r.count,
	firstSeen: r.firstSeen,
	lastSeen: r.lastSeen,
	byLevel: r.byLevel,
	buckets: new Map()
});

/** Texts per embedding call when indexing lines at a replay cursor. */
const EMBED_BATCH = 256;

/** The stored sample lines of each template, shown with its search hits. */
const samplesOf = (rows: TemplateRow[]) =>
	new Map(rows.map((r) => [r.id, r.samples.map((l) => ({ t: l.t, message: l.message }))]));

function searchable(loaded: LoadedIndex): LogSearchIndex {
	const rows = loaded.record.templates;
	return {
		templates: rows.map(templateStat),
		docs: loaded.record.docs,
		index: loaded.flat,
		samples: samplesOf(rows)
	};
}

export function createLogsApi(deps: LogsDeps): LogsApi {
	const jobs = new JobRegistry();
	let cache: LogIndexCache | undefined;
	const getCache = async () => (cache ??= new LogIndexCache(await deps.db()));

	async function withJob<T>(
		jobId: string | undefined,
		fn: (signal: CancelSignal) => Promise<T>
	): Promise<T> {
		const id = jobId ?? `logs-${Math.random().toString(36).slice(2)}`;
		const signal = jobs.start(id);
		try {
			return await fn(signal);
		} finally {
			jobs.finish(id, signal);
		}
	}

	async function prepare(
		incidentId: string,
		prefer: EmbedderPreference,
		signal: CancelSignal,
		onProgress?: Progress
	) {
		const db = await deps.db();
		const info = await requireIncident(db, incidentId);
		const choice = await deps.embedder(prefer, onProgress);
		signal.throwIfCancelled();
		const loaded = await (await getCache()).load(info, choice.embedder, signal, onProgress);
		return { db, info, choice, loaded };
	}

	return {
		templates: (req, jobId, onProgress) =>
			withJob(jobId, async (signal) => {
				const asOf = req.asOf;
				if (asOf !== undefined)
					return templatesAsOf(await deps.db(), { ...req, asOf }, signal, onProgress);
				const { choice, loaded } = await prepare(req.incidentId, req.embedder, signal, onProgress);
				const r = loaded.record;
				const out = {
					type: 'templates' as const,
					incidentId: req.incidentId,
					embedder: note(choice),
					lines: r.lines,
					templateCount: r.templates.length,
					vectors: r.docs.length,
					rows: sortRows(r.templates, req.sort).slice(0, req.limit),
					reused: loaded.reused,
					timings: loaded.timings
				};
				return { ...out, ...(r.baseline && { baseline: r.baseline }), incident: r.incident };
			}),
		search: (req, jobId, onProgress) =>
			withJob(jobId, async (signal) => {
				if (!req.query.trim()) throw new Error('Type a query to search the logs.');
				const asOf = req.asOf;
				if (asOf !== undefined) {
					const db = await deps.db();
					const choice = await deps.embedder(req.embedder, onProgress);
					return searchAsOf(db, { ...req, asOf }, choice, signal, onProgress);
				}
				const { choice, loaded } = await prepare(req.incidentId, req.embedder, signal, onProgress);
				const t0 = performance.now();
				const hits = await searchLogs(
					searchable(loaded),
					choice.embedder,
					req.query,
					req.k,
					req.linesPer
				);
				const searchMs = performance.now() - t0;
				return {
					type: 'log-search' as const,
					incidentId: req.incidentId,
					query: req.query,
					embedder: note(choice),
					hits: hits.map((h) => ({
						...h,
						lines: h.lines.map((l) => ({ t: l.t, message: l.text, score: l.score }))
					})),
					vectors: loaded.flat.size,
					searchMs
				};
			}),
		similar: (req, jobId, onProgress) =>
			withJob(jobId, async (signal) => {
				const db = await deps.db();
				const choice = await deps.embedder(req.embedder, onProgress);
				const matches = await similarIncidents(db, await getCache(), choice.embedder, req, {
					signal,
					onProgress
				});
				return { type: 'similar-incidents' as const, embedder: note(choice), ...matches };
			}),
		async warm(prefer) {
			return note(await deps.embedder(prefer));
		},
		async cancel(jobId) {
			return jobs.cancel(jobId);
		}
	};
}

/**
 * Templates as known at the replay cursor: the lines up to it, mined afresh (Drain sees only what
 * existed then), with the incident window ending at the cursor. Nothing is embedded: the rows are
 * what the cell shows, and the prompt reads.
 */
async function templatesAsOf(
	db: AitiaDb,
	req: TemplatesRequest & { asOf: number },
	signal: CancelSignal,
	onProgress?: Progress
): Promise<TemplatesOutput> {
	const info = await requireIncident(db, req.incidentId);
	const {
		mined,
		baseline: known,
		incident: cutIncident
	} = await mineAsOf(db, info, req.asOf, signal, onProgress);
	return {
		type: 'templates',
		incidentId: req.incidentId,
		embedder: {
			name: 'none',
			reason: `replay: lines up to ${new Date(req.asOf).toISOString()} mined, nothing embedded`
		},
		lines: mined.lines,
		templateCount: mined.rows.length,
		vectors: 0,
		rows: sortRows(mined.rows, req.sort).slice(0, req.limit),
		reused: false,
		timings: { mineS: 0, embedS: 0, storeS: 0 },
		...(known && { baseline: known }),
		...(cutIncident && { incident: cutIncident })
	};
}

/**
 * Log search as known at the replay cursor: the lines up to it are mined afresh (as-of.ts, the
 * same cut as the templates cell) and the templates embedded (the
 * embedding cache makes texts already embedded for the whole log free), then searched. The whole
 * log's index is not used: it would answer with lines from after the cursor.
 */
async function searchAsOf(
	db: AitiaDb,
	req: LogSearchRequest & { asOf: number },
	choice: EmbedderChoice,
	signal: CancelSignal,
	onProgress?: Progress
): Promise<LogSearchOutput> {
	const info = await requireIncident(db, req.incidentId);
	const { mined } = await mineAsOf(db, info, req.asOf, signal, onProgress);
	const { embedder } = choice;
	const index = new FlatIndex(embedder.name, embedder.dim, mined.docs.length);
	for (let i = 0; i < mined.docs.length; i += EMBED_BATCH) {
		await signal.checkpoint();
		onProgress?.(i / Math.max(1, mined.docs.length), 'embedding the lines known then');
		const texts = mined.docs.slice(i, i + EMBED_BATCH).map((d) => d.text);
		index.add(await embedder.embed(texts), embedder.name);
	}
	const t0 = performance.now();
	const searchIndex = {
		templates: mined.rows.map(templateStat),
		docs: mined.docs,
		index,
		samples: samplesOf(mined.rows)
	};
	const hits = await searchLogs(searchIndex, embedder, req.query, req.k, req.linesPer);
	return {
		type: 'log-search',
		incidentId: req.incidentId,
		query: req.query,
		embedder: {
			name: embedder.name,
			reason: `replay: the ${mined.lines} lines up to ${new Date(req.asOf).toISOString()} indexed afresh; ${choice.reason}`
		},
		hits: hits.map((h) => ({
			...h,
			lines: h.lines.map((l) => ({ t: l.t, message: l.text, score: l.score }))
		})),
		vectors: mined.docs.length,
		searchMs: performance.now() - t0
	};
}
