/**
 * Personalised random walk on the anomaly-weighted call graph (the MicroRCA / MicroCause /
 * CloudRanger family: Wu et al., NOMS 2020; Meng et al., IWQoS 2020; Wang et al., CCGRID 2018).
 * A walker starts at the symptom's service and moves towards callees in proportion to how
 * anomalous they are, back to callers with a small probability, and stays put where the service
 * is more anomalous than anything it calls; it restarts (15 %) at services in proportion to their
 * anomaly. Services where the walker spends the most time rank first. Anomalies enter as their
 * evidence (log(1 + z), signals.ts), so one enormous deviation cannot swallow the walk.
 */
import type { MethodContext, MethodResult } from './context';

const RESTART = 0.15;
const ITERATIONS = 200;

export function randomWalk(ctx: MethodContext): MethodResult {
	const g = ctx.graph;
	const nodes = [...new Set([...ctx.services, ...(g?.nodes ?? [])])];
	const idx = new Map(nodes.map((n, i) => [n, i]));
	const w = nodes.map((n) => ctx.anomaly.get(n) ?? 0);
	const scores = new Map<string, number>();
	const reasons = new Map<string, string>();
	if (!g || g.edgeCount === 0) {
		for (const s of ctx.services) scores.set(s, w[idx.get(s)!]);
		return {
			scores,
			reasons,
			note: 'the random walk needs a call graph; it fell back to anomaly order'
		};
	}
	// Row-stochastic transitions as sparse lists.
	const out: { to: number; p: number }[][] = nodes.map((n, i) => {
		const next: { to: number; p: number }[] = [];
		let maxBelow = 0;
		for (const c of g.calleesOf(n)) {
			const j = idx.get(c)!;
			next.push({ to: j, p: w[j] });
			maxBelow = Math.max(maxBelow, w[j]);
		}
		for (const p of g.callersOf(n)) {
			const j = idx.get(p)!;
			next.push({ to: j, p: ctx.settings.walkBack * w[j] });
		}
		next.push({ to: i, p: Math.max(0, w[i] - maxBelow) });
		const sum = next.reduce((s, e) => s + e.p, 0);
		return sum > 0 ? next.map((e) => ({ to: e.to, p: e.p / sum })) : [];
	});
	const total = w.reduce((s, v) => s + v, 0);
	const restart = total > 0 ? w.map((v) => v / total) : w.map(() => 1 / nodes.length);
	let pi = new Float64Array(nodes.length);
	const start = ctx.symptom ? idx.get(ctx.symptom.service) : undefined;
	if (start !== undefined) pi[start] = 1;
	else pi.set(restart);
	for (let it = 0; it < ITERATIONS; it++) {
		const next = new Float64Array(nodes.length);
		for (let i = 0; i < nodes.length; i++) {
			const mass = pi[i] * (1 - RESTART);
			if (out[i].length === 0) for (let j = 0; j < nodes.length; j++) next[j] += mass * restart[j];
			else for (const e of out[i]) next[e.to] += mass * e.p;
		}
		for (let j = 0; j < nodes.length; j++) next[j] += RESTART * restart[j];
		pi = next;
	}
	for (const s of ctx.services) {
		const p = pi[idx.get(s)!];
		scores.set(s, p);
		reasons.set(
			s,
			`the walk from ${ctx.symptom?.service ?? 'the anomalous services'} spends ${(100 * p).toFixed(1)} % of its time here`
		);
	}
	return { scores, reasons };
}
