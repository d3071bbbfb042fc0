/**
 * A flat index of int8-quantised unit vectors for large collections (1 M × 384 = 384 MB instead
 * of 1.5 GB): each vector is scaled by its own max |x| to int8, the query to int16, and a
 * WebAssembly SIMD kernel scans every row. The approximate scores pick `k × oversample`
 * candidates; when the caller can supply the float vectors, candidates are rescored exactly.
 * One index holds the vectors of exactly one embedder.
 */
import { dotI8Kernel } from './dot-i8-wasm';
import { TopK, type Hit } from './flat';

const PAGE = 65_536;
/** int8 vectors: x ≈ q × scale with |q| <= 127; the query uses int16 (|q| <= 32767). */
const Q8 = 127;
const Q16 = 32_767;

/** Search options. */
export interface Int8SearchOptions {
	/** Candidates kept from the int8 pass per wanted hit (default 8). */
	oversample?: number;
	/** Float vector of a row, for exact rescoring of the candidates (unit length). */
	rescore?: (row: number) => Float32Array;
}

export class Int8Index {
	private readonly memory: WebAssembly.Memory;
	private readonly kernel: ReturnType<typeof dotI8Kernel>;
	private scales: Float32Array;
	/** Byte offset of the vectors (the widened query sits before them). */
	private readonly base: number;
	size = 0;

	constructor(
		readonly embedder: string,
		readonly dim: number,
		capacity = 1024
	) {
		if (dim % 16 !== 0) throw new Error(`int8 index needs a width divisible by 16, got ${dim}`);
		this.base = Math.ceil((2 * dim) / 64) * 64;
		const bytes = this.base + capacity * dim + 4 * capacity;
		this.memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
		this.kernel = dotI8Kernel(this.memory);
		this.scales = new Float32Array(capacity);
	}

	/** Whether the SIMD kernel runs (else a JS loop, much slower). */
	get simd(): boolean {
		return this.kernel !== undefined;
	}

	private ensure(rows: number): void {
		const need = this.base + rows * this.dim + 4 * rows;
		const have = this.memory.buffer.byteLength;
		if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
		if (rows > this.scales.length) {
			const grown = new Float32Array(Math.max(rows, this.scales.length * 2));
			grown.set(this.scales.subarray(0, this.size));
			this.scales = grown;
		}
	}

	/** Quantises and appends row-major unit vectors made by `embedder`; returns the first row. */
	add(vectors: Float32Array, embedder: string): number {
		if (embedder !== this.embedder) {
			throw new Error(`index holds ${this.embedder} vectors; refusing ${embedder} vectors`);
		}
		const rows = vectors.length / this.dim;
		if (!Number.isInteger(rows)) throw new Error(`vector data is not a multiple of ${this.dim}`);
		this.ensure(this.size + rows);
		const out = new Int8Array(
			this.memory.buffer,
			this.base + this.size * this.dim,
			rows * this.dim
		);
		for (let r = 0; r < rows; r++) {
			let max = 0;
			const off = r * this.dim;
			for (let j = 0; j < this.dim; j++) max = Math.max(max, Math.abs(vectors[off + j]));
			const inv = max > 0 ? Q8 / max : 0;
			for (let j = 0; j < this.dim; j++) out[off + j] = Math.round(vectors[off + j] * inv);
			this.scales[this.size + r] = max / Q8;
		}
		const first = this.size;
		this.size += rows;
		return first;
	}

	/** Raw int32 dot products of the widened query with every row. */
	private scan(query: Float32Array): { raw: Int32Array; qScale: number } {
		let max = 0;
		for (let j = 0; j < this.dim; j++) max = Math.max(max, Math.abs(query[j]));
		const q16 = new Int16Array(this.memory.buffer, 0, this.dim);
		const inv = max > 0 ? Q16 / max : 0;
		for (let j = 0; j < this.dim; j++) q16[j] = Math.round(query[j] * inv);
		const outAt = this.base + this.size * this.dim;
		const alignedOut = Math.ceil(outAt / 16) * 16;
		this.ensureBytes(alignedOut + 4 * this.size);
		if (this.kernel) this.kernel(0, this.base, this.size, this.dim, alignedOut);
		else this.scanJs(alignedOut);
		return { raw: new Int32Array(this.memory.buffer, alignedOut, this.size), qScale: max / Q16 };
	}

	private ensureBytes(bytes: number): void {
		const have = this.memory.buffer.byteLength;
		if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
	}

	private scanJs(outAt: number): void {
		const q = new Int16Array(this.memory.buffer, 0, this.dim);
		const v = new Int8Array(this.memory.buffer, this.base, this.size * this.dim);
		const out = new Int32Array(this.memory.buffer, outAt, this.size);
		for (let r = 0, off = 0; r < this.size; r++, off += this.dim) {
			let s = 0;
			for (let j = 0; j < this.dim; j++) s += q[j] * v[off + j];
			out[r] = s;
		}
	}

	/** The k rows most similar to `query`, best first. */
	search(query: Float32Array, k: number, o: Int8SearchOptions = {}): Hit[] {
		if (query.length !== this.dim)
			throw new Error(`query has ${query.length} dims, index ${this.dim}`);
		const { raw, qScale } = this.scan(query);
		const wanted = o.rescore ? k * (o.oversample ?? 8) : k;
		const heap = new TopK(wanted);
		const scales = this.scales;
		for (let r = 0; r < raw.length; r++) heap.offer(r, raw[r] * scales[r] * qScale);
		const candidates = heap.sorted();
		if (!o.rescore) return candidates;
		const exact = new TopK(k);
		for (const c of candidates) {
			const v = o.rescore(c.row);
			let s = 0;
			for (let j = 0; j < this.dim; j++) s += v[j] * query[j];
			exact.offer(c.row, s);
		}
		return exact.sorted();
	}
}
