/**
 * The measures of `npm run eval -- semantic` and of its CI floor (tests/unit/search/retrieval-floor):
 * rankers over a list of docs (vectors of one embedder, BM25, hybrid RRF), nearest-neighbour purity
 * and retrieval (recall@10, reciprocal rank) per query.
 */
import type { Embedder } from '../../../workers/embed/api';
import { Bm25Index } from '../../../workers/search/bm25';
import { reciprocalRankFusion } from '../../../workers/search/hybrid';

/** Doc indexes, best first. */
export type Ranker = (query: string, k: number) => Promise<number[]>;
/** Builds a ranker over docs. */
export type RankerFactory = (docs: string[]) => Promise<Ranker>;

export function vectorRanker(e: Embedder): RankerFactory {
	return async (docs) => {
		const v = await e.embed(docs);
		return async (query, k) => {
			const q = await e.embed([query]);
			const scored = docs.map((_, i) => {
				let s = 0;
				for (let d = 0; d < e.dim; d++) s += v[i * e.dim + d] * q[d];
				return { i, s };
			});
			return scored
				.sort((a, b) => b.s - a.s)
				.slice(0, k)
				.map((x) => x.i);
		};
	};
}

export const bm25Ranker: RankerFactory = async (docs) => {
	const idx = new Bm25Index(docs);
	return async (query, k) => idx.search(query, k).map((h) => h.row);
};

/** Reciprocal-rank fusion of BM25 and a vector ranker (top 100 of each). */
export function hybridRanker(e: Embedder): RankerFactory {
	return async (docs) => {
		const a = await bm25Ranker(docs);
		const b = await vectorRanker(e)(docs);
		return async (q, k) =>
			reciprocalRankFusion([await a(q, 100), await b(q, 100)])
				.slice(0, k)
				.map((f) => f.key);
	};
}

/** Share of texts whose nearest other text has the same label. */
export async function purity(make: RankerFactory, text: string[], label: string[]) {
	const r = await make(text);
	let same = 0;
	for (let i = 0; i < text.length; i++) {
		const nn = (await r(text[i], 2)).find((j) => j !== i);
		if (nn !== undefined && label[nn] === label[i]) same++;
	}
	return same / text.length;
}

/** Scores of one query. */
export interface QueryScore {
	/** Relevant in the top 10 / min(relevant, 10). */
	recall: number;
	/** 1 / rank of the first relevant doc (0 if none). */
	rr: number;
	/** Rank of the first relevant doc (Infinity if none). */
	firstRank: number;
}

/** Recall@10 (relevant in the top 10 / min(relevant, 10)) and reciprocal rank of one query. */
export async function scoreQuery(
	r: Ranker,
	query: string,
	relevant: Set<number>,
	docs: number
): Promise<QueryScore> {
	const top = await r(query, 10);
	const recall =
		top.filter((i) => relevant.has(i)).length / Math.max(1, Math.min(relevant.size, 10));
	const first = (await r(query, docs)).findIndex((i) => relevant.has(i));
	return {
		recall,
		rr: first < 0 ? 0 : 1 / (first + 1),
		firstRank: first < 0 ? Infinity : first + 1
	};
}

/** Means over queries, plus the per-query scores. */
export async function retrieval(
	r: Ranker,
	queries: { query: string; relevant: Set<number> }[],
	docs: number
) {
	const per: QueryScore[] = [];
	for (const q of queries) per.push(await scoreQuery(r, q.query, q.relevant, docs));
	const mean = (f: (x: QueryScore) => number) =>
		per.reduce((a, x) => a + f(x), 0) / Math.max(1, per.length);
	return { recall: mean((x) => x.recall), mrr: mean((x) => x.rr), per };
}
