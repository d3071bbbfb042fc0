/** Stats cell: per-series window statistics of a data cell's series (metrics worker). */
import { z } from 'zod';
import { namedWindow } from '../support/windows';
import { dataInput } from './chart';
import type { CellKind } from './kind';

const schema = z.object({
	window: z.enum(['selection', 'baseline', 'incident']).default('selection')
});

export type StatsParams = z.infer<typeof schema>;

export const statsKind: CellKind<StatsParams> = {
	kind: 'stats',
	label: 'Statistics',
	description: 'Mean, spread and extremes of each series over a window.',
	schema,
	inputs: [{ slot: 'data', accepts: ['data'], required: true, label: 'Data' }],
	fields: [
		{
			key: 'window',
			label: 'Window',
			type: 'select',
			options: ['selection', 'baseline', 'incident'],
			help: "selection = the data cell's own range"
		}
	],
	hasSource: false,
	// The data input's hash already carries the incident's content hash.
	readsIncident: false,
	live: true,
	output: 'table',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { window } = ctx.params;
		let range = input.range;
		if (window !== 'selection') {
			const info = await ctx.compute.data.incident(ctx.incidentId);
			const named = namedWindow(info, window);
			if (!named) throw new Error(`this incident has no ${window} window`);
			range = named;
		}
		ctx.signal.throwIfCancelled();
		return ctx.compute.metrics.windowStats(input.series, range, ctx.jobId);
	}
};
