/**
 * Root-cause ranking. Every candidate series is scored by robust baseline-vs-incident statistics
 * (robust.ts). Services are then ordered so that causes come before symptoms: a service is a
 * "source" when it is anomalous and nothing it depends on is (dependencies from the topology,
 * caller -> callee, and from causal edges, cause -> effect). Sources rank first, by score; then the
 * other anomalous services (fewest anomalous dependencies first), then the rest. Within a service,
 * the metric that left its baseline first leads (ties: score). The standardised effect of each
 * candidate on a symptom series (incident window) is attached as its impact score.
 */
import { ols } from './ols';
import { robustScore, type RobustScore } from './robust';

/** One candidate series with its two windows. */
export interface RcaSeries {
	key: string;
	service: string;
	metric: string;
	baseline: Float64Array;
	incident: Float64Array;
	/** Times of the incident values (epoch ms); lets onsets be compared across sampling rates. */
	incidentT?: Float64Array;
}

/** Input of the ranking. */
export interface RcaInput {
	series: RcaSeries[];
	/** Call graph, caller -> callee (callee problems propagate to callers). */
	topology?: { from: string; to: string }[];
	/** Causal edges between services, cause -> effect (e.g. from a PC graph). */
	causal?: { from: string; to: string }[];
	/** Series key of the symptom; its impact score is attached to candidates. */
	symptom?: string;
	/** |z| from which a series counts as anomalous (default 3). */
	threshold?: number;
}

/** Evidence attached to a ranked candidate. */
export interface RcaEvidence {
	baselineMedian: number;
	/** Scale used (IQR, or the fallback named in scaleKind). */
	baselineScale: number;
	scaleKind: RobustScore['baseline']['scaleKind'];
	incidentMedian: number;
	/** Signed robust z of the most extreme incident point. */
	peakZ: number;
	/** Index in the incident window where |z| first stayed above the threshold (-1 = never). */
	firstExceed: number;
	/** Time of that point (epoch ms) when the series has times. */
	onsetT?: number;
	/** Anomalous dependencies of this service (empty for a source). */
	anomalousUpstream: string[];
	/** True when nothing this service depends on is anomalous. */
	isSource: boolean;
	/** Standardised effect on the symptom (SDs of symptom per SD of this series), if computed. */
	impact?: number;
	/** Why it is where it is, in words. */
	reason: string;
}

/** A ranked candidate. */
export interface RcaCandidate {
	service: string;
	metric: string;
	key: string;
	score: number;
	evidence: RcaEvidence;
}

function dependencies(input: RcaInput): Map<string, Set<string>> {
	const deps = new Map<string, Set<string>>();
	const add = (s: string, d: string) => {
		if (s !== d) (deps.get(s) ?? deps.set(s, new Set()).get(s)!).add(d);
	};
	for (const e of input.topology ?? []) add(e.from, e.to);
	for (const e of input.causal ?? []) add(e.to, e.from);
	return deps;
}

/** Anomalous services reachable through dependencies (transitively). */
function anomalousUpstream(
	service: string,
	deps: Map<string, Set<string>>,
	anomalous: Set<string>
): string[] {
	const seen = new Set<string>([service]);
	const stack = [service];
	const out: string[] = [];
	while (stack.length) {
		for (const d of deps.get(stack.pop()!) ?? []) {
			if (seen.has(d)) continue;
			seen.add(d);
			if (anomalous.has(d)) out.push(d);
			stack.push(d);
		}
	}
	return out;
}

const standardisedEffect = (x0: Float64Array, y0: Float64Array): number | undefined => {
	const keep = Array.from(x0.keys()).filter(
		(i) => Number.isFinite(x0[i]) && Number.isFinite(y0[i])
	);
	const x = Float64Array.from(keep, (i) => x0[i]);
	const y = Float64Array.from(keep, (i) => y0[i]);
	const sd = (a: Float64Array) => {
		const m = a.reduce((s, v) => s + v, 0) / a.length;
		return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
	};
	if (x.length !== y.length || x.length < 4 || sd(x) === 0 || sd(y) === 0) return undefined;
	try {
		return (ols(y, [x], ['x']).coef[1] * sd(x)) / sd(y);
	} catch {
		return undefined;
	}
};

