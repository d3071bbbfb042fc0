/**
 * Builds the log index of one incident: mines templates over its stored log table (with counts per
 * window and a burst factor), keeps a bounded sample of distinct lines per template to show, and
 * embeds each template once. Vectors grow with the variety of the log, not its length. Sample lines
 * are not embedded: on TrainTicket they bought +0.025 recall@10 for -0.016 MRR (docs/logs.md) at
 * several times the embedding work, which kept 1 M lines from being searchable within a minute.
 */
import { LOG_LEVELS, type LogTable, type TimeRange } from '../bundle/types';
import type { Embedder } from '../embed/api';
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import type { TemplateRow, TemplateSampleLine } from '../shared/outputs-logs';
import type { LogIndexDoc } from '../storage/log-indexes';
import { MAX_MESSAGE_CHARS } from './input';
import { TemplateIndex } from './templates';
import type { Progress } from '../shared/progress';

/** Distinct sample lines kept per template (the first SHOWN_SAMPLES reach the row). */
export const SAMPLES_PER_TEMPLATE = 8;
/** Sample lines shown when a template row is expanded. */
const SHOWN_SAMPLES = 5;
/** Lines mined between cancellation checks / progress reports. */
const SLICE = 8192;

/** Options of mineLogs. */
export interface MineOptions {
	/** Windows compared by the burst factor (burst is NaN without a baseline). */
	baseline?: TimeRange;
	incident?: TimeRange;
	/** Bucket 0 start (epoch ms): the start of the incident's time range. */
	origin: number;
	/** Bucket width (60 s). */
	bucketMs?: number;
	signal?: CancelSignal;
	onProgress?: Progress;
}

/** Mined templates and the docs to embed. */
export interface Mined {
	lines: number;
	/** Every template, most frequent first. */
	rows: TemplateRow[];
	/** One doc per template (t = NaN), in row order: what is embedded. */
	docs: LogIndexDoc[];
}

/** Mines every line of a log table. */
export async function mineLogs(logs: LogTable, o: MineOptions): Promise<Mined> {
	const signal = o.signal ?? neverCancelled;
	const index = new TemplateIndex({ origin: o.origin, bucketMs: o.bucketMs ?? 60_000 });
	const samples = new Map<number, Map<string, TemplateSampleLine>>();
	for (let i = 0; i < logs.length; i++) {
		if (i % SLICE === 0) {
			await signal.checkpoint();
			o.onProgress?.(i / Math.max(1, logs.length), `mining templates (${i} lines)`);
		}
		let message = logs.message[i];
		if (message.length > MAX_MESSAGE_CHARS) message = message.slice(0, MAX_MESSAGE_CHARS);
		const level = LOG_LEVELS[logs.level[i]] ?? 'info';
		const raw = index.add(message, logs.t[i], level);
		let s = samples.get(raw);
		if (!s) samples.set(raw, (s = new Map()));
		if (s.size < SAMPLES_PER_TEMPLATE && !s.has(message)) {
			const service = logs.services[logs.service[i]] ?? '';
			s.set(message, { t: logs.t[i], level, service, message });
		}
	}
	return collect(index, samples, logs.length, o);
}

function collect(
	index: TemplateIndex,
	samples: Map<number, Map<string, TemplateSampleLine>>,
	lines: number,
	o: MineOptions
): Mined {
	// Samples of templates folded into another one join the survivor's samples.
	const byLive = new Map<string, TemplateSampleLine[]>();
	for (const [raw, s] of samples) {
		const id = index.miner.clusters[index.resolve(raw)].id;
		const list = byLive.get(id) ?? [];
		for (const line of s.values()) if (list.length < SAMPLES_PER_TEMPLATE) list.push(line);
		byLive.set(id, list);
	}
	const rows: TemplateRow[] = [];
	const docs: LogIndexDoc[] = [];
	for (const st of index.stats()) {
		const sampled = byLive.get(st.id) ?? [];
		const hasWindows = o.baseline !== undefined && o.incident !== undefined;
		rows.push({
			id: st.id,
			template: st.template,
			count: st.count,
			incidentCount: o.incident ? index.countIn(st, o.incident) : 0,
			baselineCount: o.baseline ? index.countIn(st, o.baseline) : 0,
			burst: hasWindows ? index.burstFactor(st, o.baseline!, o.incident!) : NaN,
			firstSeen: st.firstSeen,
			lastSeen: st.lastSeen,
			byLevel: st.byLevel,
			samples: sampled.slice(0, SHOWN_SAMPLES)
		});
		docs.push({ templateId: st.id, text: st.template, t: NaN });
	}
	return { lines, rows, docs };
}

/** Embeds the docs in batches (cancellable, with progress); row i belongs to docs[i]. */
export async function embedDocs(
	docs: LogIndexDoc[],
	embedder: Embedder,
	signal: CancelSignal = neverCancelled,
	onProgress?: Progress,
	batch = 256
): Promise<Float32Array> {
	const out = new Float32Array(docs.length * embedder.dim);
	for (let i = 0; i < docs.length; i += batch) {
		await signal.checkpoint();
		onProgress?.(
			i / Math.max(1, docs.length),
			`embedding ${i}/${docs.length} with ${embedder.name}`
		);
		const texts = docs.slice(i, i + batch).map((d) => d.text);
		out.set(await embedder.embed(texts), i * embedder.dim);
	}
	return out;
}
