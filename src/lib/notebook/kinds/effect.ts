/**
 * Effect cell: average effect of one series on another over a window (regression adjustment or
 * propensity-score matching), with refuters. The adjustment set is typed in or, when a causal
 * graph cell is wired, read from the graph.
 */
import { z } from 'zod';
import { alignSeries } from '$workers/causal/align';
import { causalService } from '$workers/causal/cells';
import type { CausalGraphOutput } from '../outputs';
import { analysisRange } from '../support/windows';
import { dataInput } from './chart';
import type { CellKind } from './kind';

const schema = z.object({
	treatment: z.string().min(1),
	outcome: z.string().min(1),
	covariates: z.string().default(''),
	method: z.enum(['regression', 'psm']).default('regression'),
	threshold: z.number().optional(),
	refute: z.boolean().default(true),
	window: z.enum(['selection', 'baseline', 'incident']).default('selection')
});

export type EffectParams = z.infer<typeof schema>;

export const effectKind: CellKind<EffectParams> = {
	kind: 'effect',
	label: 'Effect (ATE)',
	description: 'Estimate how much one series moves another, with refutation tests.',
	schema,
	inputs: [
		{ slot: 'data', accepts: ['data'], required: true, label: 'Data' },
		{
			slot: 'graph',
			accepts: ['causal-graph'],
			required: false,
			label: 'Causal graph (adjustment set)'
		}
	],
	fields: [
		{ key: 'treatment', label: 'Treatment (cause) series', type: 'text' },
		{ key: 'outcome', label: 'Outcome series', type: 'text' },
		{
			key: 'covariates',
			label: 'Adjust for',
			type: 'text',
			help: 'Comma list; empty = from the graph'
		},
		{ key: 'method', label: 'Method', type: 'select', options: ['regression', 'psm'] },
		{ key: 'threshold', label: 'PSM threshold (continuous treatment)', type: 'number' },
		{ key: 'refute', label: 'Run refuters', type: 'boolean' },
		{
			key: 'window',
			label: 'Window',
			type: 'select',
			options: ['selection', 'baseline', 'incident']
		}
	],
	hasSource: false,
	readsIncident: false,
	output: 'effect',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { params } = ctx;
		const range = await analysisRange(ctx, input.range, params.window);
		const graph = ctx.inputs.graph as CausalGraphOutput | undefined;
		const covariates = params.covariates
			.split(',')
			.map((c) => c.trim())
			.filter(Boolean);
		const wanted = new Set([params.treatment, params.outcome, ...covariates]);
		const pool = graph ? input.series : input.series.filter((s) => wanted.has(s.key));
		const { table, dropped } = alignSeries(pool, range);
		for (const k of [params.treatment, params.outcome, ...covariates]) {
			const d = dropped.find((x) => x.key === k);
			if (d) throw new Error(`series "${k}" ${d.reason}`);
			if (!table.names.includes(k)) throw new Error(`series "${k}" is not in the data cell`);
		}
		const result = await causalService(ctx.compute.causal).effect(table, {
			treatment: params.treatment,
			outcome: params.outcome,
			covariates: covariates.length || !graph ? covariates : undefined,
			graph: graph?.type === 'causal-graph' ? graph.result : undefined,
			method: params.method,
			threshold: params.threshold,
			refute: params.refute
		});
		return { type: 'effect', result };
	}
};
