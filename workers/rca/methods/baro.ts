/**
 * BARO-style ranking (Pham et al., "BARO: Robust Root Cause Analysis for Microservices via
 * Multivariate Bayesian Online Change Point Detection", FSE 2024): services ordered by their
 * largest robust deviation from the baseline (median / inter-quartile range), with the scale fixes
 * of score.ts. Uses neither the call graph nor the symptom: the reference every other method must beat.
 */
import type { MethodContext, MethodResult } from './context';

export function baro(ctx: MethodContext): MethodResult {
	const scores = new Map<string, number>();
	const reasons = new Map<string, string>();
	for (const s of ctx.services) {
		const a = ctx.anomaly.get(s) ?? 0;
		scores.set(s, a);
		const top = ctx.signals.byService.get(s)?.[0];
		reasons.set(
			s,
			top
				? `evidence ${a.toFixed(1)}, led by ${top.quantity} (${top.metric}, z ${top.score.toFixed(1)})`
				: 'no scored series'
		);
	}
	return { scores, reasons };
}
