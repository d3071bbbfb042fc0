/** Log-search cell: a free-text query over the incident's log templates and sampled lines. */
import { z } from 'zod';
import type { CellKind } from './kind';

const schema = z.object({
	// A query that finds something in any incident, so a new cell runs before anything is typed.
	query: z.string().default('error timeout failed'),
	k: z.number().int().min(1).max(100).default(10),
	linesPer: z.number().int().min(0).max(8).default(3),
	embedder: z.enum(['auto', 'lexical']).default('auto')
});

export type LogSearchParams = z.infer<typeof schema>;

export const logSearchKind: CellKind<LogSearchParams> = {
	kind: 'log-search',
	label: 'Log search',
	description: 'Search the logs by meaning: best templates with matching lines, scores and times.',
	schema,
	inputs: [],
	fields: [
		{ key: 'query', label: 'Query', type: 'text', help: 'e.g. socket timeout' },
		{ key: 'k', label: 'Templates', type: 'number' },
		{ key: 'linesPer', label: 'Lines per template', type: 'number' },
		{ key: 'embedder', label: 'Embedder', type: 'select', options: ['auto', 'lexical'] }
	],
	hasSource: false,
	readsIncident: true,
	// At a replay cursor: only the lines up to it, indexed afresh (the whole log's index would
	// answer with lines from after the cursor).
	time: 'cursor',
	output: 'log-search',
	run(ctx) {
		return ctx.compute.logs.search(
			{
				incidentId: ctx.incidentId,
				...ctx.params,
				...(ctx.asOf === undefined ? {} : { asOf: ctx.asOf })
			},
			ctx.jobId,
			ctx.onProgress
		);
	}
};
