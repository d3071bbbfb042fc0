/**
 * Causal-graph cell: PC (Fisher-z, causal-learn semantics) over the series of a data cell, on a
 * common time grid. Background knowledge is edited as text: `a -> b; c -> d` for forbidden and
 * required edges, `a, b | c, d` for tiers (earliest first).
 */
import { z } from 'zod';
import type { Knowledge } from '$workers/causal/knowledge';
import { matchesAny } from '../support/glob';
import { analysisRange } from '../support/windows';
import { dataInput } from './chart';
import type { CellKind } from './kind';

const schema = z.object({
	series: z.array(z.string().min(1)).default(() => ['*']),
	window: z.enum(['selection', 'baseline', 'incident']).default('selection'),
	alpha: z.number().gt(0).lt(1).default(0.05),
	depth: z.number().int().min(-1).default(-1),
	ucRule: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
	ucPriority: z.number().int().min(-1).max(4).default(2),
	forbidden: z.string().default(''),
	required: z.string().default(''),
	tiers: z.string().default(''),
	/** Leave out series PC cannot use (near-duplicates, more than the rows allow) instead of failing. */
	reduce: z.boolean().default(false)
});

export type CausalGraphParams = z.infer<typeof schema>;

/** `a -> b; c -> d` as pairs. */
export function parseEdges(text: string): [string, string][] {
	return text
		.split(/[;\n]/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p) => {
			const parts = p.split('->').map((x) => x.trim());
			if (parts.length !== 2 || !parts[0] || !parts[1])
				throw new Error(`"${p}" is not an edge "a -> b"`);
			return [parts[0], parts[1]] as [string, string];
		});
}

/** Knowledge from the three text params. */
export function knowledgeOf(
	p: Pick<CausalGraphParams, 'forbidden' | 'required' | 'tiers'>
): Knowledge {
	const tiers = p.tiers
		.split('|')
		.map((t) =>
			t
				.split(',')
				.map((x) => x.trim())
				.filter(Boolean)
		)
		.filter((t) => t.length > 0);
	return { forbidden: parseEdges(p.forbidden), required: parseEdges(p.required), tiers };
}

export const causalGraphKind: CellKind<CausalGraphParams> = {
	kind: 'causal-graph',
	label: 'Causal graph (PC)',
	description: 'Discover a causal graph (CPDAG) from the series with the PC algorithm.',
	schema,
	inputs: [{ slot: 'data', accepts: ['data'], required: true, label: 'Data' }],
	fields: [
		{ key: 'series', label: 'Series', type: 'series', help: 'Subset of the input; * = all' },
		{
			key: 'window',
			label: 'Window',
			type: 'select',
			options: ['selection', 'baseline', 'incident']
		},
		{ key: 'alpha', label: 'Significance level alpha', type: 'number' },
		{ key: 'depth', label: 'Max conditioning set size (-1 = any)', type: 'number' },
		{ key: 'ucRule', label: 'Collider rule (0 sepset, 1 maxP, 2 definiteMaxP)', type: 'number' },
		{ key: 'ucPriority', label: 'Collider priority (-1..4)', type: 'number' },
		{ key: 'forbidden', label: 'Forbidden edges', type: 'text', help: 'a -> b; c -> d' },
		{ key: 'required', label: 'Required edges', type: 'text', help: 'a -> b; c -> d' },
		{ key: 'tiers', label: 'Tiers (earliest first)', type: 'text', help: 'a, b | c, d' },
		{
			key: 'reduce',
			label: 'Leave out series PC cannot use',
			type: 'boolean',
			help: 'Near-duplicates, and the least changing beyond what the rows allow; each is listed'
		}
	],
	hasSource: false,
	readsIncident: false,
	output: 'causal-graph',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { params } = ctx;
		const range = await analysisRange(ctx, input.range, params.window);
		const series = input.series.filter((s) => matchesAny(s.key, params.series));
		const { table, dropped } = await ctx.compute.causal.align(series, range, {
			reduce: params.reduce
		});
		if (table.names.length < 2) throw new Error('PC needs at least two usable series');
		const { forbidden, required, tiers, window: _w, series: _s, reduce: _r, ...opts } = params;
		void _w;
		void _s;
		void _r;
		const result = await ctx.compute.causal.pc(
			table,
			{
				...opts,
				ucPriority: opts.ucPriority as -1 | 0 | 1 | 2 | 3 | 4,
				knowledge: knowledgeOf({ forbidden, required, tiers })
			},
			ctx.jobId,
			ctx.onProgress
		);
		return { type: 'causal-graph', result, dropped };
	}
};
