/**
 * Background knowledge for PC: forbidden and required directed edges and temporal tiers (a
 * variable in a later tier never causes one in an earlier tier). Unlike causal-learn, which only
 * consults it at some steps, it is applied strictly: a required edge is never removed by the
 * skeleton search and is always oriented as required; a pair forbidden both ways is never
 * adjacent; a forbidden direction never appears in the output.
 */
import { DataError } from './table';

/** Background knowledge by variable name. */
export interface Knowledge {
	/** Directed edges that must not exist: [from, to]. */
	forbidden?: [string, string][];
	/** Directed edges that must exist: [from, to]. */
	required?: [string, string][];
	/** Tiers, earliest first: a variable in tier k never causes one in tier < k. */
	tiers?: string[][];
}

/** Knowledge resolved to node indices. */
export interface ResolvedKnowledge {
	isForbidden(i: number, j: number): boolean;
	isRequired(i: number, j: number): boolean;
	/** Required edges as index pairs. */
	required: [number, number][];
}

function indexOf(names: string[], name: string): number {
	const i = names.indexOf(name);
	if (i < 0) throw new DataError(`background knowledge names "${name}", which is not a column`);
	return i;
}

/** Throws when the required edges contain a directed cycle (they could never all hold). */
function checkAcyclic(p: number, required: [number, number][], names: string[]): void {
	const out: number[][] = Array.from({ length: p }, () => []);
	for (const [a, b] of required) out[a].push(b);
	const state = new Uint8Array(p);
	const visit = (u: number, path: number[]): void => {
		state[u] = 1;
		for (const v of out[u]) {
			if (state[v] === 1) {
				const cycle = [...path.slice(path.indexOf(v)), v].map((k) => names[k]);
				throw new DataError(`required edges form a cycle: ${cycle.join(' -> ')}`);
			}
			if (state[v] === 0) visit(v, [...path, v]);
		}
		state[u] = 2;
	};
	for (let u = 0; u < p; u++) if (state[u] === 0) visit(u, [u]);
}

/** Resolves names to indices and checks consistency (cycles, required-and-forbidden). */
export function resolveKnowledge(
	names: string[],
	k: Knowledge | undefined
): ResolvedKnowledge | undefined {
	if (!k || (!k.forbidden?.length && !k.required?.length && !k.tiers?.length)) return undefined;
	const p = names.length;
	const forbidden = new Set<number>();
	for (const [a, b] of k.forbidden ?? []) forbidden.add(indexOf(names, a) * p + indexOf(names, b));
	const tier = new Int32Array(p).fill(-1);
	(k.tiers ?? []).forEach((members, t) => {
		for (const name of members) tier[indexOf(names, name)] = t;
	});
	const required: [number, number][] = (k.required ?? []).map(([a, b]) => [
		indexOf(names, a),
		indexOf(names, b)
	]);
	const isForbidden = (i: number, j: number): boolean =>
		forbidden.has(i * p + j) || (tier[i] >= 0 && tier[j] >= 0 && tier[i] > tier[j]);
	for (const [a, b] of required) {
		if (isForbidden(a, b)) {
			throw new DataError(
				`${names[a]} -> ${names[b]} is both required and forbidden (or against the tiers)`
			);
		}
	}
	checkAcyclic(p, required, names);
	const requiredSet = new Set(required.map(([a, b]) => a * p + b));
	return { isForbidden, isRequired: (i, j) => requiredSet.has(i * p + j), required };
}
