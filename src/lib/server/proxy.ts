/**
 * The LLM proxy's logic, free of $env so tests and the load bench run it with any config. The
 * browser sends only the (already redacted) user message; the system prompt, model and key are the
 * server's. Replies stream as NDJSON lines: {"delta"} ... then {"done"} or {"error"}.
 * Nothing of a request or answer body is ever logged.
 */
import { z } from 'zod';
import { SYSTEM_PROMPT } from '$lib/llm/prompt';
import { RateLimiter, type TokenBudget } from './rate-limit';
import { streamChat, UpstreamError, type UpstreamConfig } from './upstream';

/** Largest accepted request body: a budgeted prompt is ~12 kB; leave room, refuse abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

export const RequestSchema = z
	.object({
		/** The redacted user message, exactly as previewed in the browser. */
		user: z.string().min(1).max(48_000)
	})
	.strict();

export interface ProxyConfig {
	/** Undefined when no key is configured: POST answers 503, GET says so. */
	upstream?: UpstreamConfig;
	limiter: RateLimiter;
	/** Server-wide cap on model use (estimated tokens per minute and per day), shared by all clients. */
	budget?: TokenBudget;
	/**
	 * Origins allowed to call the route (`https://aitia.example.com`). When set, a browser request
	 * from any other origin is refused, which also stops DNS-rebinding pages whose Host matches.
	 */
	allowedOrigins?: string[];
	/** Metadata-only log line (status, duration, size); never bodies. */
	log?: (line: string) => void;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});

/**
 * Same-origin only: a browser on another origin sends Origin / Sec-Fetch-Site saying so. Hosts are
 * compared, not schemes: behind a TLS-terminating proxy (or adapter-node without ORIGIN) the
 * server's own idea of its scheme is unreliable.
 */
function crossOrigin(request: Request, allowed: string[] = []): boolean {
	const site = request.headers.get('sec-fetch-site');
	if (site && site !== 'same-origin' && site !== 'none') return true;
	const origin = request.headers.get('origin');
	if (!origin) return false;
	if (allowed.length > 0) return !allowed.includes(origin.toLowerCase().replace(/\/+$/, ''));
	try {
		return new URL(origin).host !== new URL(request.url).host;
	} catch {
		return true;
	}
}

/** GET: whether the proxy can be used; never the key. */
export function statusResponse(cfg: ProxyConfig): Response {
	return json(
		200,
		cfg.upstream ? { configured: true, model: cfg.upstream.model } : { configured: false }
	);
}

async function readBody(request: Request): Promise<unknown> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_BODY_BYTES)
		throw new UpstreamError(413, `Request body over ${MAX_BODY_BYTES} bytes.`);
	const text = await request.text();
	if (new TextEncoder().encode(text).length > MAX_BODY_BYTES)
		throw new UpstreamError(413, `Request body over ${MAX_BODY_BYTES} bytes.`);
	try {
		return JSON.parse(text);
	} catch {
		throw new UpstreamError(400, 'The request body is not JSON.');
	}
}

function streamAnswer(
	cfg: ProxyConfig & { upstream: UpstreamConfig },
	user: string,
	signal: AbortSignal,
	started: number
): Response {
	const enc = new TextEncoder();
	const line = (o: unknown) => enc.encode(JSON.stringify(o) + '\n');
	const iterator = streamChat(
		cfg.upstream,
		[
			{ role: 'system', content: SYSTEM_PROMPT },
			{ role: 'user', content: user }
		],
		signal
	);
	let chars = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const next = await iterator.next();
				if (!next.done) {
					chars += next.value.length;
					return controller.enqueue(line({ delta: next.value }));
				}
				controller.enqueue(line({ done: true, model: cfg.upstream.model }));
				cfg.log?.(`llm: 200 ${Date.now() - started} ms, ${chars} chars streamed`);
			} catch (err) {
				const e = err as UpstreamError;
				// After the first delta the browser already shows text: flag it as cut short.
				const cut = chars > 0 ? { incomplete: true } : {};
				controller.enqueue(
					line({ error: e.message, status: e.status, retryAfter: e.retryAfter, ...cut })
				);
				cfg.log?.(`llm: upstream error ${e.status} after ${Date.now() - started} ms`);
			}
			controller.close();
		},
		cancel() {
			void iterator.return(undefined);
		}
	});
	return new Response(body, {
		status: 200,
		headers: {
			'content-type': 'application/x-ndjson; charset=utf-8',
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

/** Tokens a request may cost: prompt characters / 4 (system + user) plus the answer cap. */
export function estimateTokens(user: string, maxTokens = 1200): number {
	return Math.ceil((SYSTEM_PROMPT.length + user.length) / 4) + maxTokens;
}

/** POST: validates, rate-limits, and streams the model's answer. */
export async function handlePost(
	request: Request,
	clientKey: string,
	cfg: ProxyConfig,
	signal: AbortSignal = request.signal
): Promise<Response> {
	const started = Date.now();
	if (crossOrigin(request, cfg.allowedOrigins))
		return json(403, { error: 'Cross-origin requests are refused (origin not allowed).' });
	if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
		return json(415, { error: 'Send application/json.' });
	const wait = cfg.limiter.take(clientKey);
	if (wait > 0) {
		cfg.log?.('llm: 429 (local rate limit)');
		return json(
			429,
			{ error: `Too many diagnosis requests; retry in ${Math.ceil(wait / 1000)} s.` },
			{ 'retry-after': String(Math.ceil(wait / 1000)) }
		);
	}
	if (!cfg.upstream)
		return json(503, { error: 'No model is configured on the server (GROQ_API_KEY is not set).' });
	let user: string;
	try {
		const parsed = RequestSchema.safeParse(await readBody(request));
		if (!parsed.success)
			return json(400, {
				error: `Invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`
			});
		user = parsed.data.user;
	} catch (err) {
		const e = err as UpstreamError;
		return json(e.status ?? 400, { error: e.message });
	}
	const tokens = estimateTokens(user, cfg.upstream.maxTokens);
	const budgetWait = cfg.budget?.take(tokens) ?? 0;
	if (budgetWait > 0) {
		cfg.log?.('llm: 429 (server-wide model budget)');
		const s = Math.ceil(budgetWait / 1000);
		return json(
			429,
			{ error: `This server's model budget is used up; retry in ${s} s.` },
			{ 'retry-after': String(s) }
		);
	}
	// Wait for the provider's first reply so 401/429/timeouts become real HTTP statuses.
	return firstThenStream({ ...cfg, upstream: cfg.upstream }, user, signal, started);
}

async function firstThenStream(
	cfg: ProxyConfig & { upstream: UpstreamConfig },
	user: string,
	signal: AbortSignal,
	started: number
): Promise<Response> {
	const res = streamAnswer(cfg, user, signal, started);
	const reader = res.body!.getReader();
	const first = await reader.read();
	const text = first.value ? new TextDecoder().decode(first.value) : '';
	const msg = text
		? (JSON.parse(text) as { error?: string; status?: number; retryAfter?: number })
		: {};
	if (msg.error) {
		void reader.cancel();
		const headers: Record<string, string> =
			msg.status === 429 ? { 'retry-after': String(msg.retryAfter ?? 60) } : {};
		return json(msg.status && msg.status >= 400 ? msg.status : 502, { error: msg.error }, headers);
	}
	const rest = new ReadableStream<Uint8Array>({
		start(controller) {
			if (first.value) controller.enqueue(first.value);
		},
		async pull(controller) {
			const next = await reader.read();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		cancel() {
			void reader.cancel();
		}
	});
	return new Response(rest, { status: 200, headers: res.headers });
}
