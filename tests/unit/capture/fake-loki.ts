/**
 * A fake Loki for paging tests: holds a fixed set of log lines and answers
 * /loki/api/v1/query_range the way Loki does (direction=forward: the oldest `limit` lines from
 * `start`, inclusive, grouped into streams by labels, in the exact response shape including
 * `stats`). Records every request's start and limit. Listens on a loopback port of its own.
 */
import { createServer, type Server } from 'node:http';
import { listenLoopback } from '../../support/net';

/** One stored line: labels, nanosecond timestamp, text. */
export interface FakeLine {
	labels: Record<string, string>;
	ns: bigint;
	line: string;
}

export interface FakeLoki {
	url: string;
	calls: { start: bigint; limit: number; direction: string }[];
	close(): Promise<void>;
}

function answer(lines: FakeLine[], q: URLSearchParams): unknown {
	const start = BigInt(q.get('start') ?? '0');
	const end = BigInt(q.get('end') ?? '0');
	const limit = Number(q.get('limit') ?? '100');
	const page = lines
		.filter((l) => l.ns >= start && l.ns < end)
		.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0))
		.slice(0, limit);
	const streams = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
	for (const l of page) {
		const key = JSON.stringify(l.labels);
		if (!streams.has(key)) streams.set(key, { stream: l.labels, values: [] });
		streams.get(key)!.values.push([String(l.ns), l.line]);
	}
	return {
		status: 'success',
		data: {
			resultType: 'streams',
			result: [...streams.values()],
			stats: { summary: { totalLinesProcessed: page.length, execTime: 0.001 } }
		}
	};
}

export async function startFakeLoki(lines: FakeLine[]): Promise<FakeLoki> {
	const calls: FakeLoki['calls'] = [];
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname !== '/loki/api/v1/query_range') {
			res.writeHead(404).end('404 page not found');
			return;
		}
		const q = url.searchParams;
		calls.push({
			start: BigInt(q.get('start') ?? '0'),
			limit: Number(q.get('limit')),
			direction: q.get('direction') ?? 'backward'
		});
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(answer(lines, q)));
	});
	return { ...(await listenLoopback(server)), calls };
}
