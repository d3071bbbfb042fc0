/**
 * A fake Prometheus + Loki HTTP server for capture tests: answers in the exact shape of their
 * query_range APIs, and misbehaves on purpose under some path prefixes (401, 429, hanging,
 * truncated bodies). Listens on a loopback port of its own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenLoopback } from '../../support/net';

/** What the server saw, for assertions. */
export interface FakeServer {
	url: string;
	requests: { path: string; query: string; auth?: string }[];
	close(): Promise<void>;
}

function matrix(q: URLSearchParams, series: number): unknown {
	const start = Number(q.get('start'));
	const end = Number(q.get('end'));
	const step = Number(q.get('step'));
	const result = Array.from({ length: series }, (_, k) => {
		const values: [number, string][] = [];
		for (let t = start; t <= end; t += step) values.push([t, String(k * 10 + (t % 7))]);
		return { metric: { __name__: 'up', job: `job${k}`, instance: `h${k}:9100` }, values };
	});
	return { status: 'success', data: { resultType: 'matrix', result } };
}

function streams(q: URLSearchParams): unknown {
	const start = BigInt(q.get('start')!);
	const values = [0n, 1n, 2n].map((i) => [`${start + i * 1_000_000_000n}`, `line ${i}`]);
	const result = [{ stream: { service_name: 'api', level: 'error' }, values }];
	return { status: 'success', data: { resultType: 'streams', result } };
}

function handle(req: IncomingMessage, res: ServerResponse, counts: Map<string, number>): void {
	const url = new URL(req.url ?? '/', 'http://x');
	const prefix = url.pathname.split('/')[1];
	const n = (counts.get(prefix) ?? 0) + 1;
	counts.set(prefix, n);
	const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};
	const q = url.searchParams;
	if (prefix === 'auth' && req.headers.authorization !== 'Bearer s3cret') {
		return json(401, { status: 'error', error: 'unauthorized' });
	}
	if (prefix === 'flaky' && n === 1) return json(429, { status: 'error' }, { 'Retry-After': '0' });
	if (prefix === 'hang') return; // never answers: the client's timeout must fire
	if (prefix === 'trunc') {
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
		res.write('{"status":"success","data":{"resultType":"matr');
		setTimeout(() => res.destroy(), 20);
		return;
	}
	if (prefix === 'bad')
		return json(400, { status: 'error', errorType: 'bad_data', error: 'parse error' });
	if (url.pathname.endsWith('/loki/api/v1/query_range')) return json(200, streams(q));
	const many = prefix === 'many' ? 7 : 2;
	return json(200, matrix(q, many));
}

export async function startFakeServer(): Promise<FakeServer> {
	const requests: FakeServer['requests'] = [];
	const counts = new Map<string, number>();
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		requests.push({
			path: url.pathname,
			query: url.searchParams.get('query') ?? '',
			auth: req.headers.authorization
		});
		handle(req, res, counts);
	});
	return { ...(await listenLoopback(server)), requests };
}
