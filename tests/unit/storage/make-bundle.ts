/**
 * Deterministic synthetic bundles for storage and data tests (built directly, not via the parser).
 */
import type {
	Bundle,
	IncidentEvent,
	LogTable,
	Series,
	SpanTable
} from '../../../workers/bundle/types';
import { BUNDLE_FORMAT, LOG_LEVELS, SPAN_KINDS, SPAN_STATUS } from '../../../workers/bundle/types';
import type { BundleOrigin } from '../../../workers/storage/incident-info';
import { emptySpanTable } from '../../../workers/storage/spans';

export interface BundleSpec {
	id?: string;
	/** Series per service x metric; keys are `${service}.${metric}`. */
	services?: string[];
	metrics?: string[];
	/** Points per series. */
	points?: number;
	/** Log lines. */
	logLines?: number;
	/** Trace spans (default none). */
	spans?: number;
	/** Epoch ms of the first point, and ms between points. */
	start?: number;
	step?: number;
	/** Leave out the manifest baseline. */
	noBaseline?: boolean;
}

export const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);

/** A small deterministic generator so values differ per series but not per run. */
function lcg(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function makeSeries(
	service: string,
	metric: string,
	n: number,
	start: number,
	step: number,
	seed: number
): Series {
	const rnd = lcg(seed);
	const t = new Float64Array(n);
	const v = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		t[i] = start + i * step;
		// Gaps every 97th point, plus some values whose bits must survive exactly.
		v[i] = i % 97 === 13 ? NaN : i % 101 === 7 ? -0 : rnd() * 1000 + 1e-9 * i;
	}
	return {
		key: `${service}.${metric}`,
		service,
		metric,
		unit: metric.endsWith('_ms') ? 'ms' : undefined,
		t,
		v
	};
}

function makeLogs(n: number, services: string[], start: number, span: number): LogTable {
	const rnd = lcg(7);
	const logs: LogTable = {
		length: n,
		t: new Float64Array(n),
		level: new Uint8Array(n),
		service: new Uint16Array(n),
		services,
		message: new Array<string>(n),
		extra: new Array<string>(n)
	};
	for (let i = 0; i < n; i++) {
		// Two lines share each timestamp so equal-time ranges are exercised.
		logs.t[i] = start + Math.floor(((i / n) * span) / 2) * 2;
		logs.level[i] = Math.floor(rnd() * LOG_LEVELS.length);
		logs.service[i] = i % services.length;
		logs.message[i] = `line ${i} — ünïcødé ✓ ${'x'.repeat(i % 40)}`;
		logs.extra[i] = i % 10 === 0 ? JSON.stringify({ req: `r${i}`, ms: i % 500 }) : '';
	}
	return logs;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Traces of 4 spans (a root and three children), sorted by start, with sub-ms times. */
export function makeSpans(n: number, services: string[], start: number, span: number): SpanTable {
	const operations = ['GET /checkout', 'SELECT orders', 'publish order', 'ünïcødé ✓ op'];
	const table = emptySpanTable(n, services, operations);
	for (let i = 0; i < n; i++) {
		const trace = Math.floor(i / 4);
		table.traceId[i] = hex(trace, 32);
		table.spanId[i] = hex(i + 1, 16);
		table.parentId[i] = i % 4 === 0 ? '' : hex(trace * 4 + 1, 16);
		table.service[i] = i % services.length;
		table.operation[i] = i % operations.length;
		// Fractions of a millisecond must survive storage exactly.
		table.start[i] = start + Math.floor((i / n) * span) + 0.123456 * (i % 8);
		table.duration[i] = (i % 13) * 0.25 + 0.001;
		table.status[i] = i % 7 === 0 ? SPAN_STATUS.indexOf('error') : i % 2;
		table.kind[i] = i % SPAN_KINDS.length;
	}
	return table;
}

export function makeBundle(spec: BundleSpec = {}): Bundle {
	const id = spec.id ?? 'inc-1';
	const services = spec.services ?? ['edge', 'api', 'db'];
	const metrics = spec.metrics ?? ['latency_ms', 'throughput_rpm'];
	const points = spec.points ?? 500;
	const start = spec.start ?? T0;
	const step = spec.step ?? 1000;
	const end = start + Math.max(0, points - 1) * step;
	const series: Series[] = [];
	let seed = 1;
	for (const svc of services)
		for (const m of metrics) series.push(makeSeries(svc, m, points, start, step, seed++));
	for (const s of series) if (s.unit === undefined) delete s.unit;
	const events: IncidentEvent[] = [
		{ t: start + 10 * step, kind: 'deploy', title: 'deploy api v2', service: 'api' },
		{
			t: start + 50 * step,
			end: start + 400 * step,
			kind: 'physical',
			title: 'coolant leak',
			attrs: { rack: 'B4' }
		},
		{ t: end, kind: 'alert', title: 'p95 high', detail: 'edge latency above SLO' }
	];
	return {
		manifest: {
			format: BUNDLE_FORMAT,
			version: 1,
			id,
			title: `Incident ${id}`,
			services,
			timeRange: { start, end },
			timezone: 'UTC',
			onset: start + Math.floor(points / 2) * step,
			...(spec.noBaseline
				? {}
				: { baseline: { start, end: start + Math.floor(points / 4) * step } })
		},
		series,
		logs: makeLogs(spec.logLines ?? 300, services, start, end - start),
		traces: makeSpans(spec.spans ?? 0, services, start, end - start),
		events,
		topology: [
			{ from: 'edge', to: 'api' },
			{ from: 'api', to: 'db' }
		],
		groundTruth: {
			service: 'db',
			metric: 'db.latency_ms',
			t: start + 50 * step,
			description: 'leak'
		},
		annotations: [
			{ id: 'a1', t: start + 60 * step, text: 'first alarm', series: 'edge.latency_ms' }
		]
	};
}

export function origin(source = 'test.zip'): BundleOrigin {
	return { contentHash: 'abc123', bytes: 1234, source, warnings: [] };
}
