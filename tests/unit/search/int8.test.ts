/** The int8 index and its hand-assembled SIMD kernel against plain float search. */
import { describe, expect, it } from 'vitest';
import { dotI8Kernel } from '../../../workers/search/dot-i8-wasm';
import { FlatIndex } from '../../../workers/search/flat';
import { Int8Index } from '../../../workers/search/int8';

function rng(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
}

function unitVectors(n: number, dim: number, seed: number): Float32Array {
	const r = rng(seed);
	const out = new Float32Array(n * dim);
	for (let i = 0; i < n; i++) {
		let norm = 0;
		for (let j = 0; j < dim; j++) norm += (out[i * dim + j] = r()) ** 2;
		for (let j = 0; j < dim; j++) out[i * dim + j] /= Math.sqrt(norm);
	}
	return out;
}

describe('int8 SIMD kernel', () => {
	it('computes exact int32 dot products (same as a JS loop)', () => {
		const mem = new WebAssembly.Memory({ initial: 1 });
		const kernel = dotI8Kernel(mem);
		expect(kernel).toBeDefined();
		const dim = 48;
		const n = 7;
		const q = new Int16Array(mem.buffer, 0, dim);
		const v = new Int8Array(mem.buffer, 1024, n * dim);
		const r = rng(3);
		for (let j = 0; j < dim; j++) q[j] = Math.round(r() * 65_000);
		for (let i = 0; i < v.length; i++) v[i] = Math.round(r() * 254);
		kernel!(0, 1024, n, dim, 8192);
		const out = new Int32Array(mem.buffer, 8192, n);
		for (let row = 0; row < n; row++) {
			let s = 0;
			for (let j = 0; j < dim; j++) s += q[j] * v[row * dim + j];
			expect(out[row]).toBe(s);
		}
	});
});

describe('Int8Index', () => {
	const dim = 384;
	const data = unitVectors(3000, dim, 11);
	const flat = new FlatIndex('e', dim, 3000);
	flat.add(data, 'e');

	it('with rescoring returns the exact float top-10; without, scores within 0.02', () => {
		const idx = new Int8Index('e', dim, 100); // grows past its initial capacity
		idx.add(data.subarray(0, 1000 * dim), 'e');
		idx.add(data.subarray(1000 * dim), 'e');
		expect(idx.size).toBe(3000);
		for (const seed of [1, 2, 3]) {
			const q = unitVectors(1, dim, 100 + seed);
			const exact = flat.search(q, 10);
			const rescored = idx.search(q, 10, { rescore: (row) => flat.vector(row) });
			expect(rescored.map((h) => h.row)).toEqual(exact.map((h) => h.row));
			const approx = idx.search(q, 10);
			approx.forEach((h) => {
				const truth = flat.search(q, 3000).find((e) => e.row === h.row)!;
				expect(Math.abs(h.score - truth.score)).toBeLessThan(0.02);
			});
		}
	});

	it('refuses vectors of another embedder and widths not divisible by 16', () => {
		const idx = new Int8Index('e', dim);
		expect(() => idx.add(data.subarray(0, dim), 'other')).toThrow(/refusing/);
		expect(() => new Int8Index('e', 10)).toThrow(/divisible by 16/);
	});
});
