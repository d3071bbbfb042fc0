/**
 * Data cell: selects a slice of the notebook's incident (series, a log sample, events, a time
 * range). Every analysis cell starts from one. The data worker does the work.
 */
import { z } from 'zod';
import { LOG_LEVELS } from '$workers/bundle/types';
import type { CellKind, DataSelection } from './kind';

const range = z.union([
	z.enum(['all', 'baseline', 'incident']),
	z
		.object({ start: z.number(), end: z.number() })
		.refine((r) => r.start <= r.end, 'range start must not be after its end')
]);

const schema = z.object({
	series: z.array(z.string().min(1)).default(() => ['*']),
	logs: z
		.union([
			z.literal(false),
			z.object({
				levels: z.array(z.enum(LOG_LEVELS)).optional(),
				limit: z.number().int().min(0).max(10_000).default(200)
			})
		])
		.default(false),
	events: z.boolean().default(true),
	range: range.default('all')
});

export type DataParams = z.infer<typeof schema>;
// The params are handed to the data worker unchanged, so they must stay a DataSelection.
const _isSelection = (p: DataParams): DataSelection => p;
void _isSelection;

export const dataKind: CellKind<DataParams> = {
	kind: 'data',
	label: 'Data',
	description: 'Select series, logs and events of the incident for a time range.',
	schema,
	inputs: [],
	fields: [
		{
			key: 'series',
			label: 'Series',
			type: 'series',
			help: 'Keys or patterns, e.g. edge.* or *.latency_ms'
		},
		{ key: 'logs', label: 'Log sample', type: 'logs' },
		{ key: 'events', label: 'Include events', type: 'boolean' },
		{ key: 'range', label: 'Time range', type: 'range' }
	],
	hasSource: false,
	readsIncident: true,
	live: true,
	time: 'cursor',
	output: 'data',
	async run(ctx) {
		// At a replay cursor the selection ends there: every cell fed by this one sees no future.
		const selection = ctx.asOf === undefined ? ctx.params : { ...ctx.params, asOf: ctx.asOf };
		const out = await ctx.compute.data.select(ctx.incidentId, selection, ctx.jobId);
		ctx.signal.throwIfCancelled();
		return out;
	}
};
