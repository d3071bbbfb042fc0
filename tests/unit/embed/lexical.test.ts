import { describe, expect, it } from 'vitest';
import { LEXICAL_DIM, LexicalEmbedder } from '../../../workers/embed/lexical';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const row = (v: Float32Array, i: number) => v.subarray(i * LEXICAL_DIM, (i + 1) * LEXICAL_DIM);

describe('LexicalEmbedder', () => {
	const e = new LexicalEmbedder();

	it('names itself and makes unit vectors of 384 dims', async () => {
		expect(e.name).toBe('lexical-hash-v1');
		const v = await e.embed(['database lock wait exceeded', 'cpu temperature high']);
		expect(v.length).toBe(2 * 384);
		for (const i of [0, 1]) expect(Math.sqrt(dot(row(v, i), row(v, i)))).toBeCloseTo(1, 5);
	});

	it('is deterministic and batching does not change vectors', async () => {
		const texts = ['pool wait 2300 ms', 'thermal throttling on host-b4', 'GET /api/v1 200'];
		const all = await e.embed(texts);
		for (let i = 0; i < texts.length; i++) expect(await e.embed([texts[i]])).toEqual(row(all, i));
	});

	it('ranks texts sharing words and word pieces above unrelated ones', async () => {
		const [q, near, far] = [0, 1, 2];
		const v = await e.embed([
			'db lock timeout',
			'database lock timeouts on db primary',
			'user logged in from browser'
		]);
		expect(dot(row(v, q), row(v, near))).toBeGreaterThan(dot(row(v, q), row(v, far)) + 0.2);
	});

	it('gives a zero vector for text without words (nothing to match on)', async () => {
		const v = await e.embed(['12345 !!! 42.0']);
		expect(dot(v, v)).toBe(0);
	});
});
