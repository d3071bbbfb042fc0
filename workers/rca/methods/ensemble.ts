/**
 * The default: a weighted rank fusion of the methods (reciprocal-rank fusion, Cormack et al.,
 * SIGIR 2009): each method votes 1 / (K + rank) for every service, times its weight. Rank fusion
 * needs no common scale, and a service only leads when several independent lines of evidence
 * (deviation size, position below the symptom, where the walk settles) agree.
 */
import type { RcaMethod } from '../types';
import { order, type MethodContext, type MethodResult } from './context';

const K = 1;

export function fuse(
	ctx: MethodContext,
	parts: Partial<Record<RcaMethod, MethodResult>>
): MethodResult {
	const scores = new Map<string, number>(ctx.services.map((s) => [s, 0]));
	for (const [name, res] of Object.entries(parts) as [RcaMethod, MethodResult][]) {
		const weight = ctx.settings.ensembleWeights[name as Exclude<RcaMethod, 'ensemble'>] ?? 0;
		// A method with no evidence at all (no spans for `flows`) abstains.
		if (!weight || [...res.scores.values()].every((v) => v === 0)) continue;
		order(ctx, res.scores).forEach((s, i) => {
			if (!(name === 'flows' && !(res.scores.get(s)! > 0)))
				scores.set(s, scores.get(s)! + weight / (K + i + 1));
		});
	}
	return { scores, reasons: new Map() };
}
