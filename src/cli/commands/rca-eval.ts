/**
 * `aitia rca-eval <folder>`: ranks every labelled bundle below a folder in one process and prints
 * the scorecard (AC@k, Avg@5, time per case) per dataset, per fault type and overall.
 */
import type { CaseOutcome } from '$workers/shared/scorecard';
import { scorecard, scorecardTable, truthRank } from '$workers/shared/scorecard';
import { RCA_METHODS } from '$workers/rca/types';
import { UsageError } from '../io';
import { evaluateBundle, findBundles } from '../rca-eval';
import { defineCommand } from './command';

export const rcaEvalCommand = defineCommand({
	name: 'rca-eval',
	usage: `rca-eval <folder> [--method ${RCA_METHODS.join('|')}] [--k 1,3,5] [--format table|json] [--cases]`,
	summary:
		'Score the root-cause ranking on a folder of bundles with ground_truth.json (AC@k, Avg@5).',
	options: {
		method: { type: 'enum', values: RCA_METHODS, default: 'ensemble' },
		k: { type: 'list', of: 'number', default: [1, 3, 5] },
		format: { type: 'enum', values: ['table', 'json'], default: 'table' },
		cases: { type: 'boolean' }
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('rca-eval takes exactly one folder');
		const ks = values.k;
		if (!ks.length || ks.some((k) => !Number.isInteger(k) || k < 1))
			throw new UsageError(`--k must be whole numbers of at least 1, got "${ks.join(',')}"`);
		const root = positionals[0];
		const bundles = await findBundles(root);
		if (!bundles.length) {
			io.err(
				`aitia rca-eval: no bundles (folders with manifest.json, or .zip files) below ${root}`
			);
			return 1;
		}
		const outcomes: CaseOutcome[] = [];
		for (const b of bundles) {
			const o = await evaluateBundle(root, b, { method: values.method });
			outcomes.push(o);
			if (o.error) io.err(`${o.dataset}/${o.id}: ${o.error}`);
		}
		const card = scorecard(outcomes, ks);
		if (values.format === 'json') {
			io.out(
				JSON.stringify({
					method: values.method,
					scorecard: card,
					cases: outcomes.map((o) => ({
						...o,
						rank: truthRank(o),
						ranked: o.ranked.slice(0, Math.max(...ks))
					}))
				})
			);
			return 0;
		}
		io.out(`method ${values.method}, ${outcomes.length} incidents`);
		io.out(scorecardTable(card));
		if (values.cases)
			for (const o of outcomes) {
				const r = truthRank(o);
				io.out(
					`  ${o.dataset}/${o.id}: ${o.truth} at ${Number.isFinite(r) ? r : '—'}; top ${o.ranked.slice(0, 3).join(', ')}`
				);
			}
		return 0;
	}
});
