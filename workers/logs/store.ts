/**
 * Loads the log index of an incident for one embedder: from memory, else from IndexedDB when the
 * stored copy matches the incident's content hash and the index format, else builds it from the
 * stored logs and persists it. A failed or cancelled build stores nothing, so an index already
 * stored is never lost or half-replaced.
 */
import type { TimeRange } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import type { Embedder } from '../embed/api';
import { FlatIndex } from '../search/flat';
import type { CancelSignal } from '../shared/cancel';
import type { AitiaDb } from '../storage/db';
import { getIncident } from '../storage/incidents';
import {
	getLogIndex,
	LOG_INDEX_FORMAT,
	putLogIndex,
	type LogIndexRecord
} from '../storage/log-indexes';
import { readLogTable } from '../storage/logs';
import { embedDocs, mineLogs } from './build';
import type { Progress } from '../shared/progress';

/** An index ready for queries. */
export interface LoadedIndex {
	record: LogIndexRecord;
	flat: FlatIndex;
	/** Read back from IndexedDB (or memory) rather than built by this call. */
	reused: boolean;
	/** Seconds per build step (zeros when reused). */
	timings: { mineS: number; embedS: number; storeS: number };
}

/** Baseline and incident windows of an incident (incident = onset, or start, to end). */
export function incidentWindows(info: IncidentInfo): { baseline?: TimeRange; incident: TimeRange } {
	const m = info.manifest;
	return {
		baseline: m.baseline,
		incident: { start: m.onset ?? m.timeRange.start, end: m.timeRange.end }
	};
}

/** The stored incident summary, or a clear error. */
export async function requireIncident(db: AitiaDb, incidentId: string): Promise<IncidentInfo> {
	const info = await getIncident(db, incidentId);
	if (!info) throw new Error(`Incident '${incidentId}' is not stored.`);
	return info;
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

/** Indexes kept in memory by the worker, keyed incident + embedder. */
export class LogIndexCache {
	private readonly loaded = new Map<string, LoadedIndex>();

	constructor(private readonly db: AitiaDb) {}

	async load(
		info: IncidentInfo,
		embedder: Embedder,
		signal: CancelSignal,
		onProgress?: Progress
	): Promise<LoadedIndex> {
		const id = info.manifest.id;
		const key = `${id}\u0000${embedder.name}`;
		const cached = this.loaded.get(key);
		if (cached && cached.record.contentHash === info.contentHash)
			return { ...cached, reused: true };
		const stored = await getLogIndex(this.db, id, embedder.name);
		let loaded: LoadedIndex;
		if (stored && stored.format === LOG_INDEX_FORMAT && stored.contentHash === info.contentHash) {
			loaded = { record: stored, flat: toFlat(stored), reused: true, timings: zero() };
		} else {
			loaded = await this.build(info, embedder, signal, onProgress);
		}
		this.loaded.set(key, loaded);
		return loaded;
	}

	private async build(
		info: IncidentInfo,
		embedder: Embedder,
		signal: CancelSignal,
		onProgress?: Progress
	): Promise<LoadedIndex> {
		const id = info.manifest.id;
		const { baseline, incident } = incidentWindows(info);
		let t0 = performance.now();
		const logs = await readLogTable(this.db, id);
		const mined = await mineLogs(logs, {
			baseline,
			incident,
			origin: info.manifest.timeRange.start,
			signal,
			onProgress: (f, label) => onProgress?.(f * 0.5, label)
		});
		const mineS = seconds(t0);
		t0 = performance.now();
		const vectors = await embedDocs(mined.docs, embedder, signal, (f, label) =>
			onProgress?.(0.5 + f * 0.45, label)
		);
		const embedS = seconds(t0);
		signal.throwIfCancelled();
		onProgress?.(0.95, 'storing the index');
		t0 = performance.now();
		const record: LogIndexRecord = {
			incidentId: id,
			embedder: embedder.name,
			format: LOG_INDEX_FORMAT,
			contentHash: info.contentHash,
			lines: mined.lines,
			templates: mined.rows,
			docs: mined.docs,
			dim: embedder.dim,
			vectors,
			builtAt: new Date().toISOString()
		};
		if (baseline) record.baseline = baseline;
		record.incident = incident;
		await putLogIndex(this.db, record);
		const storeS = seconds(t0);
		return { record, flat: toFlat(record), reused: false, timings: { mineS, embedS, storeS } };
	}
}

const zero = () => ({ mineS: 0, embedS: 0, storeS: 0 });

function toFlat(r: LogIndexRecord): FlatIndex {
	return FlatIndex.from({
		embedder: r.embedder,
		dim: r.dim,
		size: r.docs.length,
		vectors: r.vectors
	});
}

/** Row of each template's own vector (docs with t = NaN are the templates). */
export function templateVectors(loaded: LoadedIndex): Map<string, Float32Array> {
	const out = new Map<string, Float32Array>();
	loaded.record.docs.forEach((d, row) => {
		if (Number.isNaN(d.t) && !out.has(d.templateId)) out.set(d.templateId, loaded.flat.vector(row));
	});
	return out;
}
