/** reduceForPc: near-duplicates, the row budget and exact linear combinations, each with a reason. */
import { describe, expect, it } from 'vitest';
import { reduceForPc } from '../../../workers/causal/reduce';
import type { NumericTable } from '../../../workers/causal/table';

/** Deterministic noise (no Math.random in tests). */
function noise(seed: number, n: number): Float64Array {
	let s = seed;
	return Float64Array.from({ length: n }, () => {
		s = (s * 1103515245 + 12345) % 2 ** 31;
		return s / 2 ** 31 - 0.5;
	});
}

const table = (cols: Record<string, Float64Array>): NumericTable => ({
	names: Object.keys(cols),
	columns: Object.values(cols),
	rows: Object.values(cols)[0].length
});

describe('reduceForPc', () => {
	it('keeps a table PC can already use as it is', () => {
		const t = table({ a: noise(1, 50), b: noise(2, 50), c: noise(3, 50) });
		const r = reduceForPc(t);
		expect(r.table.names).toEqual(['a', 'b', 'c']);
		expect(r.dropped).toEqual([]);
	});

	it('drops a near-duplicate of a kept column and an exact linear combination', () => {
		const a = noise(1, 60);
		const b = noise(2, 60);
		const c = noise(3, 60);
		const p99 = a.map((v) => 2 * v + 1); // moves with a
		const sum = b.map((v, i) => v + c[i]); // b + c
		const r = reduceForPc(table({ a, b, c, p99, sum }));
		expect(r.dropped.find((d) => d.key === 'p99')?.reason).toMatch(/moves with a/);
		expect(r.dropped.filter((d) => /linear combination/.test(d.reason))).toHaveLength(1);
		expect(r.table.names).toHaveLength(3);
		expect(r.table.names).toContain('a');
	});

	it('keeps the columns that changed most when rows are short', () => {
		const n = 10; // budget: 6 variables
		const cols: Record<string, Float64Array> = {};
		for (let i = 0; i < 9; i++) cols[`flat${i}`] = noise(10 + i, n);
		cols.stepped = Float64Array.from(noise(99, n), (v, i) => v + (i >= n / 2 ? 10 : 0));
		const r = reduceForPc(table(cols));
		expect(r.table.names).toHaveLength(6);
		expect(r.table.names).toContain('stepped');
		expect(r.dropped.filter((d) => /10 rows allow 6 variables/.test(d.reason))).toHaveLength(4);
	});
});
