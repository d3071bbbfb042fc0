/**
 * From series to per-service signals. Each series is classified (classify.ts) and scored against
 * its baseline (score.ts); series of one service that measure one quantity (p50, p90, p99 and
 * mean of the same latency) collapse into one signal, the strongest. A series with no data in
 * the baseline window (logs and traces are often kept only around incidents) is compared with its
 * own data outside the incident window instead, and says so. A deviation that was already there
 * before the incident window began (a slow drift against a far-away baseline) is subtracted.
 */
import { classifyMetric, type MetricClass } from '../shared/classify';
import { medianStep } from '../metrics/resample';
import { detectorOnset } from './detector-onset';
import { badZ, quantileSorted, robustBaseline, scoreSeries } from './score';
import type {
	QuantitySignal,
	RcaSeriesInput,
	RcaSettings,
	RcaWindows,
	Window,
	WindowEvidence
} from './types';

/** Values of a series inside a window (inclusive), with their times. */
function cut(s: RcaSeriesInput, w: Window): { t: number[]; v: number[] } {
	const t: number[] = [];
	const v: number[] = [];
	for (let i = 0; i < s.t.length; i++) {
		if (s.t[i] < w.start || s.t[i] > w.end || !Number.isFinite(s.v[i])) continue;
		t.push(s.t[i]);
		v.push(s.v[i]);
	}
	return { t, v };
}

function outside(s: RcaSeriesInput, w: Window): number[] {
	const v: number[] = [];
	for (let i = 0; i < s.t.length; i++)
		if ((s.t[i] < w.start || s.t[i] > w.end) && Number.isFinite(s.v[i])) v.push(s.v[i]);
	return v;
}

/** Smallest deviation over the last points before the incident window (0 without enough points). */
function driftBefore(
	s: RcaSeriesInput,
	gap: Window,
	base: number[],
	cls: MetricClass,
	st: RcaSettings
): number {
	if (gap.end <= gap.start) return 0;
	const pre = cut(s, gap).v;
	const m = Math.max(3, Math.ceil(0.1 * pre.length));
	if (pre.length < m) return 0;
	const b = robustBaseline(base, cls, st.score);
	return Math.min(...pre.slice(-m).map((v) => badZ(v, b, cls.direction)));
}

/**
 * Evidence carried by a deviation of z spreads: log(1 + z). Beyond a few spreads a larger z is
 * barely more certain, and a percentile that jumps 10,000-fold on a near-idle service must not
 * outweigh a CPU pinned at 100 % plus a 20-fold latency rise.
 */
export const evidence = (z: number): number => Math.log1p(Math.max(0, z));

/** Weight of a quantity in its service's anomaly. */
function weightOf(cls: MetricClass, st: RcaSettings): number {
	const indirect = cls.quantity.startsWith('host:') || cls.quantity === 'latency:client';
	return st.familyWeight[cls.family] * (indirect ? st.indirectWeight : 1);
}

export interface SignalSet {
	/** Every scored quantity, grouped by service, strongest first. */
	byService: Map<string, QuantitySignal[]>;
	/** Per series (for the symptom and the evidence), by key. */
	bySeries: Map<string, QuantitySignal>;
	/** Series left out, with the reason. */
	skipped: { key: string; reason: string }[];
}

