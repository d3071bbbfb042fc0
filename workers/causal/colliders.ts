/**
 * Orientation of unshielded colliders, ports of causal-learn's UCSepset.py: `uc_sepset`
 * (uc_rule 0), `maxp` (1) and `definite_maxp` (2), with the conflict priorities 0 overwrite,
 * 1 bi-directed, 2 existing first, 3 stronger first (ascending p), 4 stronger* first (descending).
 * Triple order, the stable sorts and the "orient only if not already pointing away" checks are
 * copied because results depend on them.
 */
import type { CiTest } from './fisherz';
import { ARROW, EndpointGraph, powerset, TAIL, unshieldedTriples } from './graph';
import type { ResolvedKnowledge } from './knowledge';

type Triple = [number, number, number];

/** Result of collider orientation (definite_maxp also returns its definite triples). */
export interface ColliderResult {
	graph: EndpointGraph;
	definiteUC: Triple[];
	definiteNonUC: Triple[];
}

const blocked = (bk: ResolvedKnowledge | undefined, [x, y, z]: Triple): boolean =>
	!!bk &&
	(bk.isForbidden(x, y) || bk.isForbidden(z, y) || bk.isRequired(y, x) || bk.isRequired(y, z));

/** Priority 1: an undirected half becomes an arrow into y; y --> a becomes a <-> y. */
function orientHalfBidirected(g: EndpointGraph, a: number, y: number): void {
	if (!g.adjacent(a, y)) {
		g.orient(a, y);
	} else if (g.get(a, y) === TAIL && g.get(y, a) === TAIL) {
		g.orient(a, y);
	} else if (g.get(a, y) === ARROW && g.get(y, a) === TAIL) {
		g.set(a, y, ARROW);
		g.set(y, a, ARROW);
	}
}

/** Orients x --> y <-- z under priority 0, 1 or 2 (immediately, in triple order). */
function orientNow(g: EndpointGraph, [x, y, z]: Triple, priority: number): void {
	if (priority === 0) {
		g.orient(x, y);
		g.orient(z, y);
	} else if (priority === 1) {
		orientHalfBidirected(g, x, y);
		orientHalfBidirected(g, z, y);
	} else if (!g.isDirected(y, x) && !g.isDirected(y, z)) {
		g.orient(x, y);
		g.orient(z, y);
	}
}

/** Orients the queued colliders after a stable sort of their values (priority 3 / 4). */
function orientSorted(
	g: EndpointGraph,
	queue: { t: Triple; v: number }[],
	descending: boolean,
	bk: ResolvedKnowledge | undefined,
	oriented?: Triple[]
): void {
	const sorted = [...queue].sort((a, b) => (descending ? b.v - a.v : a.v - b.v));
	for (const { t } of sorted) {
		if (blocked(bk, t)) continue;
		const [x, y, z] = t;
		if (!g.isDirected(y, x) && !g.isDirected(y, z)) {
			g.orient(x, y);
			g.orient(z, y);
			oriented?.push(t);
		}
	}
}

/** Conditioning sets from powerset(adj(x)) ∪ powerset(adj(z)), split by whether they hold y. */
function condSets(
	g: EndpointGraph,
	x: number,
	z: number,
	y: number
): { withY: number[][]; withoutY: number[][] } {
	const seen = new Set<string>();
	const withY: number[][] = [];
	const withoutY: number[][] = [];
	for (const s of [...powerset(g.neighbors(x)), ...powerset(g.neighbors(z))]) {
		const key = s.join(',');
		if (seen.has(key)) continue;
		seen.add(key);
		(s.includes(y) ? withY : withoutY).push(s);
	}
	return { withY, withoutY };
}

const maxP = (test: CiTest, x: number, z: number, sets: number[][]): number =>
	Math.max(...sets.map((s) => test(x, z, s)));

