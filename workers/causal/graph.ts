/**
 * The endpoint-matrix graph of causal-learn (`GeneralGraph.graph`): g[i][j] is the mark at node i
 * on the edge i–j: -1 tail, 1 arrow, 0 no edge. i --> j is g[i][j] = -1, g[j][i] = 1. The
 * enumeration helpers reproduce causal-learn's iteration orders exactly (find_adj = tails then
 * arrowheads, each in row-major order of the matrix), because orientation results depend on them.
 */

export const TAIL = -1;
export const ARROW = 1;

/** A mutable endpoint matrix over p nodes. */
export class EndpointGraph {
	readonly m: Int8Array;
	constructor(
		readonly p: number,
		m?: Int8Array
	) {
		this.m = m ? new Int8Array(m) : new Int8Array(p * p);
	}

	static complete(p: number): EndpointGraph {
		const g = new EndpointGraph(p);
		for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (i !== j) g.set(i, j, TAIL);
		return g;
	}

	clone(): EndpointGraph {
		return new EndpointGraph(this.p, this.m);
	}
	get(i: number, j: number): number {
		return this.m[i * this.p + j];
	}
	set(i: number, j: number, v: number): void {
		this.m[i * this.p + j] = v;
	}
	adjacent(i: number, j: number): boolean {
		return this.get(i, j) !== 0;
	}
	/** Neighbours of i in ascending order (np.where(graph[i] != 0)). */
	neighbors(i: number): number[] {
		const out: number[] = [];
		for (let j = 0; j < this.p; j++) if (this.get(i, j) !== 0) out.push(j);
		return out;
	}
	maxDegree(): number {
		let best = 0;
		for (let i = 0; i < this.p; i++) best = Math.max(best, this.neighbors(i).length);
		return best;
	}
	removeEdge(i: number, j: number): void {
		this.set(i, j, 0);
		this.set(j, i, 0);
	}
	/** i --> j, replacing whatever edge was there. */
	orient(i: number, j: number): void {
		this.set(i, j, TAIL);
		this.set(j, i, ARROW);
	}
	isDirected(i: number, j: number): boolean {
		return this.get(i, j) === TAIL && this.get(j, i) === ARROW;
	}
	isUndirected(i: number, j: number): boolean {
		return this.get(i, j) === TAIL && this.get(j, i) === TAIL;
	}
	/** True when a directed path a --> ... --> b exists (or a === b). */
	isAncestor(a: number, b: number): boolean {
		if (a === b) return true;
		const seen = new Uint8Array(this.p);
		const stack = [a];
		seen[a] = 1;
		while (stack.length) {
			const u = stack.pop()!;
			for (let v = 0; v < this.p; v++) {
				if (!seen[v] && this.isDirected(u, v)) {
					if (v === b) return true;
					seen[v] = 1;
					stack.push(v);
				}
			}
		}
		return false;
	}
	/** Rows of integers, causal-learn's encoding. */
	toRows(): number[][] {
		return Array.from({ length: this.p }, (_, i) =>
			Array.from({ length: this.p }, (_, j) => this.get(i, j))
		);
	}

	/** causal-learn find_adj(): (j, i) for g[i][j] == -1 in row-major order, then for == 1. */
	adjacencies(): [number, number][] {
		const out: [number, number][] = [];
		for (const mark of [TAIL, ARROW]) {
			for (let i = 0; i < this.p; i++) {
				for (let j = 0; j < this.p; j++) if (this.get(i, j) === mark) out.push([j, i]);
			}
		}
		return out;
	}
}

/** (a, b) -> index of pair (a, b) in the adjacency list, grouped by the first element. */
function byFirst(adj: [number, number][]): Map<number, [number, number][]> {
	const map = new Map<number, [number, number][]>();
	for (const pair of adj) {
		const list = map.get(pair[0]) ?? [];
		list.push(pair);
		map.set(pair[0], list);
	}
	return map;
}

/**
 * causal-learn find_unshielded_triples(): permutations of find_adj() pairs ((x,y),(y,z)) with
 * x != z and x, z not adjacent, in permutation order.
 */
export function unshieldedTriples(g: EndpointGraph): [number, number, number][] {
	const adj = g.adjacencies();
	const from = byFirst(adj);
	const out: [number, number, number][] = [];
	for (const [x, y] of adj) {
		for (const [, z] of from.get(y) ?? []) {
			if (x !== z && g.get(x, z) === 0) out.push([x, y, z]);
		}
	}
	return out;
}

/** causal-learn find_triangles(), same order. */
export function triangles(g: EndpointGraph): [number, number, number][] {
	const adj = g.adjacencies();
	const from = byFirst(adj);
	const out: [number, number, number][] = [];
	for (const [x, y] of adj) {
		for (const [, z] of from.get(y) ?? []) {
			if (x !== z && g.get(x, z) !== 0) out.push([x, y, z]);
		}
	}
	return out;
}

/** causal-learn find_kites(): (i, j, k, l) from triangles (i,j,l), (i,k,l), j < k, j/k not adjacent. */
export function kites(g: EndpointGraph): [number, number, number, number][] {
	const tri = triangles(g);
	const out: [number, number, number, number][] = [];
	for (let a = 0; a < tri.length; a++) {
		for (let b = 0; b < tri.length; b++) {
			if (a === b) continue;
			const [i, j, l] = tri[a];
			const [i2, k, l2] = tri[b];
			if (i === i2 && l === l2 && j < k && g.get(j, k) === 0) out.push([i, j, k, l]);
		}
	}
	return out;
}

/** All subsets of `items` in itertools order: by size, then lexicographic. */
export function* combinations<T>(items: readonly T[], k: number): Generator<T[]> {
	const n = items.length;
	if (k > n) return;
	const idx = Array.from({ length: k }, (_, i) => i);
	while (true) {
		yield idx.map((i) => items[i]);
		let i = k - 1;
		while (i >= 0 && idx[i] === i + n - k) i--;
		if (i < 0) return;
		idx[i]++;
		for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
	}
}

/** Every subset of `items`, empty set included. */
export function powerset<T>(items: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let k = 0; k <= items.length; k++) for (const c of combinations(items, k)) out.push(c);
	return out;
}
