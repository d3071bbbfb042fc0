/**
 * Anomaly traversal from the symptom (the MicroHECL / "follow the anomalous callees" family: Liu
 * et al., ICSE-SEIP 2021), in a soft form. A service scores its own anomaly times three factors:
 * - reach: 1 when the symptom's service reaches it through anomalous callees (or it is that
 *   service), `unreached` otherwise: anomalies travel from callee to caller, so an origin that
 *   explains the symptom lies below it;
 * - explained: a service with an anomalous callee below it that left its baseline *earlier* is
 *   likely its victim (`earlier`), whatever the sizes (a lock time and a temperature are not on
 *   one scale); otherwise how much of its anomaly is left once the strongest anomalous callee
 *   below is accounted for: min(1, own / that callee's);
 * - timing: `late` when it left its baseline after the symptom did.
 * The hard version (stop at the first service with no anomalous callee) fails on busy systems
 * where a few callees always sit just above any threshold; the soft one degrades gracefully.
 * Without a call graph or a symptom only `timing` applies.
 */
import {
	anomalousBelow,
	isAnomalous,
	startedBefore,
	type MethodContext,
	type MethodResult
} from './context';

const UNREACHED = 0.5;
const LATE = 0.7;
const EARLIER = 0.5;

interface Below {
	/** The most anomalous service below, and its anomaly. */
	service?: string;
	anomaly: number;
	/** A service below that left its baseline before this one did, if any. */
	earlier?: string;
}

/** What lies below `s` through anomalous callees: the strongest anomaly, and an earlier one. */
function below(ctx: MethodContext, s: string): Below {
	let best: Below = { anomaly: 0 };
	for (const v of anomalousBelow(ctx, s)) {
		const a = ctx.anomaly.get(v) ?? 0;
		if (a > best.anomaly) best = { ...best, service: v, anomaly: a };
		if (!best.earlier && startedBefore(ctx, v, s)) best.earlier = v;
	}
	return best;
}

/**
 * Services reached from the symptom's service through anomalous callees. When that service is not
 * part of the call graph (its golden signals come from a load balancer the traces do not see), the
 * walk starts at every entry service of the graph instead.
 */
export function reachable(ctx: MethodContext, start: string): Set<string> {
	const g = ctx.graph!;
	const starts =
		g.calleesOf(start).size || g.callersOf(start).size
			? [start]
			: [...g.nodes].filter((n) => g.isEntry(n));
	const seen = new Set([start, ...starts]);
	const stack = [...starts];
	while (stack.length) {
		for (const v of ctx.graph!.calleesOf(stack.pop()!)) {
			if (seen.has(v)) continue;
			seen.add(v);
			if (isAnomalous(ctx, v)) stack.push(v);
		}
	}
	return seen;
}

export function traversal(ctx: MethodContext): MethodResult {
	const scores = new Map<string, number>();
	const reasons = new Map<string, string>();
	const g = ctx.graph && ctx.graph.edgeCount > 0 ? ctx.graph : undefined;
	const sym = ctx.symptom;
	const reach = g && sym ? reachable(ctx, sym.service) : undefined;
	for (const s of ctx.services) {
		const own = ctx.anomaly.get(s) ?? 0;
		const why: string[] = [];
		let f = 1;
		if (reach && !reach.has(s)) {
			f *= UNREACHED;
			why.push(`not reached from ${sym!.service} through anomalous callees`);
		}
		if (g) {
			const b = below(ctx, s);
			if (b.earlier) {
				f *= EARLIER;
				why.push(
					`${b.earlier}, below it, left its baseline earlier: its anomaly can explain this one`
				);
			} else if (b.service && b.anomaly > own) {
				f *= own / b.anomaly;
				why.push(`its callee ${b.service} is more anomalous (it may only be waiting on it)`);
			}
		}
		const on = ctx.onset.get(s);
		const symStep = ctx.onsetStep.get(sym?.service ?? '') ?? 0;
		const tie = Math.max(ctx.onsetStep.get(s) ?? 0, symStep);
		if (sym?.onset !== undefined && on !== undefined && on > sym.onset + tie && s !== sym.service) {
			f *= LATE;
			why.push('it left its baseline after the symptom did');
		}
		scores.set(s, own * f);
		reasons.set(s, why.length ? why.join('; ') : 'nothing below it explains its anomaly');
	}
	const note =
		!g || !sym ? 'traversal needs a call graph and a symptom; only timing was used' : undefined;
	return { scores, reasons, note };
}
