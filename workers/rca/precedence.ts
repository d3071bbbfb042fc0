/**
 * One rule every graph-aware order obeys: a service is never ranked above an anomalous service
 * it depends on (through anomalous callees) that left its baseline *before* it did. Sizes of
 * deviations are not comparable across quantities (a lock time and a temperature), but time order
 * is: the earlier anomaly below can explain the later one above, not the other way round. Services
 * that break the rule are moved to just below the service that explains them, with the reason.
 */
import { anomalousBelow, startedBefore, type MethodContext } from './methods/context';

/** Anomalous services below `s` (through anomalous callees) that left their baseline before it. */
function earlierBelow(ctx: MethodContext, s: string): string[] {
	if (ctx.onset.get(s) === undefined) return [];
	return anomalousBelow(ctx, s).filter((v) => startedBefore(ctx, v, s));
}

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 19);

/** The order with the rule applied, and a sentence for every service that moved. */
export function applyPrecedence(
	ctx: MethodContext,
	order: string[]
): { order: string[]; moved: Map<string, string> } {
	const out = [...order];
	const moved = new Map<string, string>();
	const below = new Map(out.map((s) => [s, earlierBelow(ctx, s)]));
	// Each move puts a service after one that started strictly earlier, so this terminates.
	for (let pass = 0; pass < out.length * out.length; pass++) {
		let changed = false;
		for (let i = 0; i < out.length && !changed; i++) {
			const s = out[i];
			const later = below
				.get(s)!
				.map((e) => out.indexOf(e))
				.filter((j) => j > i);
			if (!later.length) continue;
			const j = Math.max(...later);
			out.splice(i, 1);
			out.splice(j, 0, s);
			const e = out[j - 1];
			moved.set(
				s,
				`placed below ${e}: ${e}, which it depends on, left its baseline first (${hhmm(ctx.onset.get(e)!)} vs ${hhmm(ctx.onset.get(s)!)})`
			);
			changed = true;
		}
		if (!changed) break;
	}
	return { order: out, moved };
}
