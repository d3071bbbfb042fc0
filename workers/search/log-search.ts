/**
 * Searching logs by meaning without embedding every line: each template is embedded once, plus a
 * bounded sample of distinct messages per template, so the number of vectors grows with the
 * variety of the log, not its length. A query returns the best templates with their matching
 * sample lines and scores.
 */
import type { Embedder } from '../embed/api';
import { TemplateIndex, type TemplateStat } from '../logs/templates';
import { FlatIndex } from './flat';

/** One input line. */
export interface LogLine {
	/** Epoch ms; NaN when the line had no timestamp. */
	t: number;
	message: string;
}

/** What a vector of the index stands for. */
export interface SearchDoc {
	/** Template id. */
	templateId: string;
	/** The embedded text: the template, or one sample message of it. */
	text: string;
	/** Time of the sample line (NaN for the template itself). */
	t: number;
}

/** A searchable log: templates, the docs and their vectors (one embedder). */
export interface LogSearchIndex {
	templates: TemplateStat[];
	docs: SearchDoc[];
	index: FlatIndex;
}

/** One template in a search answer, with its best-matching lines. */
export interface TemplateHit {
	templateId: string;
	template: string;
	/** Best cosine over the template and its sampled lines. */
	score: number;
	/** Lines of the template in the whole log. */
	count: number;
	lines: { text: string; t: number; score: number }[];
}

/** Distinct sample messages kept per template. */
export const DEFAULT_SAMPLES_PER_TEMPLATE = 8;

/** Mines templates, then embeds each template and a bounded sample of its distinct messages. */
export async function buildLogSearch(
	lines: Iterable<LogLine>,
	embedder: Embedder,
	samplesPerTemplate = DEFAULT_SAMPLES_PER_TEMPLATE
): Promise<LogSearchIndex> {
	const mined = new TemplateIndex();
	const samples = new Map<number, Map<string, number>>();
	for (const line of lines) {
		const raw = mined.add(line.message, line.t);
		let s = samples.get(raw);
		if (!s) samples.set(raw, (s = new Map()));
		if (s.size < samplesPerTemplate && !s.has(line.message)) s.set(line.message, line.t);
	}
	const templates = mined.stats();
	const docs: SearchDoc[] = [];
	const byId = new Map(templates.map((t) => [t.id, t]));
	for (const t of templates) docs.push({ templateId: t.id, text: t.template, t: NaN });
	for (const [raw, msgs] of samples) {
		const id = mined.miner.clusters[mined.resolve(raw)].id;
		for (const [text, t] of msgs) {
			if (byId.get(id)?.template !== text) docs.push({ templateId: id, text, t });
		}
	}
	const index = new FlatIndex(embedder.name, embedder.dim, docs.length);
	const batch = 256;
	for (let i = 0; i < docs.length; i += batch) {
		const texts = docs.slice(i, i + batch).map((d) => d.text);
		index.add(await embedder.embed(texts), embedder.name);
	}
	return { templates, docs, index };
}

/** The k templates best matching a query, each with up to `linesPer` matching sample lines. */
export async function searchLogs(
	s: LogSearchIndex,
	embedder: Embedder,
	query: string,
	k = 10,
	linesPer = 3
): Promise<TemplateHit[]> {
	if (embedder.name !== s.index.embedder) {
		throw new Error(`index was built with ${s.index.embedder}; the query uses ${embedder.name}`);
	}
	const q = await embedder.embed([query]);
	const hits = s.index.search(q, Math.min(s.docs.length, k * (linesPer + 1) * 2));
	const stats = new Map(s.templates.map((t) => [t.id, t]));
	const out = new Map<string, TemplateHit>();
	for (const h of hits) {
		const doc = s.docs[h.row];
		let th = out.get(doc.templateId);
		if (!th) {
			if (out.size >= k) continue;
			const st = stats.get(doc.templateId);
			th = {
				templateId: doc.templateId,
				template: st?.template ?? '',
				score: h.score,
				count: st?.count ?? 0,
				lines: []
			};
			out.set(doc.templateId, th);
		}
		if (!Number.isNaN(doc.t) && th.lines.length < linesPer) {
			th.lines.push({ text: doc.text, t: doc.t, score: h.score });
		}
	}
	return [...out.values()].sort((a, b) => b.score - a.score);
}