export function buildSignals(
	series: RcaSeriesInput[],
	w: RcaWindows,
	st: RcaSettings,
	extra: WindowEvidence[] = []
): SignalSet {
	const bySeries = new Map<string, QuantitySignal>();
	/** Services with a request count that is non-zero somewhere in the two windows. */
	const busy = new Set<string>();
	const skipped: SignalSet['skipped'] = [];
	const gap = { start: w.baseline.end + 1, end: w.incident.start - 1 };
	for (const s of series) {
		const inc = cut(s, w.incident);
		if (inc.v.length === 0) {
			skipped.push({ key: s.key, reason: 'no data in the incident window' });
			continue;
		}
		let base = cut(s, w.baseline).v;
		const outsideReference = base.length < 2;
		if (outsideReference) base = outside(s, w.incident);
		if (base.length < 2) {
			skipped.push({ key: s.key, reason: 'fewer than 2 values to compare with' });
			continue;
		}
		const cls = classifyMetric(s.metric, s.unit);
		if (cls.quantity === 'traffic' && (base.some((v) => v !== 0) || inc.v.some((v) => v !== 0)))
			busy.add(s.service);
		const r = scoreSeries(base, inc.v, cls, st.threshold, st.score);
		// The series' natural step (0 for fewer than two samples).
		const step = medianStep(inc.t) || 0;
		// Far baselines: a deviation present all through the last stretch before the incident
		// window (a slow drift) is not the incident; a previous fault that came and went is not drift.
		const drift = driftBefore(s, gap, base, cls, st);
		const score = Math.max(0, r.score - drift);
		// The onset orders causes before symptoms; with `onsets: 'detector'` it is the shared
		// detector's, for a series this comparison already calls anomalous (detector-onset.ts).
		const own = r.onsetIndex >= 0 ? inc.t[r.onsetIndex] : undefined;
		const onset =
			own !== undefined && st.onsets === 'detector'
				? (detectorOnset(s, w.incident, cls.direction, own) ?? own)
				: own;
		bySeries.set(s.key, {
			service: s.service,
			quantity: cls.quantity,
			family: cls.family,
			score,
			weighted: evidence(score) * weightOf(cls, st),
			key: s.key,
			metric: s.metric,
			peakZ: r.peakZ,
			baselineMedian: r.baseline.median,
			incidentMedian: r.incidentMedian,
			scale: r.baseline.scale,
			scaleKind: r.baseline.scaleKind,
			onset,
			step,
			// Data that only begins after the incident began cannot say when the change began.
			onsetCensored: onset === inc.t[0] && inc.t[0] > w.incident.start + Math.max(step, 1000),
			drift,
			outsideReference
		});
	}
	for (const e of extra) {
		const weight = st.familyWeight[e.family];
		bySeries.set(`${e.service}.${e.metric}`, {
			service: e.service,
			quantity: e.quantity,
			family: e.family,
			score: e.z,
			weighted: evidence(e.z) * weight,
			key: `${e.service}.${e.metric}`,
			metric: e.metric,
			peakZ: e.z,
			baselineMedian: e.expected,
			incidentMedian: e.observed,
			scale: NaN,
			scaleKind: 'floor',
			drift: 0,
			step: 0,
			onsetCensored: true,
			outsideReference: false,
			detail: e.detail
		});
	}
	const byService = new Map<string, QuantitySignal[]>();
	for (const q of bySeries.values()) {
		const list = byService.get(q.service) ?? byService.set(q.service, []).get(q.service)!;
		const same = list.findIndex((x) => x.quantity === q.quantity);
		if (same < 0) list.push(q);
		else if (q.weighted > list[same].weighted) list[same] = q;
	}
	const counted = new Set(
		[...bySeries.values()].filter((q) => q.quantity === 'traffic').map((q) => q.service)
	);
	for (const [service, list] of byService)
		if (counted.has(service) && !busy.has(service)) discountIdle(list, st);
	if (st.peerBaseline) subtractPeers(byService);
	for (const list of byService.values()) list.sort((a, b) => b.weighted - a.weighted);
	return { byService, bySeries, skipped };
}

/**
 * What every service shows is the environment, not a cause: a load change, or a reference period
 * that happened to exercise other code paths, moves the same quantity in most services at once.
 * Each quantity's median evidence over the services that have it (3 or more) is subtracted, so a
 * service counts for how much it stands out from its peers.
 */
function subtractPeers(byService: Map<string, QuantitySignal[]>): void {
	const byQuantity = new Map<string, QuantitySignal[]>();
	for (const list of byService.values())
		for (const q of list)
			(byQuantity.get(q.quantity) ?? byQuantity.set(q.quantity, []).get(q.quantity)!).push(q);
	for (const list of byQuantity.values()) {
		if (list.length < 3) continue;
		const sorted = list.map((q) => q.weighted).sort((a, b) => a - b);
		const median = quantileSorted(sorted, 0.5);
		for (const q of list) q.weighted = Math.max(0, q.weighted - median);
	}
}

/**
 * A service that served nothing in either window (every request count it has is 0 throughout) has
 * latency percentiles and error ratios of no requests: histogram artefacts, not evidence.
 */
function discountIdle(list: QuantitySignal[], st: RcaSettings): void {
	for (const q of list)
		if (q.family === 'latency' || q.family === 'errors') q.weighted *= st.idleWeight;
}

/** A service's anomaly: its strongest weighted quantity plus a share of the next ones (0 when it has none). */
export function anomalyOf(signals: QuantitySignal[] | undefined, st: RcaSettings): number {
	const list = signals ?? [];
	const top = list[0]?.weighted ?? 0;
	// Corroboration: a CPU fault also slows the service and grows its queue; a stray metric
	// does not. The next strongest anomalous quantities add a share of their evidence.
	const bar = evidence(st.threshold);
	const more = list.slice(1, 1 + st.corroborate).filter((q) => q.weighted >= bar);
	return top + st.corroborationWeight * more.reduce((s, q) => s + q.weighted, 0);
}

/** Earliest threshold crossing among the service's anomalous quantities. */
export function onsetOf(
	signals: QuantitySignal[] | undefined,
	threshold: number
): { t: number; step: number } | undefined {
	let best: { t: number; step: number } | undefined;
	for (const q of signals ?? [])
		if (
			q.weighted >= evidence(threshold) &&
			q.onset !== undefined &&
			!q.onsetCensored &&
			(!best || q.onset < best.t)
		)
			best = { t: q.onset, step: q.step };
	return best;
}
