import { describe, expect, it } from 'vitest';
import { hashValue, outputKey, sha256, stableStringify } from '$lib/notebook/hash';

describe('hash', () => {
	it('computes SHA-256', async () => {
		expect(await sha256('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('is independent of key order and skips undefined', async () => {
		expect(stableStringify({ b: 1, a: { d: [1, 2], c: undefined } })).toBe(
			'{"a":{"d":[1,2]},"b":1}'
		);
		expect(await hashValue({ a: 1, b: 2 })).toBe(await hashValue({ b: 2, a: 1 }));
	});

	it('tells non-finite numbers apart', async () => {
		expect(await hashValue([NaN])).not.toBe(await hashValue([null]));
		expect(await hashValue([Infinity])).not.toBe(await hashValue([-Infinity]));
	});

	it('hashes typed arrays by content and type', async () => {
		const a = await hashValue({ v: Float64Array.of(1, 2, 3) });
		expect(await hashValue({ v: Float64Array.of(1, 2, 3) })).toBe(a);
		expect(await hashValue({ v: Float64Array.of(1, 2, 4) })).not.toBe(a);
		expect(await hashValue({ v: Float32Array.of(1, 2, 3) })).not.toBe(a);
		const big = new Float64Array(10).fill(7);
		expect(await hashValue({ v: big.subarray(2, 5) })).toBe(
			await hashValue({ v: Float64Array.of(7, 7, 7) })
		);
	});

	it('builds output keys from every part', async () => {
		const base = { kind: 'chart', params: { a: 1 }, source: '', inputs: { data: 'h1' } };
		const key = await outputKey(base);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(await outputKey({ ...base, inputs: { data: 'h2' } })).not.toBe(key);
		expect(await outputKey({ ...base, params: { a: 2 } })).not.toBe(key);
		expect(await outputKey({ ...base, source: 'x' })).not.toBe(key);
		expect(await outputKey({ ...base, incident: 'c1' })).not.toBe(key);
		expect(await outputKey({ ...base })).toBe(key);
	});
});
