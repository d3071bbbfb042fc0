/**
 * Root-cause cell: ranks the incident's services as candidate causes of a symptom (workers/rca,
 * run in the causal worker) from the series of a data cell plus what the incident's logs and spans
 * add (read by the data worker). Everything that decides the answer is a visible parameter: the
 * method, the symptom (empty: the most anomalous user-facing signal), the windows (empty: the
 * manifest's), the call graph (empty: topology.json, else the spans), and an optional causal
 * graph input. Every row carries its evidence chain and why it is not first.
 */
import { z } from 'zod';
import { serviceEdges, thin, cut } from '$workers/shared/rca-cells';
import { RCA_METHODS, type RankRequest } from '$workers/rca/types';
import type { CausalGraphOutput, RootCauseOutput } from '../outputs';
import { parseEdges } from './causal-graph';
import { dataInput } from './chart';
import type { CellKind } from './kind';

const schema = z.object({
	method: z.enum(RCA_METHODS).default('ensemble'),
	symptom: z.string().default(''),
	onset: z.string().default(''),
	baseline: z.string().default(''),
	incident: z.string().default(''),
	threshold: z.number().positive().default(3),
	topology: z.string().default(''),
	useLogs: z.boolean().default(true),
	useTraces: z.boolean().default(true),
	limit: z.number().int().min(1).max(500).default(20)
});

export type RootCauseParams = z.infer<typeof schema>;

export const rootCauseKind: CellKind<RootCauseParams> = {
	kind: 'root-cause',
	label: 'Root cause ranking',
	description: 'Rank the services that best explain the symptom, with the evidence chain of each.',
	schema,
	inputs: [
		{ slot: 'data', accepts: ['data'], required: true, label: 'Data' },
		{ slot: 'graph', accepts: ['causal-graph'], required: false, label: 'Causal graph' }
	],
	fields: [
		{
			key: 'method',
			label: 'Method',
			type: 'select',
			options: [...RCA_METHODS],
			help: 'ensemble combines the others'
		},
		{
			key: 'symptom',
			label: 'Symptom series',
			type: 'text',
			help: 'empty: the most anomalous user-facing signal'
		},
		{ key: 'onset', label: 'Onset', type: 'text', help: 'empty: the manifest onset' },
		{
			key: 'baseline',
			label: 'Baseline',
			type: 'text',
			help: 'start..end; empty: the manifest baseline'
		},
		{
			key: 'incident',
			label: 'Incident window',
			type: 'text',
			help: 'start..end; empty: from before the onset to the end'
		},
		{
			key: 'topology',
			label: 'Call graph',
			type: 'text',
			help: 'caller -> callee; … (empty: topology.json, else the spans)'
		},
		{ key: 'threshold', label: 'Anomalous from robust z', type: 'number' },
		{ key: 'useLogs', label: 'Use logs', type: 'boolean' },
		{ key: 'useTraces', label: 'Use traces', type: 'boolean' },
		{ key: 'limit', label: 'Rows', type: 'number' }
	],
	hasSource: false,
	readsIncident: true,
	time: 'cursor',
	output: 'root-cause',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { params } = ctx;
		const info = await ctx.compute.data.incident(ctx.incidentId);
		// The data worker reads the window fields in the bundle's zone and the logs and spans.
		const { windows, extras } = await ctx.compute.data.rcaEvidence(
			ctx.incidentId,
			{
				overrides: { onset: params.onset, baseline: params.baseline, incident: params.incident },
				use: { logs: params.useLogs, traces: params.useTraces },
				asOf: ctx.asOf
			},
			ctx.jobId
		);
		const typed = parseEdges(params.topology).map(([from, to]) => ({ from, to }));
		const stored = info.topology ?? [];
		const topology = typed.length
			? typed
			: stored.length
				? stored
				: params.useTraces
					? extras.edges
					: [];
		const from = typed.length
			? 'typed'
			: stored.length
				? 'topology.json'
				: topology.length
					? 'spans'
					: 'none';
		const graph = ctx.inputs.graph as CausalGraphOutput | undefined;
		const serviceOf = new Map(input.series.map((s) => [s.key, s.service]));
		const series = [...input.series, ...extras.series];
		const request: RankRequest = {
			series,
			windows,
			topology,
			causal: graph ? serviceEdges(graph.result.names, graph.result.edges, serviceOf) : undefined,
			evidence: extras.evidence,
			symptom: params.symptom.trim() || undefined,
			method: params.method,
			settings: { threshold: params.threshold }
		};
		const result = await ctx.compute.causal.rank(request, ctx.jobId);
		const byKey = new Map(series.map((s) => [s.key, s]));
		const candidates = result.candidates.slice(0, params.limit).map((c) => {
			const key = c.signals.find((q) => !q.detail && byKey.has(q.key))?.key;
			const s = key ? byKey.get(key)! : undefined;
			return {
				...c,
				sampleKey: key,
				baselineSample: s ? thin(cut(s, windows.baseline).v) : [],
				incidentSample: s ? thin(cut(s, windows.incident).v) : []
			};
		});
		const output: RootCauseOutput = {
			type: 'root-cause',
			method: result.method,
			symptom: result.symptom,
			windows: result.windows,
			candidates,
			order: result.candidates.map((c) => ({ service: c.service, whyNotFirst: c.whyNotFirst })),
			graph: { ...result.graph, from },
			extras: extras.counts,
			notes: result.notes
		};
		return output;
	}
};
