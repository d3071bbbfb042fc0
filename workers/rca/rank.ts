/**
 * Root-cause ranking of services: series → per-service signals → the chosen method (or the
 * ensemble of all) → candidates with their evidence chain and the reasons for their place.
 * Pure: runs in the causal worker, in the CLI and in tests alike.
 */
import { explain } from './explain';
import { ServiceGraph } from './graph';
import { baro } from './methods/baro';
import { causalMethod } from './methods/causal';
import { order, type MethodContext, type MethodResult } from './methods/context';
import { applyPrecedence } from './precedence';
import { fuse } from './methods/ensemble';
import { flows } from './methods/flows';
import { randomWalk } from './methods/random-walk';
import { traversal } from './methods/traversal';
import { mergeSettings } from './settings';
import { anomalyOf, buildSignals, onsetOf } from './signals';
import { resolveSymptom } from './symptom';
import type { RankRequest, RcaMethod, RcaResult } from './types';

type Single = Exclude<RcaMethod, 'ensemble'>;
const METHODS: Record<Single, (ctx: MethodContext) => MethodResult | Promise<MethodResult>> = {
	baro,
	traversal,
	'random-walk': randomWalk,
	flows,
	causal: causalMethod
};

/**
 * Scores that agree with the order: a service moved below the one that explains it gets the
 * midpoint between its new neighbours, so the score column is the sort order, always.
 */
function monotone(
	ranked: string[],
	scores: Map<string, number>,
	moved: Map<string, string>
): Map<string, number> {
	const out = new Map<string, number>();
	let prev = Infinity;
	ranked.forEach((s, i) => {
		let v = scores.get(s) ?? 0;
		if (moved.has(s) || v > prev) {
			const next = ranked.slice(i + 1).find((n) => !moved.has(n));
			const low = Math.min(next !== undefined ? (scores.get(next) ?? 0) : 0, prev);
			v = Number.isFinite(prev) ? (prev + low) / 2 : v;
		}
		out.set(s, v);
		prev = v;
	});
	return out;
}

function mergeReasons(a: Map<string, string>, b: Map<string, string>): Map<string, string> {
	const out = new Map(a);
	for (const [k, v] of b) out.set(k, out.has(k) ? `${v}; ${out.get(k)}` : v);
	return out;
}

export async function rankServices(req: RankRequest): Promise<RcaResult> {
	const settings = mergeSettings(req.settings);
	const method = req.method ?? 'ensemble';
	const signals = buildSignals(req.series, req.windows, settings, req.evidence);
	const services = [...signals.byService.keys()].sort();
	// A causal edge cause → effect is a dependency like callee → caller: the effect "calls" the cause.
	const edges = [
		...(req.topology ?? []),
		...(req.causal ?? []).map((e) => ({ from: e.to, to: e.from }))
	];
	const graph = edges.length ? new ServiceGraph(edges, services) : undefined;
	const symptom = resolveSymptom(
		req.symptom,
		req.series.map((s) => s.key),
		signals,
		graph
	);
	const byKey = new Map(req.series.map((s) => [s.key, s]));
	const onsets = new Map(
		services.map((s) => [s, onsetOf(signals.byService.get(s), settings.threshold)])
	);
	const ctx: MethodContext = {
		services,
		signals,
		anomaly: new Map(services.map((s) => [s, anomalyOf(signals.byService.get(s), settings)])),
		onset: new Map(services.map((s) => [s, onsets.get(s)?.t])),
		onsetStep: new Map(services.map((s) => [s, onsets.get(s)?.step ?? 0])),
		graph,
		causal: req.causal,
		symptom,
		settings,
		windows: req.windows,
		series: (key) => byKey.get(key)
	};
	const parts: Partial<Record<RcaMethod, MethodResult>> = {};
	const run = async (m: Single) => (parts[m] ??= await METHODS[m](ctx));
	let final: MethodResult;
	if (method === 'ensemble') {
		for (const m of Object.keys(settings.ensembleWeights) as Single[])
			if (settings.ensembleWeights[m]) await run(m);
		final = fuse(ctx, parts);
	} else final = await run(method);
	let ranked = order(ctx, final.scores);
	// BARO stays the plain reference; every graph-aware order respects time order below it.
	if (method !== 'baro') {
		const p = applyPrecedence(ctx, ranked);
		ranked = p.order;
		final = {
			...final,
			scores: monotone(ranked, final.scores, p.moved),
			reasons: mergeReasons(final.reasons, p.moved)
		};
	}
	const notes = [
		...Object.values(parts).flatMap((p) => (p?.note ? [p.note] : [])),
		...signals.skipped.slice(0, 5).map((s) => `left out ${s.key}: ${s.reason}`)
	];
	if (signals.skipped.length > 5)
		notes.push(`… and ${signals.skipped.length - 5} more series left out`);
	return explain({ ctx, method, ranked, final, parts, notes, windows: req.windows, settings });
}