export function rankRootCauses(input: RcaInput): RcaCandidate[] {
	const threshold = input.threshold ?? 3;
	const scored = input.series.map((s) => ({
		s,
		r: robustScore(s.baseline, s.incident, threshold)
	}));
	const serviceScore = new Map<string, number>();
	for (const { s, r } of scored)
		serviceScore.set(s.service, Math.max(serviceScore.get(s.service) ?? 0, r.score));
	const anomalous = new Set([...serviceScore].filter(([, v]) => v >= threshold).map(([k]) => k));
	const deps = dependencies(input);
	const upstream = new Map(
		[...serviceScore.keys()].map((svc) => [svc, anomalousUpstream(svc, deps, anomalous)])
	);
	const isSource = (svc: string) => anomalous.has(svc) && upstream.get(svc)!.length === 0;
	const symptom = input.series.find((s) => s.key === input.symptom);
	const onset = ({ s, r }: { s: RcaSeries; r: RobustScore }) =>
		r.firstExceed < 0 ? Infinity : (s.incidentT?.[r.firstExceed] ?? r.firstExceed);
	const order = (svc: string) => (isSource(svc) ? 0 : anomalous.has(svc) ? 1 : 2);
	scored.sort((a, b) => {
		const sa = a.s.service;
		const sb = b.s.service;
		if (order(sa) !== order(sb)) return order(sa) - order(sb);
		// Among symptoms, the fewer anomalous dependencies, the closer to the origin.
		const depth = upstream.get(sa)!.length - upstream.get(sb)!.length;
		if (sa !== sb)
			return depth || serviceScore.get(sb)! - serviceScore.get(sa)! || (sa < sb ? -1 : 1);
		return onset(a) - onset(b) || b.r.score - a.r.score;
	});
	return scored.map(({ s, r }) => {
		const up = upstream.get(s.service)!;
		const source = isSource(s.service);
		const both = symptom && symptom !== s ? concat(s, symptom) : undefined;
		const reason = !anomalous.has(s.service)
			? `No series of ${s.service} left its baseline by ${threshold} robust SDs.`
			: source
				? `${s.service} is anomalous and nothing it depends on is: a likely origin.`
				: `${s.service} is anomalous but depends on anomalous ${up.join(', ')}: more likely a symptom.`;
		return {
			service: s.service,
			metric: s.metric,
			key: s.key,
			score: r.score,
			evidence: {
				baselineMedian: r.baseline.median,
				baselineScale: r.baseline.scale,
				scaleKind: r.baseline.scaleKind,
				incidentMedian: r.incidentMedian,
				peakZ: r.peakZ,
				firstExceed: r.firstExceed,
				onsetT: r.firstExceed >= 0 ? s.incidentT?.[r.firstExceed] : undefined,
				anomalousUpstream: up,
				isSource: source,
				impact: both ? standardisedEffect(both[0], both[1]) : undefined,
				reason
			}
		};
	});
}

/** Incident values of a candidate and of the symptom, paired by nearest time (or by index). */
function concat(a: RcaSeries, b: RcaSeries): [Float64Array, Float64Array] | undefined {
	const bt = b.incidentT;
	if (!a.incidentT || !bt || bt.length === 0) {
		return a.incident.length === b.incident.length ? [a.incident, b.incident] : undefined;
	}
	const ys = Float64Array.from(a.incidentT, (t) => {
		let lo = 0;
		let hi = bt.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (bt[mid] < t) lo = mid + 1;
			else hi = mid;
		}
		const best = lo > 0 && Math.abs(bt[lo - 1] - t) < Math.abs(bt[lo] - t) ? lo - 1 : lo;
		return b.incident[best];
	});
	return [a.incident, ys];
}