/** causal-learn `uc_sepset`: collider iff y is in none of the recorded separating sets. */
export function ucSepset(
	skel: EndpointGraph,
	sepset: (number[][] | undefined)[],
	test: CiTest,
	priority: number,
	bk?: ResolvedKnowledge
): ColliderResult {
	const g = skel.clone();
	const p = g.p;
	const queue: { t: Triple; v: number }[] = [];
	const ut = unshieldedTriples(g).filter(([x, , z]) => x < z);
	for (const t of ut) {
		if (blocked(bk, t)) continue;
		const [x, y, z] = t;
		if ((sepset[x * p + z] ?? []).some((s) => s.includes(y))) continue;
		if (priority <= 2) orientNow(g, t, priority);
		else queue.push({ t, v: 0 });
	}
	for (const q of queue) {
		const [x, y, z] = q.t;
		const { withY, withoutY } = condSets(g, x, z, y);
		q.v = maxP(test, x, z, priority === 3 ? withY : withoutY);
	}
	if (priority > 2) orientSorted(g, queue, priority === 4, bk);
	return { graph: g, definiteUC: [], definiteNonUC: [] };
}

/** causal-learn `maxp`: collider iff max p over sets without y > max p over sets with y. */
export function maxPRule(
	skel: EndpointGraph,
	test: CiTest,
	priority: number,
	bk?: ResolvedKnowledge
): ColliderResult {
	const g = skel.clone();
	const queue: { t: Triple; v: number }[] = [];
	for (const t of unshieldedTriples(g).filter(([x, , z]) => x < z)) {
		if (blocked(bk, t)) continue;
		const [x, y, z] = t;
		const { withY, withoutY } = condSets(g, x, z, y);
		const pWith = maxP(test, x, z, withY);
		const pWithout = maxP(test, x, z, withoutY);
		if (!(pWithout > pWith)) continue;
		if (priority <= 2) orientNow(g, t, priority);
		else queue.push({ t, v: priority === 3 ? pWith : pWithout });
	}
	if (priority > 2) orientSorted(g, queue, priority === 4, bk);
	return { graph: g, definiteUC: [], definiteNonUC: [] };
}

/** causal-learn `definite_maxp` (priorities 2, 3, 4): definite colliders and non-colliders. */
export function definiteMaxP(
	skel: EndpointGraph,
	test: CiTest,
	alpha: number,
	priority: number,
	bk?: ResolvedKnowledge
): ColliderResult {
	if (![2, 3, 4].includes(priority))
		throw new RangeError('definiteMaxP needs uc_priority 2, 3 or 4');
	const g = skel.clone();
	const queue: { t: Triple; v: number }[] = [];
	const definiteNonUC: Triple[] = [];
	for (const t of unshieldedTriples(g).filter(([x, , z]) => x < z)) {
		const [x, y, z] = t;
		const { withY, withoutY } = condSets(g, x, z, y);
		let pWith = 0;
		let pWithout = 0;
		let uc = true;
		let nuc = true;
		for (const s of withY) {
			const pv = test(x, z, s);
			if (pv > alpha) {
				uc = false;
				break;
			} else if (pv > pWith) pWith = pv;
		}
		for (const s of withoutY) {
			const pv = test(x, z, s);
			if (pv > alpha) {
				nuc = false;
				if (!uc) break;
			}
			if (pv > pWithout) pWithout = pv;
		}
		const value = priority === 4 ? pWithout : pWith;
		if (uc) {
			if (nuc && !(pWithout > pWith)) definiteNonUC.push(t);
			else queue.push({ t, v: value });
		} else if (nuc) definiteNonUC.push(t);
	}
	const definiteUC: Triple[] = [];
	// Priority 2 keeps insertion order (causal-learn sorts only for 3 and 4).
	if (priority === 2)
		orientSorted(
			g,
			queue.map((q) => ({ ...q, v: 0 })),
			false,
			bk,
			definiteUC
		);
	else orientSorted(g, queue, priority === 4, bk, definiteUC);
	return { graph: g, definiteUC, definiteNonUC };
}
