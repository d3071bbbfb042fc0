/**
 * The one place that talks to the model provider: groq-sdk against any OpenAI-compatible base URL
 * (Groq by default, a self-hosted server or the tests' fake via LLM_BASE_URL). Server/CLI only.
 * Provider failures become UpstreamError with a message an on-call engineer can act on.
 */
import Groq, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'groq-sdk';

/** Groq's OpenAI-compatible API root; chat completions live at `${base}/chat/completions`. */
export const DEFAULT_BASE_URL = 'https://api.groq.com/openai/v1';
/** A Llama 3 70B class model on Groq. */
export const DEFAULT_MODEL = 'llama-3.3-70b-versatile';

export interface UpstreamConfig {
	apiKey: string;
	/** OpenAI-compatible API root (ends before /chat/completions). */
	baseURL: string;
	model: string;
	/** Abort when the provider sends nothing for this long (before or during the stream). */
	timeoutMs: number;
	/** Cap on the answer's length, in tokens. */
	maxTokens?: number;
}

/** A provider failure, already mapped to the status and message the browser should see. */
export class UpstreamError extends Error {
	constructor(
		/** HTTP status for the proxy's reply. */
		readonly status: number,
		message: string,
		/** Seconds the client should wait (from the provider's 429), when known. */
		readonly retryAfter?: number
	) {
		super(message);
		this.name = 'UpstreamError';
	}
}

/** Maps a groq-sdk (or stream) error to what the engineer needs to know. */
export function mapUpstreamError(
	err: unknown,
	timeoutMs: number,
	timedOut: boolean
): UpstreamError {
	if (err instanceof UpstreamError) return err;
	if (timedOut || err instanceof APIConnectionTimeoutError)
		return new UpstreamError(
			504,
			`The model provider did not answer within ${Math.round(timeoutMs / 1000)} s.`
		);
	if (err instanceof APIUserAbortError) return new UpstreamError(499, 'The request was cancelled.');
	if (err instanceof APIError && err.status !== undefined) {
		const s = err.status;
		if (s === 401 || s === 403)
			return new UpstreamError(
				502,
				`The model provider rejected the server's API key (${s}). Check GROQ_API_KEY on the server.`
			);
		if (s === 429) {
			const ra = Number(err.headers?.get?.('retry-after'));
			return new UpstreamError(
				429,
				'The model provider is rate-limiting this server (429). Try again in a minute.',
				Number.isFinite(ra) ? ra : undefined
			);
		}
		if (s === 404)
			return new UpstreamError(
				502,
				'The model provider does not know this model or URL (404). Check LLM_MODEL and LLM_BASE_URL.'
			);
		if (s >= 500)
			return new UpstreamError(502, `The model provider failed (${s}). Try again later.`);
		return new UpstreamError(502, `The model provider refused the request (${s}).`);
	}
	if (err instanceof APIError)
		return new UpstreamError(
			502,
			'Cannot reach the model provider. Check LLM_BASE_URL and the network.'
		);
	if (err instanceof SyntaxError)
		return new UpstreamError(502, 'The model provider sent a malformed stream.');
	return new UpstreamError(
		502,
		`The model provider call failed: ${(err as Error)?.message ?? String(err)}`
	);
}

type Chunk = { choices?: { delta?: { content?: string | null } }[] };

/**
 * Streams the answer's text deltas. An idle timer aborts when the provider goes quiet, whether
 * it never answers or stalls mid-stream; `signal` (the browser went away) aborts as well.
 */
export async function* streamChat(
	cfg: UpstreamConfig,
	messages: { role: 'system' | 'user'; content: string }[],
	signal?: AbortSignal
): AsyncGenerator<string> {
	const client = new Groq({
		apiKey: cfg.apiKey,
		baseURL: cfg.baseURL,
		maxRetries: 0,
		timeout: cfg.timeoutMs + 1000,
		// The SDK logs unparseable chunks verbatim; answers must never reach server logs.
		logLevel: 'off'
	});
	const ctrl = new AbortController();
	let timedOut = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => ((timedOut = true), ctrl.abort()), cfg.timeoutMs);
	};
	const onAbort = () => ctrl.abort();
	signal?.addEventListener('abort', onAbort);
	arm();
	try {
		const body = {
			model: cfg.model,
			messages,
			stream: true,
			temperature: 0.2,
			max_tokens: cfg.maxTokens ?? 1200
		};
		const stream = await client.post<AsyncIterable<Chunk>>('/chat/completions', {
			body,
			stream: true,
			signal: ctrl.signal
		});
		for await (const chunk of stream) {
			arm();
			const text = chunk.choices?.[0]?.delta?.content;
			if (text) yield text;
		}
		if (timedOut)
			throw new UpstreamError(
				504,
				`The model provider did not answer within ${Math.round(cfg.timeoutMs / 1000)} s.`
			);
	} catch (err) {
		throw mapUpstreamError(err, cfg.timeoutMs, timedOut);
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', onAbort);
	}
}
