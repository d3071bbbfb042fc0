/**
 * Root-cause scorecard cell: ranks every incident in the library that carries a ground-truth
 * service (ground_truth.json) with the chosen method, in the data worker, with the same code as
 * `aitia rca-eval`, and reports AC@k, Avg@5 and each incident's rank of the truth. Needs no input:
 * it looks at the whole library, so it says how the ranking does on the analyst's own incidents.
 */
import { z } from 'zod';
import { scorecard, truthRank } from '$workers/shared/scorecard';
import { RCA_METHODS } from '$workers/rca/types';
import type { RcaScorecardOutput } from '../outputs';
import type { CellKind } from './kind';

const schema = z.object({
	method: z.enum(RCA_METHODS).default('ensemble'),
	ks: z.string().default('1,3,5')
});

export type RcaScorecardParams = z.infer<typeof schema>;

function parseKs(text: string): number[] {
	const ks = text
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean)
		.map(Number);
	if (!ks.length || ks.some((k) => !Number.isInteger(k) || k < 1))
		throw new Error(`"${text}" is not a list of whole numbers ≥ 1 (e.g. 1,3,5)`);
	return ks;
}

export const rcaScorecardKind: CellKind<RcaScorecardParams> = {
	kind: 'rca-scorecard',
	label: 'Root cause scorecard',
	description: 'How the ranking does on the labelled incidents of your library (AC@k, Avg@5).',
	schema,
	inputs: [],
	fields: [
		{ key: 'method', label: 'Method', type: 'select', options: [...RCA_METHODS] },
		{ key: 'ks', label: 'k values', type: 'text', help: 'e.g. 1,3,5' }
	],
	hasSource: false,
	// It reads the whole library, not just this incident: the library's fingerprint is in its key.
	readsIncident: true,
	readsLibrary: true,
	output: 'rca-scorecard',
	async run(ctx) {
		const ks = parseKs(ctx.params.ks);
		const outcomes = await ctx.compute.data.rcaLibrary(ctx.params.method, ctx.jobId, (f, label) =>
			ctx.onProgress?.(f, label)
		);
		if (!outcomes.length)
			throw new Error(
				'no incident in the library has a ground-truth service (ground_truth.json with "service")'
			);
		const output: RcaScorecardOutput = {
			type: 'rca-scorecard',
			method: ctx.params.method,
			scorecard: scorecard(outcomes, ks),
			cases: outcomes.map((o) => ({ ...o, ranked: o.ranked.slice(0, 10), rank: truthRank(o) }))
		};
		return output;
	}
};
