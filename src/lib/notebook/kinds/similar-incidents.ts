/**
 * Similar-incidents cell: compares this incident's signature (bursting templates' embeddings,
 * anomalous metrics, events) with every other stored incident and lists the closest with reasons.
 * The library's fingerprint is part of its cache key (`readsLibrary`), so after an import or a
 * deletion it computes afresh rather than answering from the library as it was.
 */
import { z } from 'zod';
import type { CellKind } from './kind';

const schema = z.object({
	k: z.number().int().min(1).max(50).default(5),
	minBurst: z.number().min(1).default(3),
	embedder: z.enum(['auto', 'lexical']).default('auto')
});

export type SimilarIncidentsParams = z.infer<typeof schema>;

export const similarIncidentsKind: CellKind<SimilarIncidentsParams> = {
	kind: 'similar-incidents',
	label: 'Similar incidents',
	description: 'Past incidents of the library that looked like this one, and why.',
	schema,
	inputs: [],
	fields: [
		{ key: 'k', label: 'Incidents', type: 'number' },
		{ key: 'minBurst', label: 'Bursting from factor', type: 'number' },
		{ key: 'embedder', label: 'Embedder', type: 'select', options: ['auto', 'lexical'] }
	],
	hasSource: false,
	readsIncident: true,
	readsLibrary: true,
	// At a replay cursor: this incident as known then, against incidents that had ended by then.
	time: 'cursor',
	output: 'similar-incidents',
	run(ctx) {
		return ctx.compute.logs.similar(
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
