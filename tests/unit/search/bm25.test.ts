import { describe, expect, it } from 'vitest';
import { Bm25Index, bm25Tokens } from '../../../workers/search/bm25';
import { reciprocalRankFusion } from '../../../workers/search/hybrid';

describe('BM25', () => {
	it('splits camelCase and drops numbers and <*>', () => {
		expect(bm25Tokens('getOrderById failed <*> after 30 ms')).toEqual([
			'get',
			'order',
			'by',
			'id',
			'failed',
			'after',
			'ms'
		]);
	});

	it('ranks rare shared terms first and matches nothing without shared terms', () => {
		const docs = ['connection refused by db', 'db query ok', 'db query ok again', 'cpu hot'];
		const idx = new Bm25Index(docs);
		const hits = idx.search('refused connection', 10);
		expect(hits.map((h) => h.row)).toEqual([0]);
		expect(idx.search('memory', 10)).toEqual([]);
		// Shorter documents win for the same term (length normalisation).
		expect(idx.search('query', 10).map((h) => h.row)).toEqual([1, 2]);
	});
});

describe('reciprocal rank fusion', () => {
	it('rewards keys ranked well in both lists', () => {
		const fused = reciprocalRankFusion([
			['a', 'b', 'c'],
			['b', 'd', 'a']
		]);
		expect(fused[0].key).toBe('b');
		expect(fused.map((f) => f.key).sort()).toEqual(['a', 'b', 'c', 'd']);
	});
});
