/**
 * Root-cause cell: ranks the series of a data cell by robust baseline-vs-incident statistics and
 * puts services whose dependencies are healthy first (topology typed as `caller -> callee; ...`,
 * since the call graph is not part of the stored incident summary; an optional causal-graph input
 * adds cause -> effect edges). The symptom's impact score is attached to each row.
 */
import { z } from 'zod';
import { causalService, rcaSeries, serviceEdges, thin } from '$workers/causal/cells';
import type { CausalGraphOutput, RootCauseRow } from '../outputs';
import { namedWindow } from '../support/windows';
import { parseEdges } from './causal-graph';
import { dataInput } from './chart';
import type { CellKind } from './kind';

const schema = z.object({
	symptom: z.string().default(''),
	threshold: z.number().positive().default(3),
	topology: z.string().default(''),
	limit: z.number().int().min(1).max(500).default(20)
});

export type RootCauseParams = z.infer<typeof schema>;

export const rootCauseKind: CellKind<RootCauseParams> = {
	kind: 'root-cause',
	label: 'Root cause ranking',
	description: 'Rank likely causes: robust change vs the baseline, upstream services first.',
	schema,
	inputs: [
		{ slot: 'data', accepts: ['data'], required: true, label: 'Data' },
		{ slot: 'graph', accepts: ['causal-graph'], required: false, label: 'Causal graph' }
	],
	fields: [
		{ key: 'symptom', label: 'Symptom series', type: 'text', help: 'e.g. edge.latency_ms' },
		{ key: 'threshold', label: 'Anomalous from |robust z| >=', type: 'number' },
		{
			key: 'topology',
			label: 'Call graph',
			type: 'text',
			help: 'caller -> callee; ... (empty: the bundle topology)'
		},
		{ key: 'limit', label: 'Rows', type: 'number' }
	],
	hasSource: false,
	readsIncident: true,
	output: 'root-cause',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { params } = ctx;
		const info = await ctx.compute.data.incident(ctx.incidentId);
		const baseline = namedWindow(info.manifest, 'baseline');
		if (!baseline) throw new Error('this incident has no baseline window');
		// Everything after the baseline counts, so causes that start before the declared onset are seen.
		const incident = { start: baseline.end + 1, end: info.manifest.timeRange.end };
		const series = rcaSeries(input.series, baseline, incident);
		const graph = ctx.inputs.graph as CausalGraphOutput | undefined;
		const serviceOf = new Map(input.series.map((s) => [s.key, s.service]));
		// A typed call graph overrides the bundle's own topology; without either, no topology is used.
		const typed = parseEdges(params.topology).map(([from, to]) => ({ from, to }));
		const topology = typed.length ? typed : (info.topology ?? []);
		const causal = graph
			? serviceEdges(graph.result.names, graph.result.edges, serviceOf)
			: undefined;
		const ranked = await causalService(ctx.compute.causal).rank(
			{
				series,
				topology,
				causal,
				symptom: params.symptom || undefined,
				threshold: params.threshold
			},
			ctx.jobId
		);
		const byKey = new Map(series.map((s) => [s.key, s]));
		const rows: RootCauseRow[] = ranked.slice(0, params.limit).map((c) => ({
			...c,
			baselineSample: thin(byKey.get(c.key)!.baseline),
			incidentSample: thin(byKey.get(c.key)!.incident)
		}));
		return {
			type: 'root-cause',
			rows,
			symptom: params.symptom || undefined,
			usedTopology: topology.length > 0,
			usedGraph: !!causal
		};
	}
};
