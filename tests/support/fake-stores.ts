/**
 * A fake Prometheus and Loki for the browser capture spec: answers /api/v1/query_range and
 * /loki/api/v1/query_range in the exact shapes of their HTTP APIs, with the CORS headers
 * `--web.cors.origin` makes Prometheus send (preflights included, since an Authorization header
 * makes the browser ask first) and a reverse proxy in front of Loki would add. Path prefixes
 * misbehave on purpose: /slow answers after `slowMs`, /auth wants `Bearer s3cret`, /nocors
 * answers correctly but without any CORS header, as a server not configured for the app does.
 * Listens on a loopback port of its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback } from './net';

export interface FakeStores {
	url: string;
	/** Paths of the GETs received (preflights not counted). */
	requests: string[];
	close(): Promise<void>;
}

function matrix(q: URLSearchParams): unknown {
	const start = Number(q.get('start'));
	const end = Number(q.get('end'));
	const step = Number(q.get('step'));
	const result = ['api', 'db'].map((job, k) => {
		const values: [number, string][] = [];
		for (let t = start; t <= end; t += step) {
			values.push([t, (0.1 + k * 0.05 + 0.02 * Math.sin(t / 300)).toFixed(4)]);
		}
		return {
			metric: { __name__: 'http_request_duration_seconds', job, instance: `${job}:9100` },
			values
		};
	});
	return { status: 'success', data: { resultType: 'matrix', result } };
}

/** A log line every 10 s from `start` (ns, inclusive) to `end`, at most `limit`, oldest first. */
function streams(q: URLSearchParams): unknown {
	const start = BigInt(q.get('start') ?? '0');
	const end = BigInt(q.get('end') ?? '0');
	const limit = Number(q.get('limit') ?? '100');
	const step = 10_000_000_000n;
	const first = ((start + step - 1n) / step) * step;
	const values: Record<string, [string, string][]> = { info: [], error: [] };
	for (let t = first, n = 0; t < end && n < limit; t += step, n++) {
		const level = n % 6 === 5 ? 'error' : 'info';
		const msg =
			level === 'error' ? 'upstream db timed out after 3000 ms' : `served request ${n} in 12 ms`;
		values[level].push([String(t), msg]);
	}
	const result = Object.entries(values)
		.filter(([, v]) => v.length > 0)
		.map(([level, v]) => ({ stream: { service_name: 'checkout', level }, values: v }));
	return { status: 'success', data: { resultType: 'streams', result } };
}

function handle(req: IncomingMessage, res: ServerResponse, slowMs: number, seen: string[]): void {
	const cors: Record<string, string> = (req.url ?? '').startsWith('/nocors/')
		? {}
		: {
				'Access-Control-Allow-Origin': req.headers.origin ?? '*',
				'Access-Control-Allow-Headers': 'Accept, Authorization, Content-Type, Origin',
				'Access-Control-Allow-Methods': 'GET, OPTIONS',
				Vary: 'Origin'
			};
	if (req.method === 'OPTIONS') {
		res.writeHead(204, cors).end();
		return;
	}
	const url = new URL(req.url ?? '/', 'http://x');
	seen.push(url.pathname);
	const json = (status: number, body: unknown) => {
		res.writeHead(status, { ...cors, 'Content-Type': 'application/json' });
		res.end(JSON.stringify(body));
	};
	const prefix = url.pathname.split('/')[1];
	const loki = url.pathname.endsWith('/loki/api/v1/query_range');
	if (!loki && !url.pathname.endsWith('/api/v1/query_range')) {
		return json(404, { status: 'error', error: 'not found' });
	}
	if (prefix === 'auth' && req.headers.authorization !== 'Bearer s3cret') {
		return json(401, { status: 'error', errorType: 'unauthorized', error: 'unauthorized' });
	}
	const answer = () => json(200, loki ? streams(url.searchParams) : matrix(url.searchParams));
	if (prefix === 'slow') setTimeout(answer, slowMs);
	else answer();
}

export async function startFakeStores(slowMs = 5000): Promise<FakeStores> {
	const requests: string[] = [];
	const server = createServer((req, res) => handle(req, res, slowMs, requests));
	return { ...(await listenLoopback(server)), requests };
}
