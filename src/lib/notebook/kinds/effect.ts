/**
 * Effect cell: average effect of one series on another over a window (regression adjustment or
 * propensity-score matching), with refuters. The adjustment set is typed in or, when a causal
 * graph cell is wired, read from the graph. An empty treatment or outcome is filled from a wired
 * root-cause ranking (top candidate on the symptom), else by series names; the output says which.
 */
import { z } from 'zod';
import type { CausalGraphOutput, RootCauseOutput } from '../outputs';
import { chooseEffectPair } from '../support/effect-pair';
import { analysisRange } from '../support/windows';
import { dataInput } from './chart';
import type { CellKind, SuggestEnv } from './kind';
import { metricClass, selectedKeys, userFacingSeries } from '../support/suggest';

const schema = z.object({
	// Empty until chosen: a new cell gets a suggested pair (suggestEffectPair), and an empty one
	// says what to fill in rather than failing validation before the cell even exists.
	treatment: z.string().default(''),
	outcome: z.string().default(''),
	covariates: z.string().default(''),
	method: z.enum(['regression', 'psm']).default('regression'),
	threshold: z.number().optional(),
	refute: z.boolean().default(true),
	window: z.enum(['selection', 'baseline', 'incident']).default('selection')
});

export type EffectParams = z.infer<typeof schema>;

/**
 * A starting pair from the wired data cell's series: the outcome is what a user feels (latency,
 * else errors), the treatment the first saturation series (else any other). Both stay visible
 * and editable on the cell.
 */
export function suggestEffectPair(env: SuggestEnv): { treatment?: string; outcome?: string } {
	const keys = selectedKeys(env);
	const outcome = keys.length > 1 ? userFacingSeries(keys) : undefined;
	if (!outcome) return {};
	const rest = keys.filter((k) => k !== outcome);
	return {
		outcome,
		treatment: rest.find((k) => metricClass(k).family === 'saturation') ?? rest[0]
	};
}

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
		},
		{
			slot: 'candidates',
			accepts: ['root-cause'],
			required: false,
			label: 'Root-cause ranking (fills an empty treatment and outcome)'
		}
	],
	fields: [
		{
			key: 'treatment',
			label: 'Treatment (cause) series',
			type: 'text',
			help: 'Empty = the top root-cause candidate (when a ranking is wired)'
		},
		{
			key: 'outcome',
			label: 'Outcome series',
			type: 'text',
			help: "Empty = the ranking's symptom"
		},
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
	suggest: suggestEffectPair,
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { params } = ctx;
		const range = await analysisRange(ctx, input.range, params.window);
		const ranking = ctx.inputs.candidates as RootCauseOutput | undefined;
		// An empty field is filled only from series the window can use (present, not constant).
		const usable =
			params.treatment && params.outcome
				? []
				: (await ctx.compute.causal.align(input.series, range)).table.names;
		const pair = chooseEffectPair(
			params,
			usable,
			ranking?.type === 'root-cause' ? ranking : undefined
		);
		const { treatment, outcome } = pair;
		if (!treatment || !outcome)
			throw new Error('Choose the treatment and the outcome series (Edit), then run again.');
		const graph = ctx.inputs.graph as CausalGraphOutput | undefined;
		const covariates = params.covariates
			.split(',')
			.map((c) => c.trim())
			.filter(Boolean);
		const wanted = new Set([treatment, outcome, ...covariates]);
		const pool = graph ? input.series : input.series.filter((s) => wanted.has(s.key));
		const { table, dropped } = await ctx.compute.causal.align(pool, range);
		for (const k of [treatment, outcome, ...covariates]) {
			const d = dropped.find((x) => x.key === k);
			if (d) throw new Error(`series "${k}" ${d.reason}`);
			if (!table.names.includes(k)) throw new Error(`series "${k}" is not in the data cell`);
		}
		const result = await ctx.compute.causal.effect(table, {
			treatment,
			outcome,
			covariates: covariates.length || !graph ? covariates : undefined,
			graph: graph?.type === 'causal-graph' ? graph.result : undefined,
			method: params.method,
			threshold: params.threshold,
			refute: params.refute
		});
		return { type: 'effect', result: { ...result, notes: [...pair.notes, ...result.notes] } };
	}
};
