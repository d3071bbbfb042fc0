/**
 * Broken request flows first (traces/flows.ts): services ordered by how surely a request's work
 * inside them changed: a step every span of an operation used to take is skipped, or a step none
 * took appears. This is the evidence code faults leave (an early return, an exception) when the
 * metrics stay flat; resource faults rarely break a flow, and a run without spans has none, so the
 * method abstains (every score 0) and the ensemble ignores it. A broken service whose callee is
 * broken too ranks below it: the callee's break explains the caller's (an exception surfaces as an
 * error line one level up), as in Nezha's ranking of the deepest deviating pattern (Yu et al.,
 * ESEC/FSE 2023).
 */
import type { MethodContext, MethodResult } from './context';

export const FLOW_QUANTITY = 'flow_break';

export function flows(ctx: MethodContext): MethodResult {
	const z = new Map<string, number>();
	for (const s of ctx.services) {
		const q = ctx.signals.byService.get(s)?.find((x) => x.quantity === FLOW_QUANTITY);
		if (q && q.score > 0) z.set(s, q.score);
	}
	const scores = new Map<string, number>(ctx.services.map((s) => [s, 0]));
	const reasons = new Map<string, string>();
	if (z.size === 0) return { scores, reasons, note: undefined };
	const broken = (s: string) => (z.get(s) ?? 0) >= ctx.settings.threshold;
	for (const [s, v] of z) {
		const below = brokenBelow(ctx, s, broken);
		// Only a broken flow votes; among broken ones, those with no broken callee come first.
		if (broken(s)) scores.set(s, v + (below.length === 0 ? 1e6 : 0));
		reasons.set(
			s,
			below.length
				? `request flow broken (z ${v.toFixed(1)}), but so is that of ${below.join(', ')} below it`
				: `request flow broken (z ${v.toFixed(1)})`
		);
	}
	return { scores, reasons };
}

/** Callees (direct or through others) whose flows broke too. */
function brokenBelow(ctx: MethodContext, s: string, broken: (s: string) => boolean): string[] {
	const g = ctx.graph;
	if (!g) return [];
	const out: string[] = [];
	const seen = new Set([s]);
	const stack = [s];
	while (stack.length)
		for (const v of g.calleesOf(stack.pop()!)) {
			if (seen.has(v)) continue;
			seen.add(v);
			stack.push(v);
			if (broken(v)) out.push(v);
		}
	return out;
}
