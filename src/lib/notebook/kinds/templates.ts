/**
 * Templates cell: mines the incident's log templates in the logs worker and shows count, burst
 * factor (incident vs baseline) and first seen per template. Building the index also embeds the
 * templates, so later log-search and similar-incidents cells reuse it.
 */
import { z } from 'zod';
import type { CellKind } from './kind';

const schema = z.object({
	embedder: z.enum(['auto', 'lexical']).default('auto'),
	sort: z.enum(['burst', 'count']).default('burst'),
	limit: z.number().int().min(1).max(500).default(25)
});

export type TemplatesParams = z.infer<typeof schema>;

export const templatesKind: CellKind<TemplatesParams> = {
	kind: 'templates',
	label: 'Log templates',
	description: 'Log templates with counts and how much each bursts during the incident.',
	schema,
	inputs: [],
	fields: [
		{ key: 'sort', label: 'Sort by', type: 'select', options: ['burst', 'count'] },
		{ key: 'limit', label: 'Rows', type: 'number' },
		{
			key: 'embedder',
			label: 'Embedder',
			type: 'select',
			options: ['auto', 'lexical'],
			help: 'auto = MiniLM when it can be loaded, else lexical'
		}
	],
	hasSource: false,
	readsIncident: true,
	time: 'cursor',
	output: 'templates',
	run(ctx) {
		return ctx.compute.logs.templates(
			// At a replay cursor the worker mines only the lines known by then.
			{ incidentId: ctx.incidentId, ...ctx.params, asOf: ctx.asOf },
			ctx.jobId,
			ctx.onProgress
		);
	}
};
