/** Synthetic, realistic-looking incident data for the storage benchmark (deterministic). */
import type { Bundle, LogTable, Series } from '../../workers/bundle/types';
import { BUNDLE_FORMAT } from '../../workers/bundle/types';
import { emptySpanTable } from '../../workers/bundle/span-table';

export const SERVICES = ['edge', 'api', 'auth', 'cart', 'payments', 'db'];
const METRICS = [
	'latency_ms',
	'throughput_rpm',
	'db_lock_ms',
	'pool_wait_ms',
	'error_rate',
	'cpu_pct',
	'mem_mb'
];
const T0 = Date.UTC(2024, 5, 1);

function rng(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function bundleOf(id: string, series: Series[], logs: LogTable, end: number): Bundle {
	return {
		manifest: {
			format: BUNDLE_FORMAT,
			version: 1,
			id,
			title: id,
			services: SERVICES,
			timeRange: { start: T0, end },
			timezone: 'UTC',
			onset: T0 + (end - T0) / 2,
			baseline: { start: T0, end: T0 + (end - T0) / 4 }
		},
		series,
		logs,
		traces: emptySpanTable(),
		events: [],
		topology: [],
		annotations: []
	};
}

const emptyLogs = (): LogTable => ({
	length: 0,
	t: new Float64Array(0),
	level: new Uint8Array(0),
	service: new Uint16Array(0),
	services: SERVICES,
	message: [],
	extra: []
});

/** `count` series of `points` points, 1 s apart, random walks with a gap every 1000 points. */
export function metricsBundle(count: number, points: number): Bundle {
	const rnd = rng(42);
	const series: Series[] = [];
	for (let k = 0; k < count; k++) {
		const service = SERVICES[k % SERVICES.length];
		const metric = METRICS[Math.floor(k / SERVICES.length) % METRICS.length];
		const t = new Float64Array(points);
		const v = new Float64Array(points);
		let x = 100;
		for (let i = 0; i < points; i++) {
			t[i] = T0 + i * 1000;
			x = Math.max(0, x + (rnd() - 0.5) * 4);
			v[i] = i % 1000 === 999 ? NaN : x;
		}
		series.push({ key: `${service}.${metric}#${k}`, service, metric, unit: 'ms', t, v });
	}
	return bundleOf('bench-metrics', series, emptyLogs(), T0 + (points - 1) * 1000);
}

const PATHS = [
	'/api/v1/cart/items',
	'/api/v1/checkout',
	'/auth/token',
	'/api/v1/payments/charge',
	'/healthz'
];
const VERBS = ['GET', 'POST', 'PUT'];
const STATUS = [200, 200, 200, 201, 204, 404, 429, 500, 503];

/** `n` log lines over `spanMs`: ~80-character request/diagnostic messages, extras on 10 %. */
export function logsBundle(n: number, spanMs: number): Bundle {
	const rnd = rng(7);
	const logs: LogTable = { ...emptyLogs(), length: n };
	logs.t = new Float64Array(n);
	logs.level = new Uint8Array(n);
	logs.service = new Uint16Array(n);
	logs.message = new Array<string>(n);
	logs.extra = new Array<string>(n);
	for (let i = 0; i < n; i++) {
		logs.t[i] = T0 + Math.floor((i / n) * spanMs);
		const r = rnd();
		logs.level[i] = r < 0.05 ? 1 : r < 0.8 ? 2 : r < 0.95 ? 3 : 4;
		logs.service[i] = Math.floor(rnd() * SERVICES.length);
		const ms = Math.floor(rnd() * 900);
		const status = STATUS[Math.floor(rnd() * STATUS.length)];
		const user = Math.floor(rnd() * 1e5);
		logs.message[i] =
			logs.level[i] >= 3
				? `upstream db-${i % 4} slow: pool wait ${ms}ms exceeded budget for user u${user} (retry ${i % 3})`
				: `${VERBS[i % 3]} ${PATHS[i % PATHS.length]}?user=u${user} ${status} in ${ms}ms trace=${(i * 2654435761) >>> 0}`;
		logs.extra[i] =
			i % 10 === 0
				? JSON.stringify({
						trace_id: `t${(i * 40503) >>> 0}`,
						region: 'eu-west-1',
						pod: `api-${i % 17}`
					})
				: '';
	}
	return bundleOf('bench-logs', [], logs, T0 + spanMs);
}
