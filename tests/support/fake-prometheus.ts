/**
 * A fake Prometheus for the browser capture spec: answers /api/v1/query_range in the exact shape
 * of Prometheus' HTTP API, with the CORS headers `--web.cors.origin` makes Prometheus send
 * (preflights included, since an Authorization header makes the browser ask first). Path prefixes
 * misbehave on purpose: /slow answers after `slowMs`, /auth wants `Bearer s3cret`.
 * Listens on a loopback port of its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback } from './net';

export interface FakePrometheus {
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

function handle(req: IncomingMessage, res: ServerResponse, slowMs: number, seen: string[]): void {
	const cors = {
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
	if (!url.pathname.endsWith('/api/v1/query_range')) {
		return json(404, { status: 'error', error: 'not found' });
	}
	if (prefix === 'auth' && req.headers.authorization !== 'Bearer s3cret') {
		return json(401, { status: 'error', errorType: 'unauthorized', error: 'unauthorized' });
	}
	const answer = () => json(200, matrix(url.searchParams));
	if (prefix === 'slow') setTimeout(answer, slowMs);
	else answer();
}

export async function startFakePrometheus(slowMs = 5000): Promise<FakePrometheus> {
	const requests: string[] = [];
	const server = createServer((req, res) => handle(req, res, slowMs, requests));
	return { ...(await listenLoopback(server)), requests };
}
