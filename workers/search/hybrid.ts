/**
 * Reciprocal rank fusion (Cormack et al. 2009): merges ranked lists (BM25 and vector search) by
 * Σ 1 / (k + rank). Ranks, not scores, are fused, because BM25 scores and cosines are not on one
 * scale. k = 60 is the paper's constant.
 */

/** A fused item: its key and its RRF score. */
export interface FusedHit<K> {
	key: K;
	score: number;
}

export const RRF_K = 60;

/** Fuses ranked lists of keys (best first); keys missing from a list get nothing from it. */
export function reciprocalRankFusion<K>(lists: K[][], k = RRF_K): FusedHit<K>[] {
	const scores = new Map<K, number>();
	for (const list of lists) {
		list.forEach((key, rank) => scores.set(key, (scores.get(key) ?? 0) + 1 / (k + rank + 1)));
	}
	return [...scores.entries()]
		.map(([key, score]) => ({ key, score }))
		.sort((a, b) => b.score - a.score);
}
