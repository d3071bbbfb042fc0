/**
 * Searching logs by meaning without embedding every line: each template is embedded once, so the
 * number of vectors grows with the variety of the log, not its length. A query returns the best
 * templates with a few of their distinct lines, those holding the query's words first.
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
	/** The embedded text: the template (format-1 indexes: also sample messages of it). */
	text: string;
	/** Time of the sample line (NaN for the template itself). */
	t: number;
}

/** A searchable log: templates, the docs and their vectors (one embedder). */
export interface LogSearchIndex {
	templates: TemplateStat[];
	docs: SearchDoc[];
	index: FlatIndex;
	/** Distinct sample lines per template id, shown with its hits (not embedded). */
	samples?: Map<string, LogLine[]>;
}

/** One template in a search answer, with its best-matching lines. */
export interface TemplateHit {
	templateId: string;
	template: string;
	/** Cosine of the query with the template (or, in format-1 indexes, its best sample line). */
	score: number;
	/** Lines of the template in the whole log. */
	count: number;
	/**
	 * Its sample lines, best first: ranked by how many of the query's words they hold (lines of
	 * one template differ only in their variable parts, which is where such words sit), each with
	 * the template's cosine. A sample line embedded in an older index keeps its own cosine.
	 */
	lines: { text: string; t: number; score: number }[];
}

/** Distinct sample messages kept per template. */
export const DEFAULT_SAMPLES_PER_TEMPLATE = 8;

/** Mines templates, then embeds each template once and keeps a few distinct lines to show. */
export async function buildLogSearch(
	lines: Iterable<LogLine>,
	embedder: Embedder,
	samplesPerTemplate = DEFAULT_SAMPLES_PER_TEMPLATE
): Promise<LogSearchIndex> {
	const mined = new TemplateIndex();
	const raw = new Map<number, Map<string, number>>();
	for (const line of lines) {
		const r = mined.add(line.message, line.t);
		let s = raw.get(r);
		if (!s) raw.set(r, (s = new Map()));
		if (s.size < samplesPerTemplate && !s.has(line.message)) s.set(line.message, line.t);
	}
	const templates = mined.stats();
	const samples = new Map<string, LogLine[]>();
	for (const [r, msgs] of raw) {
		const id = mined.miner.clusters[mined.resolve(r)].id;
		const list = samples.get(id) ?? [];
		for (const [message, t] of msgs)
			if (list.length < samplesPerTemplate) list.push({ message, t });
		samples.set(id, list);
	}
	const docs: SearchDoc[] = templates.map((t) => ({ templateId: t.id, text: t.template, t: NaN }));
	const index = new FlatIndex(embedder.name, embedder.dim, docs.length);
	const batch = 256;
	for (let i = 0; i < docs.length; i += batch) {
		const texts = docs.slice(i, i + batch).map((d) => d.text);
		index.add(await embedder.embed(texts), embedder.name);
	}
	return { templates, docs, index, samples };
}

/** Lower-case words of two or more letters or digits. */
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];

/** Sample lines ordered by how many distinct query words each holds (stable for ties). */
function rankLines(lines: LogLine[], query: string): LogLine[] {
	const q = new Set(words(query));
	const hits = (l: LogLine) => new Set(words(l.message).filter((w) => q.has(w))).size;
	return lines
		.map((l, i) => ({ l, i, n: hits(l) }))
		.sort((a, b) => b.n - a.n || a.i - b.i)
		.map((x) => x.l);
}

/** The k templates best matching a query, each with up to `linesPer` of its sample lines. */
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
		// A format-1 index embedded sample lines: such a line carries its own cosine.
		if (!Number.isNaN(doc.t) && th.lines.length < linesPer) {
			th.lines.push({ text: doc.text, t: doc.t, score: h.score });
		}
	}
	for (const th of out.values()) {
		const shown = new Set(th.lines.map((l) => l.text));
		for (const l of rankLines(s.samples?.get(th.templateId) ?? [], query)) {
			if (th.lines.length >= linesPer) break;
			if (shown.has(l.message)) continue;
			th.lines.push({ text: l.message, t: l.t, score: th.score });
		}
	}
	return [...out.values()].sort((a, b) => b.score - a.score);
}
