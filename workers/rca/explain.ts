/**
 * Turns method scores into candidates a person can check: the evidence chain from the symptom to
 * each service (`edge.latency_ms (edge) ← api ← db ← host-b4`), the reasons each method gave, and
 * for every service but the first, why it is not first.
 */
import { isAnomalous, type MethodContext, type MethodResult } from './methods/context';
import { FLOW_QUANTITY } from './methods/flows';
import { signalText } from '../shared/signal-text';
import type {
	QuantitySignal,
	RcaMethod,
	RcaResult,
	RcaSettings,
	RcaWindows,
	ServiceCandidate
} from './types';

interface ExplainInput {
	ctx: MethodContext;
	method: RcaMethod;
	ranked: string[];
	final: MethodResult;
	parts: Partial<Record<RcaMethod, MethodResult>>;
	notes: string[];
	windows: RcaWindows;
	settings: RcaSettings;
}

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 19);

function chainOf(ctx: MethodContext, s: string, path: string[] | undefined): string {
	const sym = ctx.symptom;
	if (!sym) return `${s}: no symptom to explain; ranked by its own evidence`;
	const head = `${sym.key} (${sym.service})`;
	if (s === sym.service) return `${head}: the symptom's own service`;
	if (path) return [head, ...path.slice(1)].join(' ← ');
	return ctx.graph
		? `${head} ← ? ← ${s}: no call path from ${sym.service}`
		: `${head} ← ? ← ${s}: no call graph`;
}

function whyNotFirst(
	ctx: MethodContext,
	c: ServiceCandidate,
	first: ServiceCandidate,
	threshold: number
): string {
	const why: string[] = [];
	const a = c.signals[0]?.score ?? 0;
	const f = first.signals[0]?.score ?? 0;
	if (!isAnomalous(ctx, c.service))
		why.push(
			`${c.service} never left its baseline by ${threshold} robust SDs (largest z ${a.toFixed(1)})`
		);
	else if ((ctx.anomaly.get(c.service) ?? 0) < (ctx.anomaly.get(first.service) ?? 0))
		why.push(
			`its evidence (strongest: z ${a.toFixed(1)}) is weaker than ${first.service}'s (strongest: z ${f.toFixed(1)})`
		);
	if (ctx.graph?.path(c.service, first.service, (s) => isAnomalous(ctx, s)))
		why.push(
			`it calls ${first.service} (directly or through others), so ${first.service}'s anomaly can explain its own`
		);
	if (c.onset !== undefined && first.onset !== undefined && first.onset < c.onset)
		why.push(`${first.service} left its baseline first (${hhmm(first.onset)} vs ${hhmm(c.onset)})`);
	if (ctx.symptom && first.path && !c.path && c.service !== ctx.symptom.service)
		why.push(`${first.service} has a call path to the symptom and it has none`);
	const beaten = Object.entries(c.methodRanks)
		.filter(
			([m, r]) =>
				m !== 'ensemble' && r !== undefined && (first.methodRanks[m as RcaMethod] ?? Infinity) < r
		)
		.map(([m]) => m);
	if (beaten.length) why.push(`${first.service} ranks above it under ${beaten.join(', ')}`);
	return why.length
		? `${c.service} is #${c.rank}, not #1: ${why.join('; ')}.`
		: `${c.service} ties closely with ${first.service}.`;
}

export function explain(x: ExplainInput): RcaResult {
	const { ctx, ranked, parts } = x;
	const orders = Object.fromEntries(
		Object.entries(parts).map(([m, r]) => [
			m,
			new Map(
				[...ranked]
					.sort(
						(p, q) =>
							(r!.scores.get(q) ?? 0) - (r!.scores.get(p) ?? 0) ||
							ranked.indexOf(p) - ranked.indexOf(q)
					)
					.map((s, i) => [s, i + 1])
			)
		])
	) as Partial<Record<RcaMethod, Map<string, number>>>;
	const candidates: ServiceCandidate[] = ranked.map((s, i) => {
		const signals = leadWithFlow(ctx.signals.byService.get(s) ?? [], ctx.settings.threshold);
		const path =
			ctx.symptom && ctx.graph
				? ctx.graph.path(ctx.symptom.service, s, (n) => isAnomalous(ctx, n))
				: undefined;
		const reasons: string[] = [];
		const top = signals[0];
		if (top)
			reasons.push(
				`strongest evidence: ${signalText(top)}${top.outsideReference ? ', compared with its data outside the incident (none in the baseline)' : ''}${top.drift >= 0.5 ? `, after removing a drift of z ${top.drift.toFixed(1)} already present before the incident` : ''}`
			);
		const onset = ctx.onset.get(s);
		if (onset !== undefined && ctx.symptom?.onset !== undefined && s !== ctx.symptom.service)
			reasons.push(
				onset <= ctx.symptom.onset
					? `left its baseline at ${hhmm(onset)}, before the symptom (${hhmm(ctx.symptom.onset)})`
					: `left its baseline at ${hhmm(onset)}, after the symptom (${hhmm(ctx.symptom.onset)})`
			);
		for (const [m, r] of Object.entries(parts)) {
			const why = r?.reasons.get(s);
			if (why) reasons.push(`${m}: ${why}`);
		}
		// The final order's own reason (time order below it), when it differs from every method's.
		const own = x.final.reasons.get(s);
		if (own && !Object.values(parts).some((p) => p?.reasons.get(s) === own)) reasons.unshift(own);
		const methodRanks = Object.fromEntries(Object.entries(orders).map(([m, o]) => [m, o!.get(s)]));
		if (x.method === 'ensemble') methodRanks.ensemble = i + 1;
		return {
			rank: i + 1,
			service: s,
			score: x.final.scores.get(s) ?? 0,
			anomaly: ctx.anomaly.get(s) ?? 0,
			onset,
			signals,
			path,
			chain: chainOf(ctx, s, path),
			reasons,
			methodRanks,
			whyNotFirst: ''
		};
	});
	for (const c of candidates.slice(1))
		c.whyNotFirst = whyNotFirst(ctx, c, candidates[0], x.settings.threshold);
	return {
		method: x.method,
		windows: x.windows,
		symptom: ctx.symptom,
		candidates,
		graph: {
			edges: ctx.graph?.edgeCount ?? 0,
			source: !ctx.graph ? 'none' : ctx.causal?.length ? 'topology+causal' : 'topology',
			causalEdges: ctx.causal?.length ?? 0
		},
		notes: x.notes,
		settings: x.settings
	};
}

/**
 * A broken request flow is the most specific evidence a service can have (it names the statement
 * that went missing or appeared), and the evidence the `flows` vote rests on: it leads the
 * service's signals when it counts as broken, even where a noisier series has a larger z.
 */
function leadWithFlow(signals: QuantitySignal[], threshold: number): QuantitySignal[] {
	const k = signals.findIndex((q) => q.quantity === FLOW_QUANTITY && q.score >= threshold);
	return k <= 0 ? signals : [signals[k], ...signals.slice(0, k), ...signals.slice(k + 1)];
}
