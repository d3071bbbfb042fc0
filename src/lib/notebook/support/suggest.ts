/**
 * Name rules that pick starting series for new cells and the default notebook. They read only
 * series keys (`service.metric`) and the call graph, through the same metric classifier the
 * root-cause ranking uses, so "the latency of the entry service" means the same thing everywhere.
 */
import type { TopologyEdge } from '$workers/bundle/types';
import { matchSeries } from '$workers/shared/select';
import { classifyMetric, type MetricClass } from '$workers/shared/classify';
import type { SuggestEnv } from '../kinds/kind';

export const metricClass = (key: string): MetricClass =>
	classifyMetric(key.slice(key.indexOf('.') + 1));

const serviceOf = (key: string) => key.slice(0, Math.max(0, key.indexOf('.')));

/** Services that call others and nobody calls: front ends and gateways, where users are. */
export function entryServices(topology: TopologyEdge[] | undefined): Set<string> {
	const callees = new Set((topology ?? []).map((e) => e.to));
	return new Set((topology ?? []).map((e) => e.from).filter((s) => !callees.has(s)));
}

/**
 * The series a user would feel: the first latency series of an entry service, else any latency,
 * else an error series, else the first key. Undefined only when there are no keys. A client-side
 * latency (time a service waits on its callees, as the ranking classifies it) is what a caller
 * feels, not a user: it comes after served latencies.
 */
export function userFacingSeries(
	keys: string[],
	entries: Set<string> = new Set()
): string | undefined {
	const is = (k: string, f: string) => metricClass(k).family === f;
	const client = (k: string) => metricClass(k).quantity === 'latency:client';
	const all = keys.filter((k) => is(k, 'latency'));
	const latency = [...all.filter((k) => !client(k)), ...all.filter(client)];
	return (
		latency.find((k) => entries.has(serviceOf(k))) ??
		latency[0] ??
		keys.find((k) => is(k, 'errors')) ??
		keys[0]
	);
}

/** The incident's series a new cell's wired data cell selects (all of them when none is wired). */
export function selectedKeys(env: SuggestEnv): string[] {
	const patterns = env.inputs.data?.params.series;
	try {
		return matchSeries(Array.isArray(patterns) ? (patterns as string[]) : ['*'], env.seriesKeys);
	} catch {
		// The data cell names a series this incident lacks: suggest nothing, its own error shows.
		return [];
	}
}
