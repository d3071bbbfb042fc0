/**
 * A flat (exhaustive) vector index over one Float32Array: vectors are unit length, so cosine is
 * the dot product. Top-k keeps a k-sized min-heap while scanning (a partial sort: O(n log k)).
 * One index holds the vectors of exactly one embedder.
 */

/** One hit of a search. */
export interface Hit {
	/** Row of the vector in the index. */
	row: number;
	/** Cosine similarity to the query. */
	score: number;
}

/** A serialisable snapshot of an index (for IndexedDB). */
export interface FlatIndexData {
	/** Embedder name; see Embedder.name. */
	embedder: string;
	dim: number;
	/** Number of vectors. */
	size: number;
	/** size × dim floats. */
	vectors: Float32Array;
}

export class FlatIndex {
	private data: Float32Array;
	size = 0;

	constructor(
		readonly embedder: string,
		readonly dim: number,
		capacity = 1024
	) {
		this.data = new Float32Array(Math.max(1, capacity) * dim);
	}

	static from(d: FlatIndexData): FlatIndex {
		const idx = new FlatIndex(d.embedder, d.dim, d.size);
		idx.data.set(d.vectors.subarray(0, d.size * d.dim));
		idx.size = d.size;
		return idx;
	}

	/** Appends row-major vectors made by `embedder`; returns the first new row. */
	add(vectors: Float32Array, embedder: string): number {
		if (embedder !== this.embedder) {
			throw new Error(`index holds ${this.embedder} vectors; refusing ${embedder} vectors`);
		}
		if (vectors.length % this.dim !== 0) {
			throw new Error(`vector data length ${vectors.length} is not a multiple of ${this.dim}`);
		}
		const rows = vectors.length / this.dim;
		const need = (this.size + rows) * this.dim;
		if (need > this.data.length) {
			const grown = new Float32Array(Math.max(need, this.data.length * 2));
			grown.set(this.data.subarray(0, this.size * this.dim));
			this.data = grown;
		}
		this.data.set(vectors, this.size * this.dim);
		const first = this.size;
		this.size += rows;
		return first;
	}

	/** The vector of one row (a view, not a copy). */
	vector(row: number): Float32Array {
		return this.data.subarray(row * this.dim, (row + 1) * this.dim);
	}

	/** The k rows most similar to `query`, best first; `filter` may exclude rows. */
	search(query: Float32Array, k: number, filter?: (row: number) => boolean): Hit[] {
		if (query.length !== this.dim)
			throw new Error(`query has ${query.length} dims, index ${this.dim}`);
		const heap = new TopK(k);
		const d = this.data;
		const dim = this.dim;
		for (let r = 0, off = 0; r < this.size; r++, off += dim) {
			if (filter && !filter(r)) continue;
			let s = 0;
			for (let j = 0; j < dim; j++) s += d[off + j] * query[j];
			heap.offer(r, s);
		}
		return heap.sorted();
	}

	snapshot(): FlatIndexData {
		return {
			embedder: this.embedder,
			dim: this.dim,
			size: this.size,
			vectors: this.data.slice(0, this.size * this.dim)
		};
	}
}

/** A bounded min-heap keeping the k best (row, score) pairs seen. */
export class TopK {
	private readonly rows: Int32Array;
	private readonly scores: Float32Array;
	private n = 0;

	constructor(readonly k: number) {
		this.rows = new Int32Array(Math.max(0, k));
		this.scores = new Float32Array(Math.max(0, k));
	}

	offer(row: number, score: number): void {
		if (this.k <= 0) return;
		if (this.n < this.k) {
			let i = this.n++;
			while (i > 0) {
				const p = (i - 1) >> 1;
				if (this.scores[p] <= score) break;
				this.rows[i] = this.rows[p];
				this.scores[i] = this.scores[p];
				i = p;
			}
			this.rows[i] = row;
			this.scores[i] = score;
		} else if (score > this.scores[0]) this.replaceRoot(row, score);
	}

	private replaceRoot(row: number, score: number): void {
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= this.n) break;
			const c = l + 1 < this.n && this.scores[l + 1] < this.scores[l] ? l + 1 : l;
			if (this.scores[c] >= score) break;
			this.rows[i] = this.rows[c];
			this.scores[i] = this.scores[c];
			i = c;
		}
		this.rows[i] = row;
		this.scores[i] = score;
	}

	/** The kept pairs, best score first (ties: lower row first). */
	sorted(): Hit[] {
		const out: Hit[] = [];
		for (let i = 0; i < this.n; i++) out.push({ row: this.rows[i], score: this.scores[i] });
		return out.sort((a, b) => b.score - a.score || a.row - b.row);
	}
}
