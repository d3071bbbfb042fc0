/**
 * GETs JSON from Prometheus/Loki with a timeout per attempt, retries with exponential backoff for
 * what may pass (429, 5xx, timeouts, dropped connections, truncated bodies) and none for what will
 * not (401/403, 400/422 query errors). Credentials come from environment variables only, so they
 * never show up in shell history or `ps`.
 */

/** Settings of one server's requests. */
export interface HttpOptions {
	/** Per-attempt timeout, ms (covers the body too). */
	timeoutMs: number;
	/** Attempts after the first one. */
	retries: number;
	/** First backoff, ms; doubled after each retry (a Retry-After header wins). */
	backoffMs: number;
	/** Authorization header value, if any. */
	authorization?: string;
}

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

/** Authorization from `<PREFIX>_TOKEN` (bearer) or `<PREFIX>_USER` + `<PREFIX>_PASSWORD` (basic). */
export function authFromEnv(prefix: string, env: NodeJS.ProcessEnv): string | undefined {
	const token = env[`${prefix}_TOKEN`];
	if (token) return `Bearer ${token}`;
	const user = env[`${prefix}_USER`];
	if (user)
		return `Basic ${Buffer.from(`${user}:${env[`${prefix}_PASSWORD`] ?? ''}`).toString('base64')}`;
	return undefined;
}

class Retryable extends Error {
	constructor(
		message: string,
		readonly waitMs?: number
	) {
		super(message);
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET `url` and parse its JSON body; throws QueryError once retries are used up. */
export async function getJson(url: URL, opts: HttpOptions): Promise<unknown> {
	let wait = opts.backoffMs;
	for (let attempt = 1; ; attempt++) {
		try {
			return await attemptOnce(url, opts);
		} catch (err) {
			if (!(err instanceof Retryable)) {
				throw new QueryError(err instanceof Error ? err.message : String(err), attempt);
			}
			if (attempt > opts.retries) {
				const tries = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
				throw new QueryError(`${err.message} (gave up after ${tries})`, attempt);
			}
			await sleep(err.waitMs ?? wait);
			wait *= 2;
		}
	}
}

async function attemptOnce(url: URL, opts: HttpOptions): Promise<unknown> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
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
		if (controller.signal.aborted)
			throw new Retryable(`timed out after ${opts.timeoutMs / 1000} s`);
		const cause =
			err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : '';
		const what =
			status > 0
				? 'the connection closed before the whole body arrived (truncated)'
				: 'could not connect';
		throw new Retryable(`${what}: ${cause}`);
	} finally {
		clearTimeout(timer);
	}
	return judge(status, text, retryAfter);
}

function judge(status: number, text: string, retryAfter: string | null): unknown {
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
		throw new Error(
			`HTTP ${status}: not authorised (set the _TOKEN, or _USER and _PASSWORD, environment variables)`
		);
	}
	if (status === 429 || status >= 500) {
		const secs = Number(retryAfter);
		const waitMs = Number.isFinite(secs) && secs >= 0 ? Math.min(secs, 60) * 1000 : undefined;
		throw new Retryable(`HTTP ${status}${apiError ? `: ${apiError}` : ''}`, waitMs);
	}
	if (status >= 400) throw new Error(`HTTP ${status}: ${apiError}`);
	if (body === undefined) {
		throw new Retryable(`the body is not complete JSON (${text.length} bytes; truncated?)`);
	}
	return body;
}
