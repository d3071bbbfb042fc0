/**
 * GETs JSON from Prometheus/Loki with a timeout per attempt, retries with exponential backoff for
 * what may pass (429, 5xx, timeouts, dropped connections, truncated bodies) and none for what will
 * not (401/403, 400/422 query errors). Plain `fetch`, so it runs in Node and in a browser worker;
 * a cancelled capture aborts the request in flight and the backoff wait.
 */
import { CancelledError, type CancelSignal } from '../shared/cancel';
import type { CaptureContext, HttpOptions } from './api';

/** A query that failed for good; `attempts` says how hard we tried. */
export class QueryError extends Error {
	constructor(
		message: string,
		readonly attempts: number
	) {
		super(message);
		this.name = 'QueryError';
	}
}

/** `Basic …` header value (UTF-8 user and password, as browsers and curl send them). */
export function basicAuth(user: string, password: string): string {
	const bytes = new TextEncoder().encode(`${user}:${password}`);
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return `Basic ${btoa(bin)}`;
}

/** Where credentials come from, so a 401 tells the user what to change. */
const AUTH_HINT: Record<CaptureContext, string> = {
	cli: 'set the _TOKEN, or _USER and _PASSWORD, environment variables',
	browser: 'check the bearer token or user and password in the capture form'
};

/**
 * In a browser, fetch reports a CORS refusal, a CSP block and a refused connection alike as a
 * bare TypeError, so the message names every cause the user can fix.
 */
export function unreachableMessage(url: URL, context: CaptureContext, cause: string): string {
	if (context === 'cli') return `could not connect: ${cause}`;
	return (
		`the browser could not reach ${url.origin}: the server must allow this origin ` +
		`(Prometheus: --web.cors.origin=…; Loki: a reverse proxy adding Access-Control-Allow-Origin, ` +
		`see docs/data-sources.md) and the page's Content-Security-Policy must list it (AITIA_CONNECT_SRC)`
	);
}

class Retryable extends Error {
	constructor(
		message: string,
		readonly waitMs?: number
	) {
		super(message);
	}
}

/** Waits `ms`, waking up early (with CancelledError) when the capture is cancelled. */
async function sleep(ms: number, signal: CancelSignal): Promise<void> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		signal.throwIfCancelled();
		await new Promise((r) => setTimeout(r, Math.min(50, until - Date.now())));
	}
	signal.throwIfCancelled();
}

/** GET `url` and parse its JSON body; throws QueryError once retries are used up. */
export async function getJson(url: URL, opts: HttpOptions, signal: CancelSignal): Promise<unknown> {
	let wait = opts.backoffMs;
	for (let attempt = 1; ; attempt++) {
		signal.throwIfCancelled();
		try {
			return await attemptOnce(url, opts, signal);
		} catch (err) {
			if (err instanceof CancelledError) throw err;
			if (!(err instanceof Retryable)) {
				throw new QueryError(err instanceof Error ? err.message : String(err), attempt);
			}
			if (attempt > opts.retries) {
				const tries = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
				throw new QueryError(`${err.message} (gave up after ${tries})`, attempt);
			}
			await sleep(err.waitMs ?? wait, signal);
			wait *= 2;
		}
	}
}

async function attemptOnce(url: URL, opts: HttpOptions, signal: CancelSignal): Promise<unknown> {
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, opts.timeoutMs);
	// CancelSignal is polled, not evented: a cancel arrives as a comlink message between polls.
	const poll = setInterval(() => signal.cancelled && controller.abort(), 50);
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (opts.authorization) headers.Authorization = opts.authorization;
	let status = 0;
	let text: string;
	let retryAfter: string | null = null;
	try {
		const res = await fetch(url, { headers, signal: controller.signal });
		status = res.status;
		retryAfter = res.headers.get('retry-after');
		text = await res.text();
	} catch (err) {
		signal.throwIfCancelled();
		if (timedOut) throw new Retryable(`timed out after ${opts.timeoutMs / 1000} s`);
		const cause =
			err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : '';
		if (status > 0) {
			throw new Retryable(
				`the connection closed before the whole body arrived (truncated): ${cause}`
			);
		}
		throw new Retryable(unreachableMessage(url, opts.context, cause));
	} finally {
		clearTimeout(timer);
		clearInterval(poll);
	}
	return judge(status, text, retryAfter, opts.context);
}

function judge(
	status: number,
	text: string,
	retryAfter: string | null,
	context: CaptureContext
): unknown {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	const apiError =
		body && typeof body === 'object' && 'error' in body
			? String((body as { error: unknown }).error)
			: text.slice(0, 200);
	if (status === 401 || status === 403) {
		throw new Error(`HTTP ${status}: not authorised (${AUTH_HINT[context]})`);
	}
	if (status === 429 || status >= 500) {
		const waitMs = retryAfterMs(retryAfter);
		throw new Retryable(`HTTP ${status}${apiError ? `: ${apiError}` : ''}`, waitMs);
	}
	if (status >= 400) throw new Error(`HTTP ${status}: ${apiError}`);
	if (body === undefined) {
		throw new Retryable(`the body is not complete JSON (${text.length} bytes; truncated?)`);
	}
	return body;
}

/** Retry-After in seconds or as an HTTP date, capped at a minute; undefined when absent or unreadable. */
export function retryAfterMs(raw: string | null, now = Date.now()): number | undefined {
	if (raw === null || raw.trim() === '') return undefined;
	const secs = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : (Date.parse(raw) - now) / 1000;
	if (!Number.isFinite(secs)) return undefined;
	return Math.min(Math.max(secs, 0), 60) * 1000;
}
