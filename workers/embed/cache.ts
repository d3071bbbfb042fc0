/**
 * An embedding cache keyed by a hash of the text: wraps an embedder so that re-imports and re-runs
 * never embed the same text twice. Two tiers: a bounded in-memory map (microseconds), then an
 * optional persistent `VectorStore` (IndexedDB in the browser, a file in Node) that outlives the
 * worker, so a reload or a re-import embeds nothing already seen. MiniLM costs milliseconds per
 * text. Vectors are copied in and out, so callers cannot corrupt the cache.
 */
import { hashText } from '../shared/hash-text';
import type { Embedder } from './api';

/** Texts kept in memory by default (384 floats each: 100 000 texts ≈ 154 MB at most). */
export const DEFAULT_CACHE_TEXTS = 100_000;

/** Hits and misses since the cache was made (for tests and the bench). */
export interface CacheStats {
	/** Texts answered from memory. */
	hits: number;
	/** Texts answered from the persistent store. */
	stored: number;
	/** Distinct texts the model had to embed. */
	misses: number;
	/** Store reads or writes that failed (the texts were embedded instead; nothing is lost). */
	storeErrors: number;
}

/**
 * A persistent second tier for the vectors of ONE model (its id, dtype and weights revision are
 * the store's business: see `cacheModelId`). Keys come from `textKey`.
 */
export interface VectorStore {
	/** Vectors of `keys` in order, undefined where absent. */
	get(keys: string[]): Promise<(Float32Array | undefined)[]>;
	/** Stores vectors (replacing any under the same key). */
	put(entries: { key: string; vector: Float32Array }[]): Promise<void>;
}

/** The text's hash plus its length: a 53-bit hash alone would make collisions likelier. */
export const textKey = (text: string): string => `${hashText(text)}:${text.length}`;

/**
 * What a persistent store is keyed by besides the text: the embedder name (model, dtype and token
 * limit, e.g. 'all-minilm-l6-v2/q8/t128') and the weights revision, so replaced weights or another
 * limit never reuse old vectors.
 */
export const cacheModelId = (embedderName: string, revision: string): string =>
	`${embedderName}@${revision}`;

/** An Embedder with the same name and vectors as `inner`, embedding each distinct text once. */
export class CachedEmbedder implements Embedder {
	readonly name: string;
	readonly dim: number;
	readonly stats: CacheStats = { hits: 0, stored: 0, misses: 0, storeErrors: 0 };
	private readonly vectors = new Map<string, Float32Array>();

	constructor(
		readonly inner: Embedder,
		private readonly maxTexts = DEFAULT_CACHE_TEXTS,
		private readonly store?: VectorStore
	) {
		this.name = inner.name;
		this.dim = inner.dim;
	}

	async embed(texts: string[]): Promise<Float32Array> {
		const out = new Float32Array(texts.length * this.dim);
		const missing = new Map<string, number[]>();
		texts.forEach((text, i) => {
			const key = textKey(text);
			const hit = this.vectors.get(key);
			if (hit) {
				out.set(hit, i * this.dim);
				this.stats.hits++;
			} else {
				const rows = missing.get(key);
				if (rows) rows.push(i);
				else missing.set(key, [i]);
			}
		});
		if (missing.size === 0) return out;
		await this.fromStore(missing, out);
		if (missing.size === 0) return out;
		const todo = [...missing.values()];
		const fresh = await this.inner.embed(todo.map((rows) => texts[rows[0]]));
		this.stats.misses += todo.length;
		const entries = [...missing.keys()].map((key, j) => {
			const vector = fresh.slice(j * this.dim, (j + 1) * this.dim);
			for (const i of todo[j]) out.set(vector, i * this.dim);
			this.remember(key, vector);
			return { key, vector };
		});
		if (this.store) {
			// Awaited so a re-run right after sees the vectors; a failed write costs a re-embed later.
			await this.store.put(entries).catch(() => void this.stats.storeErrors++);
		}
		return out;
	}

	/** Fills `out` from the persistent store and removes what it found from `missing`. */
	private async fromStore(missing: Map<string, number[]>, out: Float32Array): Promise<void> {
		if (!this.store) return;
		const keys = [...missing.keys()];
		let found: (Float32Array | undefined)[];
		try {
			found = await this.store.get(keys);
		} catch {
			this.stats.storeErrors++;
			return;
		}
		keys.forEach((key, j) => {
			const v = found[j];
			if (!v || v.length !== this.dim) return;
			for (const i of missing.get(key) ?? []) out.set(v, i * this.dim);
			this.stats.stored += missing.get(key)?.length ?? 0;
			this.remember(key, Float32Array.from(v));
			missing.delete(key);
		});
	}

	/** Oldest entries go first when full (a Map iterates in insertion order). */
	private remember(key: string, v: Float32Array): void {
		if (this.vectors.size >= this.maxTexts) {
			const oldest = this.vectors.keys().next().value;
			if (oldest !== undefined) this.vectors.delete(oldest);
		}
		this.vectors.set(key, v);
	}
}

/** An in-memory VectorStore (tests; the Node runner's default second tier is its own map). */
export function memoryVectorStore(): VectorStore & { size(): number } {
	const m = new Map<string, Float32Array>();
	return {
		async get(keys) {
			return keys.map((k) => m.get(k)?.slice());
		},
		async put(entries) {
			for (const e of entries) m.set(e.key, e.vector.slice());
		},
		size: () => m.size
	};
}
