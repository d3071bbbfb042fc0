/**
 * Application logs (JSON Lines): the edge gateway's sampled access log and the API's chatter.
 * Healthy INFO throughout; during the incident, timeouts, refused connections and pool exhaustion.
 */
import { byTime, poissonTimes, type LogEntry } from './log-format';
import { createRng, type Rng } from './rng';
import { TIMELINE, type StoryState } from './story';

/** Moments derived from the generated data (see events.ts). */
export interface DerivedMoments {
	/** Latency alert fired, epoch ms. */
	alert: number;
	/** API scaled out, epoch ms. */
	scaling: number;
}

const ROUTES = [
	'/api/orders',
	'/api/cart',
	'/api/products',
	'/api/search',
	'/api/checkout'
] as const;
const METHODS: Record<(typeof ROUTES)[number], string> = {
	'/api/orders': 'POST',
	'/api/cart': 'GET',
	'/api/products': 'GET',
	'/api/search': 'GET',
	'/api/checkout': 'POST'
};

/** Typical request latency (ms) at step i: what the metrics show, without the noise. */
const typicalLatency = (s: StoryState, i: number): number => 95 + 860 * s.poolPressure[i] ** 1.5;

function request(s: StoryState, t: number, i: number, rng: Rng, service: string): LogEntry {
	const route = rng.pick(ROUTES);
	const fail = rng.next() < 0.002 + 0.3 * s.poolPressure[i] ** 2;
	const duration = fail
		? 3000 + rng.int(0, 40)
		: Math.round(typicalLatency(s, i) * Math.exp(0.45 * rng.gauss() - 0.1));
	const refused = fail && rng.next() < 0.25;
	const status = fail ? (refused ? 502 : 504) : 200;
	const base = {
		trace_id: rng.hex(16),
		route,
		method: METHODS[route],
		status,
		duration_ms: duration
	};
	if (fail) {
		const message = refused ? 'upstream connection refused' : 'upstream timeout';
		return { t, level: 'error', service, message, extra: base };
	}
	const slow = duration > 1000;
	const message = slow ? 'slow request' : 'request served';
	return { t, level: slow ? 'warn' : 'info', service, message, extra: base };
}

export function edgeLogs(seed: number, s: StoryState): LogEntry[] {
	const out: LogEntry[] = [];
	poissonTimes(
		seed,
		'log-edge',
		(i) => 1.5 * s.traffic[i],
		(t, i, rng) => out.push(request(s, t, i, rng, 'edge'))
	);
	return out;
}

function incidentLine(s: StoryState, t: number, i: number, rng: Rng): LogEntry {
	const p = s.poolPressure[i];
	const trace_id = rng.hex(16);
	const u = rng.next();
	if (u < 0.4) {
		const waited = Math.round(1150 * p ** 1.25 * (0.7 + 0.6 * rng.next()));
		const message = `connection pool exhausted, waited ${waited} ms for a connection`;
		return {
			t,
			level: 'warn',
			service: 'api',
			message,
			extra: { trace_id, pool_size: 50, in_use: 50, pool_wait_ms: waited }
		};
	}
	if (u < 0.7) {
		const message = 'DB connection failed: socket timeout after 3000 ms';
		return {
			t,
			level: 'error',
			service: 'api',
			message,
			extra: { trace_id, db_host: 'db-primary:5432', timeout_ms: 3000 }
		};
	}
	if (u < 0.85) {
		const message = 'DB connection failed: connection refused (db-primary:5432)';
		return {
			t,
			level: 'error',
			service: 'api',
			message,
			extra: { trace_id, db_host: 'db-primary:5432', errno: 'ECONNREFUSED' }
		};
	}
	const ms = Math.round(400 + 2400 * s.lockPressure[i] * rng.next());
	const message = `slow query: UPDATE orders SET status=$1 WHERE id=$2 took ${ms} ms`;
	return {
		t,
		level: 'warn',
		service: 'api',
		message,
		extra: { trace_id, duration_ms: ms, table: 'orders' }
	};
}

function chatter(s: StoryState, t: number, i: number, rng: Rng): LogEntry {
	const u = rng.next();
	const trace_id = rng.hex(16);
	if (u < 0.45) {
		const key = `product:${rng.int(1000, 9999)}`;
		const hit = rng.next() < 0.9;
		return {
			t,
			level: 'info',
			service: 'api',
			message: hit ? 'cache hit' : 'cache miss',
			extra: { trace_id, key }
		};
	}
	if (u < 0.5) {
		// Baseline noise: a third-party dependency fails now and then, incident or not.
		return {
			t,
			level: 'error',
			service: 'api',
			message: 'payment provider returned 503, retrying',
			extra: { trace_id, provider: 'payco', attempt: 1 }
		};
	}
	return { ...request(s, t, i, rng, 'api'), level: 'info', message: 'request served' };
}

function podLines(t: number, version: string, pods: number, rng: Rng, note: string): LogEntry[] {
	const out: LogEntry[] = [];
	for (let k = 0; k < pods; k++) {
		const pod = `api-7d9f${rng.hex(1)}-${rng.hex(5)}`;
		const tk = t + k * 55_000 + rng.int(0, 4_000);
		const extra = { pod, version };
		out.push({
			t: tk,
			level: 'info',
			service: 'api',
			message: `starting api ${version} (${note})`,
			extra
		});
		out.push({
			t: tk + 2_100,
			level: 'info',
			service: 'api',
			message: 'connected to db pool (size=50)',
			extra
		});
		out.push({
			t: tk + 2_400,
			level: 'info',
			service: 'api',
			message: 'listening on :8080',
			extra
		});
	}
	return out;
}

export function apiLogs(seed: number, s: StoryState, moments: DerivedMoments): LogEntry[] {
	const out: LogEntry[] = [];
	poissonTimes(
		seed,
		'log-api',
		(i) => 1.2 * s.traffic[i] + 2.5 * s.poolPressure[i],
		(t, i, rng) => {
			const p = s.poolPressure[i];
			const share = (2.5 * p) / (1.2 * s.traffic[i] + 2.5 * p);
			out.push(rng.next() < share ? incidentLine(s, t, i, rng) : chatter(s, t, i, rng));
		}
	);
	// Health checks once a minute; the db ping shows the slowdown too.
	poissonTimes(
		seed,
		'log-api-health',
		(i) => (i % 4 === 0 ? 1 : 0),
		(t, i, rng) => {
			const ping = Math.round(3 + 2600 * s.lockPressure[i] ** 1.6 * (0.8 + 0.4 * rng.next()));
			const degraded = ping > 500;
			const message = degraded ? `health check degraded: db ping ${ping} ms` : 'health check ok';
			out.push({
				t,
				level: degraded ? 'warn' : 'info',
				service: 'api',
				message,
				extra: { check: 'db', duration_ms: ping }
			});
		}
	);
	const rng = createRng(seed, 'log-api-deploy');
	out.push(...podLines(TIMELINE.deploy, 'v2.14.1', 6, rng, 'rolling deploy, commit 8f3c2e1'));
	out.push(...podLines(moments.scaling, 'v2.14.1', 4, rng, 'scale-out 6 -> 10 replicas'));
	return byTime(out);
}
