/**
 * PC-stable skeleton search, a port of causal-learn's `skeleton_discovery` with stable=True:
 * removals are deferred to the end of each depth, every conditioning set is tested (no early
 * break), an edge is removed when p > alpha (strict), and the separating information recorded
 * for (x, y) is the union of all sets with p > alpha, appended each time the pair is visited.
 * It also keeps the evidence ledger: per pair, the test that removed it or the largest p seen.
 */
import type { CancelSignal } from '../shared/cancel';
import type { CiTest } from './fisherz';
import { combinations, EndpointGraph } from './graph';
import type { ResolvedKnowledge } from './knowledge';
import type { Progress } from '../shared/progress';

/** Evidence for one pair of variables. */
export interface PairEvidence {
	/** Depth (size of conditioning set) at which the edge was removed; -1 when kept. */
	removedAtDepth: number;
	/** Largest p-value seen over all tests of this pair, and its conditioning set. */
	maxP: number;
	maxPSet: number[];
	/** Number of tests run on this pair. */
	tests: number;
	/** Removed by background knowledge rather than a test. */
	byKnowledge?: boolean;
}

/** Skeleton output: the undirected graph, causal-learn's sepsets and the ledger. */
export interface Skeleton {
	graph: EndpointGraph;
	/** sepset[x*p+y]: list of recorded tuples (undefined = never recorded). */
	sepset: (number[][] | undefined)[];
	evidence: PairEvidence[];
}

/** Options of the skeleton search. */
export interface SkeletonOptions {
	alpha: number;
	/** Largest conditioning-set size; -1 = unlimited. */
	depth: number;
	knowledge?: ResolvedKnowledge;
	signal?: CancelSignal;
	onProgress?: Progress;
}

function record(ev: PairEvidence, p: number, s: number[]): void {
	ev.tests++;
	if (p > ev.maxP) {
		ev.maxP = p;
		ev.maxPSet = s;
	}
}

export async function skeletonDiscovery(
	p: number,
	test: CiTest,
	opts: SkeletonOptions
): Promise<Skeleton> {
	const g = EndpointGraph.complete(p);
	const sepset: (number[][] | undefined)[] = new Array(p * p);
	const evidence: PairEvidence[] = Array.from({ length: p * p }, () => ({
		removedAtDepth: -1,
		maxP: -1,
		maxPSet: [],
		tests: 0
	}));
	const append = (x: number, y: number, s: number[]) => (sepset[x * p + y] ??= []).push(s);
	const bk = opts.knowledge;
	let depth = -1;
	while (g.maxDegree() - 1 > depth && (opts.depth < 0 || depth < opts.depth)) {
		depth++;
		const removal = new Set<number>();
		for (let x = 0; x < p; x++) {
			await opts.signal?.checkpoint();
			opts.onProgress?.(x / p, `depth ${depth}, variable ${x + 1} of ${p}`);
			const nx = g.neighbors(x);
			if (nx.length < depth - 1) continue;
			for (const y of nx) {
				// Strict knowledge: a required edge (either way) is never tested away.
				if (bk && (bk.isRequired(x, y) || bk.isRequired(y, x))) continue;
				const sepsets = new Set<number>();
				if (bk && bk.isForbidden(x, y) && bk.isForbidden(y, x)) {
					removal.add(x * p + y).add(y * p + x);
					evidence[Math.min(x, y) * p + Math.max(x, y)].byKnowledge = true;
				}
				const rest = nx.filter((v) => v !== y);
				const ev = evidence[Math.min(x, y) * p + Math.max(x, y)];
				for (const s of combinations(rest, depth)) {
					const pv = test(x, y, s);
					record(ev, pv, s);
					if (pv > opts.alpha) {
						removal.add(x * p + y).add(y * p + x);
						for (const v of s) sepsets.add(v);
					}
				}
				if (removal.has(x * p + y)) {
					// causal-learn appends the union (possibly empty) from both sides of the pair.
					append(x, y, [...sepsets]);
					append(y, x, [...sepsets]);
				}
			}
		}
		for (const key of removal) {
			const x = Math.floor(key / p);
			const y = key % p;
			if (g.adjacent(x, y)) {
				g.removeEdge(x, y);
				evidence[Math.min(x, y) * p + Math.max(x, y)].removedAtDepth = depth;
			}
		}
	}
	opts.onProgress?.(1, 'skeleton done');
	return { graph: g, sepset, evidence };
}
