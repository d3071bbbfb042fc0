/**
 * Persisted log indexes (store `logIndexes`, schema v3): the mined templates of one incident and
 * the vectors of its templates and sampled lines, keyed [incidentId, embedder]. One record holds
 * the vectors of exactly one embedder, so indexes of different embedders are never mixed; a record
 * is only reused while the incident's content hash and the index format are unchanged.
 */
import type { TemplateRow } from '../shared/outputs-logs';
import type { AitiaDb } from './db';
import { incidentKeyRange } from './db';

/**
 * Bumped when the record layout or the mining / sampling rules change. 2: only templates are
 * embedded (format 1 embedded up to 8 sample lines per template as well).
 */
export const LOG_INDEX_FORMAT = 2;

/** What one vector of the index stands for. */
export interface LogIndexDoc {
	/** Template id. */
	templateId: string;
	/** The embedded text: the template (format 1 also embedded distinct sample messages). */
	text: string;
	/** Time of a sample line; NaN for the template itself (every doc since format 2). */
	t: number;
}

/** One stored log index. */
export interface LogIndexRecord {
	/** Owning incident. */
	incidentId: string;
	/** Embedder name; the second key part. */
	embedder: string;
	/** LOG_INDEX_FORMAT at build time. */
	format: number;
	/** The incident's content hash at build time (a re-import with new data invalidates it). */
	contentHash: string;
	/** Lines mined. */
	lines: number;
	/** Every template with counts, burst factor and samples, most frequent first. */
	templates: TemplateRow[];
	/** Baseline / incident windows the burst factors compare. */
	baseline?: { start: number; end: number };
	incident?: { start: number; end: number };
	/** Docs, row-aligned with `vectors`. */
	docs: LogIndexDoc[];
	/** Vector width. */
	dim: number;
	/** docs.length × dim floats, unit length. */
	vectors: Float32Array;
	/** ISO time of the build. */
	builtAt: string;
}

/** The stored index of one incident and embedder, if any. */
export function getLogIndex(
	db: AitiaDb,
	incidentId: string,
	embedder: string
): Promise<LogIndexRecord | undefined> {
	return db.get('logIndexes', [incidentId, embedder]);
}

/** Stores (replacing) one index. */
export async function putLogIndex(db: AitiaDb, record: LogIndexRecord): Promise<void> {
	await db.put('logIndexes', record);
}

/** Removes every stored index of an incident (all embedders); returns how many. */
export async function deleteLogIndexes(db: AitiaDb, incidentId: string): Promise<number> {
	const tx = db.transaction('logIndexes', 'readwrite');
	const range = incidentKeyRange(incidentId);
	const n = await tx.store.count(range);
	await tx.store.delete(range);
	await tx.done;
	return n;
}

/** Embedder names with a stored index for an incident. */
export async function storedEmbedders(db: AitiaDb, incidentId: string): Promise<string[]> {
	const keys = await db.getAllKeys('logIndexes', incidentKeyRange(incidentId));
	return keys.map((k) => k[1]);
}
