/** What every ranking method sees, and the one way they report: a score per service (higher first). */
import type { ServiceGraph } from '../graph';
import { evidence } from '../signals';
import type { SignalSet } from '../signals';
import type { RcaSettings, RcaWindows, ServiceEdge, SymptomInfo } from '../types';

export interface MethodContext {
	/** Candidate services: every service with at least one scored series. */
	services: string[];
	signals: SignalSet;
	/** Each service's anomaly (largest weighted quantity score). */
	anomaly: Map<string, number>;
	/** Each service's onset (earliest threshold crossing), if any. */
	onset: Map<string, number | undefined>;
	/** Sampling step behind each onset (ms): two onsets closer than the coarser step are a tie. */
	onsetStep: Map<string, number>;
	/** Call graph, when the bundle has one (topology.json or spans). */
	graph?: ServiceGraph;
	/** Causal edges (cause → effect), when given. */
	causal?: ServiceEdge[];
	symptom?: SymptomInfo;
	settings: RcaSettings;
	/** The windows compared. */
	windows?: RcaWindows;
	/** A whole series by key, for methods that fit models (causal). */
	series?: (key: string) => { t: Float64Array; v: Float64Array } | undefined;
}

/** Scores of one method, and sentences explaining them per service. */
export interface MethodResult {
	scores: Map<string, number>;
	reasons: Map<string, string>;
	/** Said once about the whole run (e.g. "no call graph: fell back to anomaly order"). */
	note?: string;
}

/** Services in order: score, then anomaly, then name (stable and explainable). */
export function order(ctx: MethodContext, scores: Map<string, number>): string[] {
	return [...ctx.services].sort(
		(a, b) =>
			(scores.get(b) ?? 0) - (scores.get(a) ?? 0) ||
			(ctx.anomaly.get(b) ?? 0) - (ctx.anomaly.get(a) ?? 0) ||
			(a < b ? -1 : a > b ? 1 : 0)
	);
}

/** True when `a` left its baseline before `b` by more than either onset's sampling step. */
export function startedBefore(ctx: MethodContext, a: string, b: string): boolean {
	const ta = ctx.onset.get(a);
	const tb = ctx.onset.get(b);
	if (ta === undefined || tb === undefined) return false;
	const tie = Math.max(ctx.onsetStep.get(a) ?? 0, ctx.onsetStep.get(b) ?? 0);
	return ta + tie < tb;
}

/** Anomalous services below `s` in the call graph, reached through anomalous callees only. */
export function anomalousBelow(ctx: MethodContext, s: string): string[] {
	const g = ctx.graph;
	if (!g) return [];
	const out: string[] = [];
	const seen = new Set([s]);
	const stack = [s];
	while (stack.length) {
		for (const v of g.calleesOf(stack.pop()!)) {
			if (seen.has(v) || !isAnomalous(ctx, v)) continue;
			seen.add(v);
			stack.push(v);
			out.push(v);
		}
	}
	return out;
}

export const isAnomalous = (ctx: MethodContext, s: string) =>
	(ctx.anomaly.get(s) ?? 0) >= evidence(ctx.settings.threshold);
