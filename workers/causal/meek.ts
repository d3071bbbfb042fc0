/**
 * Meek's rules as causal-learn's Meek.py applies them: rule 1 over unshielded triples, rule 2
 * over triangles, rule 3 over kites, repeated until nothing changes (there is no rule 4). The
 * triple lists are computed once, before the loop, as causal-learn does. An orientation a --> b
 * is skipped when b is already an ancestor of a (it would close a directed cycle), and knowledge
 * (forbidden a --> b or required b --> a) blocks it.
 */
import { EndpointGraph, kites, triangles, unshieldedTriples } from './graph';
import type { ResolvedKnowledge } from './knowledge';

type Triple = [number, number, number];

const allowed = (g: EndpointGraph, a: number, b: number, bk?: ResolvedKnowledge): boolean =>
	!(bk && (bk.isForbidden(a, b) || bk.isRequired(b, a))) && !g.isAncestor(b, a);

export function meek(input: EndpointGraph, bk?: ResolvedKnowledge): EndpointGraph {
	const g = input.clone();
	const ut = unshieldedTriples(g);
	const tri = triangles(g);
	const kite = kites(g);
	let changed = true;
	while (changed) {
		changed = false;
		for (const [i, j, k] of ut) {
			if (g.isDirected(i, j) && g.isUndirected(j, k) && allowed(g, j, k, bk)) {
				g.orient(j, k);
				changed = true;
			}
		}
		for (const [i, j, k] of tri) {
			if (
				g.isDirected(i, j) &&
				g.isDirected(j, k) &&
				g.isUndirected(i, k) &&
				allowed(g, i, k, bk)
			) {
				g.orient(i, k);
				changed = true;
			}
		}
		for (const [i, j, k, l] of kite) {
			if (
				g.isUndirected(i, j) &&
				g.isUndirected(i, k) &&
				g.isDirected(j, l) &&
				g.isDirected(k, l) &&
				g.isUndirected(i, l) &&
				allowed(g, i, l, bk)
			) {
				g.orient(i, l);
				changed = true;
			}
		}
	}
	return g;
}

const has = (list: Triple[], [a, b, c]: Triple): boolean =>
	list.some(([x, y, z]) => x === a && y === b && z === c);

/** causal-learn `definite_meek`: rule 1 along definite non-colliders, rule 2, rule 3 on kites. */
export function definiteMeek(
	input: EndpointGraph,
	definiteUC: Triple[],
	definiteNonUC: Triple[],
	bk?: ResolvedKnowledge
): EndpointGraph {
	const g = input.clone();
	const tri = triangles(g);
	const kite = kites(g);
	const blockedBy = (a: number, b: number) => !!bk && (bk.isForbidden(a, b) || bk.isRequired(b, a));
	let changed = true;
	while (changed) {
		changed = false;
		for (const [i, j, k] of definiteNonUC) {
			if (g.isDirected(i, j) && g.isUndirected(j, k) && !blockedBy(j, k)) {
				g.orient(j, k);
				changed = true;
			} else if (g.isDirected(k, j) && g.isUndirected(j, i) && !blockedBy(j, i)) {
				g.orient(j, i);
				changed = true;
			}
		}
		for (const [i, j, k] of tri) {
			if (g.isDirected(i, j) && g.isDirected(j, k) && g.isUndirected(i, k) && !blockedBy(i, k)) {
				g.orient(i, k);
				changed = true;
			}
		}
		for (const [i, j, k, l] of kite) {
			if (
				(has(definiteUC, [j, l, k]) || has(definiteUC, [k, l, j])) &&
				(has(definiteNonUC, [j, i, k]) || has(definiteNonUC, [k, i, j])) &&
				g.isUndirected(i, l) &&
				!blockedBy(i, l)
			) {
				g.orient(i, l);
				changed = true;
			}
		}
	}
	return g;
}
