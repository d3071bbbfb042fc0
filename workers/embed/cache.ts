/**
 * An embedding cache keyed by a hash of the text: wraps an embedder so that re-imports and re-runs
 * never embed the same text twice in one worker. MiniLM costs milliseconds per text, a lookup
 * microseconds. Vectors are copied in and out, so callers cannot corrupt the cache.
 */
import { hashText } from '../shared/hash-text';
import type { Embedder } from './api';

/** Texts kept by default (384 floats each: 100 000 texts ≈ 154 MB at most). */
export const DEFAULT_CACHE_TEXTS = 100_000;

/** Hits and misses since the cache was made (for tests and the bench). */
export interface CacheStats {
	hits: number;
	misses: number;
}

/** The text's hash plus its length: a 53-bit hash alone would make collisions likelier. */
const keyOf = (text: string): string => `${hashText(text)}:${text.length}`;

/** An Embedder with the same name and vectors as `inner`, embedding each distinct text once. */
export class CachedEmbedder implements Embedder {
	readonly name: string;
	readonly dim: number;
	readonly stats: CacheStats = { hits: 0, misses: 0 };
	private readonly vectors = new Map<string, Float32Array>();

	constructor(
		readonly inner: Embedder,
		private readonly maxTexts = DEFAULT_CACHE_TEXTS
	) {
		this.name = inner.name;
		this.dim = inner.dim;
	}

	async embed(texts: string[]): Promise<Float32Array> {
		const out = new Float32Array(texts.length * this.dim);
		const missing = new Map<string, number[]>();
		texts.forEach((text, i) => {
			const key = keyOf(text);
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
		const todo = [...missing.values()];
		const fresh = await this.inner.embed(todo.map((rows) => texts[rows[0]]));
		this.stats.misses += todo.length;
		[...missing.keys()].forEach((key, j) => {
			const v = fresh.slice(j * this.dim, (j + 1) * this.dim);
			for (const i of todo[j]) out.set(v, i * this.dim);
			this.remember(key, v);
		});
		return out;
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
