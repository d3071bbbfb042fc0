/**
 * Everything in the demo bundle that is not a series or a log: manifest, events, topology,
 * ground truth and analyst annotations. The alert time is derived from the generated latency so
 * the alert and the chart always agree.
 */
import type { DerivedMoments } from './logs-app';
import type { DemoSeries } from './metrics';
import { ISO, T0, T_END, TIMELINE } from './story';

export const INCIDENT_ID = 'coolant-leak-b4';
export const SERVICES = ['edge', 'api', 'cache', 'db', 'host-b4'];
const MIN = 60_000;

/** First time the 1-minute mean of edge latency exceeds 800 ms, plus the rule's 30 s delay. */
export function deriveMoments(series: DemoSeries[]): DerivedMoments {
	const edge = series.find((s) => s.key === 'edge.latency_ms');
	if (!edge) throw new Error('deriveMoments: edge.latency_ms missing');
	for (let i = 3; i < edge.v.length; i++) {
		const win = Array.from(edge.v.subarray(i - 3, i + 1)).filter((x) => !Number.isNaN(x));
		const mean = win.reduce((a, b) => a + b, 0) / Math.max(1, win.length);
		if (edge.t[i] >= TIMELINE.onset && mean > 800) {
			const alert = edge.t[i] + 30_000;
			return { alert, scaling: Math.ceil((alert + 9 * MIN) / MIN) * MIN };
		}
	}
	throw new Error('deriveMoments: latency never crossed 800 ms');
}

export function manifest(): Record<string, unknown> {
	return {
		format: 'aitia.bundle',
		version: 1,
		id: INCIDENT_ID,
		title: 'Coolant leak in rack B4 (demo)',
		description:
			'Synthetic demo incident. Edge latency breaches 800 ms about 25 minutes after 04:00 UTC. ' +
			'A deploy 40 minutes earlier looks guilty but is not; the cause sits below the software. ' +
			'Generated deterministically by `npm run demo:generate`.',
		services: SERVICES,
		timeRange: { start: ISO(T0), end: ISO(T_END) },
		timezone: 'UTC',
		onset: ISO(TIMELINE.onset),
		baseline: { start: ISO(TIMELINE.baselineStart), end: ISO(TIMELINE.baselineEnd) }
	};
}

export function events(m: DerivedMoments): Record<string, unknown>[] {
	return [
		{
			ts: ISO(TIMELINE.cacheConfig),
			kind: 'config',
			title: 'cache TTL raised from 300 s to 600 s',
			service: 'cache',
			detail: 'Planned change CHG-2291 to cut product-page misses.',
			change_id: 'CHG-2291'
		},
		{
			ts: ISO(TIMELINE.deploy),
			kind: 'deploy',
			title: 'api v2.14.1 rolled out',
			service: 'api',
			detail: 'Rolling deploy of 6 pods; dependency bumps and order-list pagination.',
			version: 'v2.14.1',
			previous: 'v2.14.0',
			commit: '8f3c2e1'
		},
		{
			ts: ISO(m.alert),
			kind: 'alert',
			title: 'edge latency above 800 ms',
			service: 'edge',
			detail: '1-minute mean of edge.latency_ms > 800 ms (SLO 1000 ms). Paged on-call.',
			severity: 'page',
			threshold_ms: 800
		},
		{
			ts: ISO(m.scaling),
			kind: 'scaling',
			title: 'api scaled out from 6 to 10 replicas',
			service: 'api',
			detail: 'Manual scale-out by on-call; did not help (the database was the bottleneck).',
			from: 6,
			to: 10
		},
		{
			ts: ISO(TIMELINE.physicalReport),
			kind: 'physical',
			title: 'coolant leak in rack B4',
			service: 'host-b4',
			detail: 'DC operations found coolant on the floor under rack B4 during a walk-through.',
			reporter: 'dc-ops'
		},
		{
			ts: ISO(TIMELINE.mitigation),
			kind: 'physical',
			title: 'rack B4 coolant loop isolated, portable cooling installed',
			service: 'host-b4',
			detail: 'Host temperatures start to fall; throttling stops a few minutes later.',
			reporter: 'dc-ops'
		}
	];
}

/** Caller -> callee; the database runs on host-b4. */
export const TOPOLOGY = {
	edges: [
		{ from: 'edge', to: 'api' },
		{ from: 'api', to: 'cache' },
		{ from: 'api', to: 'db' },
		{ from: 'db', to: 'host-b4' }
	]
};

export const GROUND_TRUTH = {
	service: 'host-b4',
	metric: 'host-b4.cpu_temp_c',
	ts: ISO(TIMELINE.leak),
	description:
		'A coolant leak in rack B4 starts at 03:48 UTC. host-b4 heats up (cpu_temp_c ~60 -> ~97 °C) and ' +
		'throttles its CPU (cpu_clock_ghz 3.2 -> 1.6). The database on host-b4 executes more slowly and ' +
		'holds row locks longer (db_lock_ms ~40 -> ~2600 ms); API requests wait for pooled connections ' +
		'(pool_wait_ms up to ~1.2 s, timeouts and refused connections); edge latency breaches 800 ms. ' +
		'The api v2.14.1 deploy at 03:20 is unrelated.'
};

export function annotations(m: DerivedMoments): Record<string, unknown>[] {
	return [
		{
			id: 'ann-1',
			ts: ISO(TIMELINE.deploy + 12 * MIN),
			text: 'v2.14.1 fully rolled out, dashboards green.',
			author: 'oncall-sre'
		},
		{
			id: 'ann-2',
			ts: ISO(m.alert + 3 * MIN),
			text: 'Paged for edge latency. Suspect the 03:20 deploy; considering a rollback.',
			author: 'oncall-sre'
		}
	];
}
