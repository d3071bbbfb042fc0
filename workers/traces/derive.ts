/**
 * What spans tell the root-cause ranking, as ordinary series and edges:
 * - the call graph: a span whose parent belongs to another service is a call parent → child;
 * - per service and time bucket: p50 / p90 latency of its entry spans (requests it served),
 *   requests served, errors (when the spans carry a status), mean self time per request (time
 *   not spent in child spans, leaving out spans that wait on another service), and the network time of calls into it: how much longer
 *   the caller waited than the callee worked (a callee behind a slow link shows it here, not in
 *   its own spans).
 * Buckets that saw no span at all are gaps, not zeros (traces are often kept only around incidents).
 */
import type { Series, SpanTable, TopologyEdge } from '../bundle/types';
import { activeBuckets, chooseStep, coveredDuration } from '../shared/buckets';
import { quantileSorted } from '../rca/score';

export interface TraceDerived {
	/** Caller → callee service edges, each with its call count. */
	edges: (TopologyEdge & { calls: number })[];
	series: Series[];
	/** Bucket width used, ms. */
	step: number;
}

const ERROR = 2;

/** Per service and bucket, the values to summarise. */
class Acc {
	readonly latency = new Map<number, number[]>();
	readonly gap = new Map<number, number[]>();
	readonly self = new Map<number, number>();
	readonly errors = new Map<number, number>();
	readonly spans = new Map<number, number>();
	push(m: Map<number, number[]>, b: number, v: number) {
		(m.get(b) ?? m.set(b, []).get(b)!).push(v);
	}
	add(m: Map<number, number>, b: number, v: number) {
		m.set(b, (m.get(b) ?? 0) + v);
	}
}

export function deriveFromSpans(spans: SpanTable, step?: number): TraceDerived {
	const n = spans.length;
	if (n === 0) return { edges: [], series: [], step: step ?? 60_000 };
	const width = step ?? chooseStep(coveredDuration(spans.start), 24);
	const byId = new Map<string, number>();
	for (let i = 0; i < n; i++) byId.set(`${spans.traceId[i]}/${spans.spanId[i]}`, i);
	const parent = Int32Array.from({ length: n }, (_, i) =>
		spans.parentId[i] ? (byId.get(`${spans.traceId[i]}/${spans.parentId[i]}`) ?? -1) : -1
	);
	const childTime = new Float64Array(n);
	// A span that waits on another service (a client span) spends its own time on the wire: that
	// time is the callee's network latency below, not the caller's self time.
	const remoteChild = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const p = parent[i];
		if (p < 0) continue;
		childTime[p] += spans.duration[i];
		if (spans.service[p] !== spans.service[i]) remoteChild[p] = 1;
	}
	const hasStatus = spans.status.some((s) => s !== 0);
	const acc = spans.services.map(() => new Acc());
	const edgeCalls = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		const s = spans.service[i];
		const a = acc[s];
		const b = Math.floor(spans.start[i] / width) * width;
		const p = parent[i];
		a.add(a.spans, b, 1);
		if (!remoteChild[i]) a.add(a.self, b, Math.max(0, spans.duration[i] - childTime[i]));
		if (hasStatus) a.add(a.errors, b, spans.status[i] === ERROR ? 1 : 0);
		const entry = p < 0 || spans.service[p] !== s;
		if (!entry) continue;
		a.push(a.latency, b, spans.duration[i]);
		if (p >= 0) {
			const key = `${spans.services[spans.service[p]]}\u0000${spans.services[s]}`;
			edgeCalls.set(key, (edgeCalls.get(key) ?? 0) + 1);
			a.push(a.gap, b, Math.max(0, spans.duration[p] - spans.duration[i]));
		}
	}
	const buckets = activeBuckets(spans.start, width);
	const series: Series[] = [];
	spans.services.forEach((service, k) =>
		series.push(...seriesOf(service, acc[k], buckets, hasStatus))
	);
	const edges = [...edgeCalls].map(([key, calls]) => {
		const [from, to] = key.split('\u0000');
		return { from, to, calls };
	});
	return { edges, series, step: width };
}

function seriesOf(service: string, a: Acc, buckets: Float64Array, hasStatus: boolean): Series[] {
	const make = (metric: string, unit: string | undefined, f: (b: number) => number): Series => ({
		key: `${service}.${metric}`,
		service,
		metric,
		unit,
		t: buckets,
		v: Float64Array.from(buckets, f)
	});
	const q = (m: Map<number, number[]>, p: number) => (b: number) => {
		const v = m.get(b);
		return v ? quantileSorted(Float64Array.from(v).sort(), p) : NaN;
	};
	const requests = (b: number) => a.latency.get(b)?.length ?? 0;
	const out = [
		make('trace_latency_p50_ms', 'ms', q(a.latency, 0.5)),
		make('trace_latency_p90_ms', 'ms', q(a.latency, 0.9)),
		make('trace_requests', undefined, requests),
		make('trace_self_time_ms', 'ms', (b) =>
			requests(b) ? (a.self.get(b) ?? 0) / requests(b) : NaN
		)
	];
	if (a.gap.size) out.push(make('trace_network_latency_ms', 'ms', q(a.gap, 0.5)));
	if (hasStatus) out.push(make('trace_errors', undefined, (b) => a.errors.get(b) ?? 0));
	// A service that served nothing in the whole bundle has no latency to speak of.
	return out.filter((s) => s.v.some((x) => Number.isFinite(x) && x !== 0));
}
