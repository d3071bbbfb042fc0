/**
 * The persistent embedding cache (store `embeddings`, schema v5): one vector per (model, text key),
 * shared by every incident, so a re-import or a reload embeds no text that was embedded before.
 * `model` is `cacheModelId(embedder name, weights revision)`: vectors of different models or of
 * replaced weights are never mixed. Derived data only: "clear all data" empties it, and losing it
 * costs a re-embed, never a wrong answer. That is also why the browser's logs worker, which only
 * ever embeds with one model id, drops every other model's vectors (`dropOtherModels`): vectors of
 * an older build's model, weights or token limit would otherwise stay forever, never read.
 */
import type { VectorStore } from '../embed/cache';
import type { AitiaDb } from './db';

/** One cached vector. */
export interface EmbeddingRecord {
	/** cacheModelId(...): embedder name + weights revision; the first key part. */
	model: string;
	/** textKey(text): hash + length of the embedded text; the second key part. */
	key: string;
	/** The unit vector. */
	vector: Float32Array;
}

/** A VectorStore over the `embeddings` store for one model; `db` is opened lazily. */
export function idbVectorStore(db: () => Promise<AitiaDb>, model: string): VectorStore {
	return {
		async get(keys) {
			const tx = (await db()).transaction('embeddings');
			const found = await Promise.all(keys.map((k) => tx.store.get([model, k])));
			await tx.done;
			return found.map((r) => r?.vector);
		},
		async put(entries) {
			const tx = (await db()).transaction('embeddings', 'readwrite');
			await Promise.all([
				...entries.map((e) => tx.store.put({ model, key: e.key, vector: e.vector })),
				tx.done
			]);
		}
	};
}

/** Cached vectors of one model (or of all models). */
export function countEmbeddings(db: AitiaDb, model?: string): Promise<number> {
	const range = model === undefined ? undefined : IDBKeyRange.bound([model], [model, []]);
	return db.count('embeddings', range);
}

/**
 * Deletes the vectors of every model but `keep` (two range deletes around its keys) and returns
 * how many there were. For a process that uses one model id only (see the file comment).
 */
export async function dropOtherModels(db: AitiaDb, keep: string): Promise<number> {
	const before = IDBKeyRange.upperBound([keep], true);
	// Arrays sort after strings, so [keep, []] is above every [keep, key].
	const after = IDBKeyRange.lowerBound([keep, []], true);
	const tx = db.transaction('embeddings', 'readwrite');
	const [n1, n2] = await Promise.all([tx.store.count(before), tx.store.count(after)]);
	await Promise.all([tx.store.delete(before), tx.store.delete(after), tx.done]);
	return n1 + n2;
}
