import { describe, expect, it } from 'vitest';
import { LexicalEmbedder } from '../../../workers/embed/lexical';
import { FlatIndex, TopK } from '../../../workers/search/flat';
import { buildLogSearch, searchLogs } from '../../../workers/search/log-search';

function unit(dim: number, seed: number): Float32Array {
	const v = new Float32Array(dim);
	let s = seed;
	for (let i = 0; i < dim; i++) {
		s = (s * 1103515245 + 12345) >>> 0;
		v[i] = (s / 2 ** 32) * 2 - 1;
	}
	const n = Math.hypot(...v);
	return v.map((x) => x / n);
}

describe('FlatIndex', () => {
	it('returns the same top-k as a full sort', () => {
		const dim = 16;
		const idx = new FlatIndex('test', dim, 4);
		for (let i = 0; i < 500; i++) idx.add(unit(dim, i + 1), 'test');
		const q = unit(dim, 999);
		const full = Array.from({ length: 500 }, (_, r) => ({
			row: r,
			score: idx.vector(r).reduce((s, x, j) => s + x * q[j], 0)
		})).sort((a, b) => b.score - a.score);
		const top = idx.search(q, 10);
		expect(top.map((h) => h.row)).toEqual(full.slice(0, 10).map((h) => h.row));
		expect(top[0].score).toBeCloseTo(full[0].score, 5);
	});

	it('refuses vectors of another embedder and survives a snapshot round trip', () => {
		const idx = new FlatIndex('a', 4);
		idx.add(new Float32Array([1, 0, 0, 0, 0, 1, 0, 0]), 'a');
		expect(() => idx.add(new Float32Array(4), 'b')).toThrow(/refusing b/);
		const copy = FlatIndex.from(idx.snapshot());
		expect(copy.size).toBe(2);
		expect(copy.search(new Float32Array([0, 1, 0, 0]), 1)).toEqual([{ row: 1, score: 1 }]);
	});

	it('TopK keeps fewer than k when fewer were offered, and nothing for k = 0', () => {
		const t = new TopK(5);
		t.offer(3, 0.5);
		t.offer(1, 0.9);
		expect(t.sorted()).toEqual([
			{ row: 1, score: expect.closeTo(0.9, 5) },
			{ row: 3, score: 0.5 }
		]);
		const none = new TopK(0);
		none.offer(1, 1);
		expect(none.sorted()).toEqual([]);
	});
});

describe('log search', () => {
	it('finds the template of the lines a query is about, with sample lines and times', async () => {
		const e = new LexicalEmbedder();
		const lines = [];
		for (let i = 0; i < 200; i++) {
			lines.push({ t: i * 1000, message: `GET /api/items/${i} 200 in ${i % 40} ms` });
			if (i % 20 === 0)
				lines.push({ t: i * 1000, message: `db lock wait ${2000 + i} ms on table orders` });
			if (i % 50 === 0)
				lines.push({ t: NaN, message: `cpu temperature ${80 + i / 50} C on host-b4` });
		}
		const s = await buildLogSearch(lines, e);
		expect(s.templates).toHaveLength(3);
		expect(s.index.size).toBeLessThanOrEqual(3 + 3 * 8);
		const [best] = await searchLogs(s, e, 'database lock waits', 2);
		expect(best.template).toBe('db lock wait <*> ms on table orders');
		expect(best.count).toBe(10);
		expect(best.lines.length).toBeGreaterThan(0);
		expect(best.lines[0].text).toMatch(/^db lock wait \d+ ms/);
		// Only templates are embedded: the lines come with their template's cosine.
		expect(s.index.size).toBe(3);
		expect(best.lines.every((l) => l.score === best.score)).toBe(true);
	});

	it('shows first the lines of a template that hold the words of the query', async () => {
		const e = new LexicalEmbedder();
		const ids = ['T1041', 'T2093', 'T3310', 'T4125', 'T5502', 'T6617'];
		const lines = ids.map((id, i) => ({
			t: i * 1000,
			message: `ticket ${id} cancelled by user u${70 + i}`
		}));
		const s = await buildLogSearch(lines, e);
		expect(s.templates).toHaveLength(1);
		const [hit] = await searchLogs(s, e, 'why was ticket t3310 cancelled for user u75', 1, 3);
		expect(hit.lines.map((l) => l.text)).toEqual([
			'ticket T3310 cancelled by user u72',
			'ticket T6617 cancelled by user u75',
			'ticket T1041 cancelled by user u70'
		]);
	});
});
