/**
 * A fake OpenAI-compatible chat server on 127.0.0.1 for tests and the proxy bench. The first path
 * segment picks the behaviour, so one server serves every case:
 *   /stream/v1   a good streamed answer        /broken/v1     streamed answer that breaks the format
 *   /401/v1      authentication error          /429/v1        rate limit (Retry-After: 7)
 *   /500/v1      provider failure              /hang/v1       accepts, never answers
 *   /stall/v1    one token, then silence       /malformed/v1  an SSE stream of invalid JSON
 *   /html/v1     200 with an HTML error page   /nodone/v1     stream closed without [DONE]
 *   /errevent/v1 an error event mid-stream     /huge/v1       an answer far over the size cap
 *   /429date/v1  429 with an HTTP-date Retry-After
 * `closed` counts requests whose connection the client closed before the fake answered (hang).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback } from './net';

export const GOOD_ANSWER = `1. A coolant leak in rack B4 (physical event) let host-b4 overheat: host-b4.cpu_temp_c left its baseline first.
2. The CPU throttled: host-b4.cpu_clock_ghz fell right after.
3. The database on host-b4 slowed down: db.db_lock_ms rose from ~39 ms to ~2680 ms.
4. API requests queued for database connections (api.pool_wait_ms up), so edge.latency_ms crossed 800 ms.
The 03:20 deploy is a red herring: api metrics did not move until the database slowed.

\`\`\`json
{"root_cause": "host-b4.cpu_temp_c", "confidence": 0.86, "commands": ["ipmitool -H host-b4 sdr type Temperature", "kubectl describe node host-b4", "kubectl drain host-b4 --ignore-daemonsets", "kubectl delete pod db-0"]}
\`\`\``;

export const BROKEN_ANSWER = `The root cause is overheating of host-b4.
Root cause: host-b4.cpu_temp_c
Confidence: high
{"root_cause": "host-b4.cpu_temp_c", "commands": ["kubectl get pods -o wide",],}`;

/** What a test can check about the requests the fake received (never the bodies' secrets). */
export interface SeenRequest {
	mode: string;
	authorization: string;
	model: string;
	system: string;
	user: string;
}

export interface FakeOpenAI {
	/** http://127.0.0.1:<port> — append `/<mode>/v1` for a base URL. */
	origin: string;
	baseURL(mode: string): string;
	requests: SeenRequest[];
	/** Hanging requests the client gave up on (the proxy cancelled upstream). */
	closed: number;
	close(): Promise<void>;
}

function sse(res: ServerResponse, text: string, delayMs: number, end = 'data: [DONE]\n\n'): void {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	// Word-sized chunks, like a real provider.
	const parts = text.match(/\S+\s*/g) ?? [];
	let i = 0;
	const send = () => {
		if (res.destroyed) return;
		if (i < parts.length) {
			const chunk = {
				id: 'c1',
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta: { content: parts[i++] } }]
			};
			res.write(`data: ${JSON.stringify(chunk)}\n\n`);
			setTimeout(send, delayMs);
		} else {
			res.end(end);
		}
	};
	send();
}

function error(
	res: ServerResponse,
	status: number,
	message: string,
	headers: Record<string, string> = {}
) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify({ error: { message, type: 'fake' } }));
}

async function handle(
	req: IncomingMessage,
	res: ServerResponse,
	seen: SeenRequest[],
	delayMs: number,
	onClosed: () => void
) {
	const mode = (req.url ?? '').split('/')[1] ?? '';
	let raw = '';
	for await (const chunk of req) raw += chunk;
	let body: { model?: string; messages?: { role: string; content: string }[] } = {};
	try {
		body = JSON.parse(raw);
	} catch {
		return error(res, 400, 'bad json');
	}
	const msg = (role: string) => body.messages?.find((m) => m.role === role)?.content ?? '';
	seen.push({
		mode,
		authorization: req.headers.authorization ?? '',
		model: body.model ?? '',
		system: msg('system'),
		user: msg('user')
	});
	if (!(req.url ?? '').endsWith('/v1/chat/completions')) return error(res, 404, 'no such route');
	switch (mode) {
		case 'stream':
			return sse(res, GOOD_ANSWER, delayMs);
		case 'broken':
			return sse(res, BROKEN_ANSWER, delayMs);
		case '401':
			return error(res, 401, 'Invalid API Key');
		case '429':
			return error(res, 429, 'Rate limit reached', { 'retry-after': '7' });
		case '500':
			return error(res, 500, 'internal');
		case 'hang':
			res.on('close', onClosed);
			return; // never answers; the client's timeout (or its cancel) must fire
		case 'html':
			res.writeHead(200, { 'content-type': 'text/html' });
			return res.end('<html><body>502 Bad Gateway (nginx)</body></html>');
		case 'nodone':
			return sse(res, GOOD_ANSWER.slice(0, 120), delayMs, '');
		case 'errevent':
			return sse(
				res,
				'The root cause',
				delayMs,
				`data: ${JSON.stringify({ error: { message: 'model overloaded, retry later' } })}\n\n`
			);
		case 'huge':
			return sse(res, ('x'.repeat(1000) + ' ').repeat(40), 0);
		case '429date':
			return error(res, 429, 'Rate limit reached', {
				'retry-after': new Date(Date.now() + 90_000).toUTCString()
			});
		case 'stall':
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			res.write(
				`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Thinking' } }] })}\n\n`
			);
			return;
		case 'malformed':
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			return res.end('data: {"choices": [ this is not json\n\n');
		default:
			return error(res, 404, `unknown mode ${mode}`);
	}
}

/** Starts the fake on a free loopback port. `delayMs` spaces the streamed chunks. */
export async function startFakeOpenAI(opts: { delayMs?: number } = {}): Promise<FakeOpenAI> {
	const requests: SeenRequest[] = [];
	const state = { closed: 0 };
	const server = createServer(
		(req, res) => void handle(req, res, requests, opts.delayMs ?? 2, () => (state.closed += 1))
	);
	const { url: origin, close } = await listenLoopback(server);
	return {
		origin,
		baseURL: (mode) => `${origin}/${mode}/v1`,
		requests,
		get closed() {
			return state.closed;
		},
		close
	};
}
