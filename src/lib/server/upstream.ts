/**
 * The one place that talks to the model provider: an OpenAI-compatible `/chat/completions` stream
 * (Groq by default, a self-hosted server or the tests' fake via LLM_BASE_URL). Server/CLI only.
 * We read the SSE stream ourselves (no SDK) so that every way an answer can be incomplete is seen:
 * a non-stream 200 (an HTML error page), a stream without its final `[DONE]`, an error event in the
 * stream, an oversize answer. Provider failures become UpstreamError with an actionable message.
 */
import { readSse } from './sse';

/** Groq's OpenAI-compatible API root; chat completions live at `${base}/chat/completions`. */
export const DEFAULT_BASE_URL = 'https://api.groq.com/openai/v1';
/** A Llama 3 70B class model on Groq. */
export const DEFAULT_MODEL = 'llama-3.3-70b-versatile';
/** Longest answer relayed (characters); max_tokens 1200 is ~5 000, so this only stops a runaway. */
export const DEFAULT_MAX_ANSWER_CHARS = 32_000;

export interface UpstreamConfig {
	apiKey: string;
	/** OpenAI-compatible API root (ends before /chat/completions). */
	baseURL: string;
	model: string;
	/** Abort when the provider sends nothing for this long (before or during the stream). */
	timeoutMs: number;
	/** Cap on the answer's length, in tokens. */
	maxTokens?: number;
	/** Cap on the relayed answer, in characters (default DEFAULT_MAX_ANSWER_CHARS). */
	maxAnswerChars?: number;
}

/** A provider failure, already mapped to the status and message the browser should see. */
export class UpstreamError extends Error {
	constructor(
		/** HTTP status for the proxy's reply. */
		readonly status: number,
		message: string,
		/** Seconds the client should wait (from the provider's Retry-After), when known. */
		readonly retryAfter?: number
	) {
		super(message);
		this.name = 'UpstreamError';
	}
}

const INCOMPLETE = 'the answer is incomplete';

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), when it makes sense. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const n = Number(value);
	if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
	const at = Date.parse(value);
	return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}

/** The provider's own words from an error body (`{"error": {"message"}}` or text), shortened. */
function providerSaid(body: string): string {
	let said = body;
	try {
		const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
		const e = j.error;
		said = String((typeof e === 'object' ? e?.message : e) ?? j.message ?? body);
	} catch {
		// not JSON: keep the text
	}
	said = said.replace(/\s+/g, ' ').trim();
	return said.length > 200 ? said.slice(0, 200) + '…' : said;
}

/** Maps a non-2xx provider reply to what the engineer needs to know. */
async function statusError(res: Response): Promise<UpstreamError> {
	const s = res.status;
	const said = providerSaid((await res.text().catch(() => '')).slice(0, 4000));
	const tail = said ? ` The provider said: "${said}".` : '';
	if (s === 401 || s === 403)
		return new UpstreamError(
			502,
			`The model provider rejected the server's API key (${s}). Check GROQ_API_KEY on the server.`
		);
	if (s === 429) {
		const ra = retryAfterSeconds(res.headers.get('retry-after'));
		const when = ra === undefined ? 'in a minute' : `in ${ra} s`;
		return new UpstreamError(
			429,
			`The model provider is rate-limiting this server (429). Try again ${when}.`,
			ra ?? 60
		);
	}
	if (s === 404)
		return new UpstreamError(
			502,
			'The model provider does not know this model or URL (404). Check LLM_MODEL and LLM_BASE_URL.'
		);
	if (s >= 500)
		return new UpstreamError(502, `The model provider failed (${s}). Try again later.${tail}`);
	return new UpstreamError(502, `The model provider refused the request (${s}).${tail}`);
}

type Chunk = {
	choices?: { delta?: { content?: string | null } }[];
	error?: { message?: unknown } | string;
};

/** One SSE data payload → the text it adds; throws for error events and malformed JSON. */
function chunkText(data: string): string {
	let chunk: Chunk;
	try {
		chunk = JSON.parse(data) as Chunk;
	} catch {
		throw new UpstreamError(502, `The model provider sent a malformed stream; ${INCOMPLETE}.`);
	}
	if (chunk.error !== undefined) {
		throw new UpstreamError(
			502,
			`The model provider reported an error mid-answer: "${providerSaid(data)}"; ${INCOMPLETE}.`
		);
	}
	return chunk.choices?.[0]?.delta?.content ?? '';
}

/** POSTs the chat request; the body of a real event stream, else the reason it is not one. */
async function openStream(
	cfg: UpstreamConfig,
	messages: { role: 'system' | 'user'; content: string }[],
	signal: AbortSignal
): Promise<ReadableStream<Uint8Array>> {
	const res = await fetch(`${cfg.baseURL.replace(/\/+$/, '')}/chat/completions`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${cfg.apiKey}`,
			'content-type': 'application/json',
			accept: 'text/event-stream'
		},
		body: JSON.stringify({
			model: cfg.model,
			messages,
			stream: true,
			temperature: 0.2,
			max_tokens: cfg.maxTokens ?? 1200
		}),
		signal
	});
	if (!res.ok) throw await statusError(res);
	const type = res.headers.get('content-type') ?? '';
	if (!type.includes('text/event-stream') || !res.body) {
		void res.body?.cancel();
		throw new UpstreamError(
			502,
			`The model provider answered with ${type.split(';')[0] || 'no content type'} instead of a stream; ${INCOMPLETE}.`
		);
	}
	return res.body;
}

/**
 * Streams the answer's text deltas. An idle timer aborts when the provider goes quiet, whether it
 * never answers or stalls mid-stream; `signal` (the client went away) aborts at once, also before
 * the first byte, so the provider is never kept busy for nobody.
 */
export async function* streamChat(
	cfg: UpstreamConfig,
	messages: { role: 'system' | 'user'; content: string }[],
	signal?: AbortSignal
): AsyncGenerator<string> {
	const ctrl = new AbortController();
	let timedOut = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => ((timedOut = true), ctrl.abort()), cfg.timeoutMs);
	};
	const onAbort = () => ctrl.abort();
	if (signal?.aborted) ctrl.abort();
	signal?.addEventListener('abort', onAbort);
	arm();
	const timeout = () =>
		new UpstreamError(
			504,
			`The model provider did not answer within ${Math.round(cfg.timeoutMs / 1000)} s.`
		);
	try {
		const body = await openStream(cfg, messages, ctrl.signal);
		const max = cfg.maxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS;
		let chars = 0;
		for await (const data of readSse(body, arm)) {
			if (data === '[DONE]') return;
			const text = chunkText(data);
			chars += text.length;
			if (chars > max)
				throw new UpstreamError(
					502,
					`The answer was cut at ${max} characters (the server's limit); ${INCOMPLETE}.`
				);
			if (text) yield text;
		}
		throw new UpstreamError(
			502,
			`The model provider closed the stream before the end of the answer; ${INCOMPLETE}.`
		);
	} catch (err) {
		if (err instanceof UpstreamError) throw err;
		if (timedOut) throw timeout();
		if (signal?.aborted) throw new UpstreamError(499, 'The request was cancelled.');
		throw new UpstreamError(
			502,
			`Cannot reach the model provider (${(err as Error)?.message ?? String(err)}). Check LLM_BASE_URL and the network.`
		);
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', onAbort);
		ctrl.abort();
	}
}
