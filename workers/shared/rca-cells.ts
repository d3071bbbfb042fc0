/**
 * Helpers shared by the causal cell kinds (pure: no Svelte, no DOM): cut windows out of series,
 * thin samples for small charts, and service edges from a PC graph.
 */
import type { Series, TimeRange } from '../bundle/types';
import type { ServiceEdge } from '../rca/types';
import { sliceSeries } from './select';

/** Values and times of a series inside a range (inclusive). */
export function cut(s: Series, r: TimeRange): { t: Float64Array; v: Float64Array } {
	const { t, v } = sliceSeries(s, r);
	return { t, v };
}

/** At most `max` evenly spaced values (for a small chart); NaN becomes null-free by skipping. */
export function thin(v: Float64Array, max = 120): number[] {
	const finite = Array.from(v).filter(Number.isFinite);
	if (finite.length <= max) return finite;
	return Array.from({ length: max }, (_, i) => finite[Math.floor((i * finite.length) / max)]);
}

/** Service-level causal edges from a PC graph over series keys (directed edges only). */
export function serviceEdges(
	names: string[],
	edges: { from: number; to: number; kind: string }[],
	serviceOf: Map<string, string>
): ServiceEdge[] {
	const out: ServiceEdge[] = [];
	for (const e of edges) {
		if (e.kind !== '-->') continue;
		const a = serviceOf.get(names[e.from]);
		const b = serviceOf.get(names[e.to]);
		if (a && b && a !== b) out.push({ from: a, to: b });
	}
	return out;
}
