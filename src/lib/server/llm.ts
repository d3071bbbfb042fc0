/**
 * The LLM proxy's configuration: the only reader of the server environment. Dynamic env is read
 * per request, so a key set at deploy time works without a rebuild and is never baked into output.
 *
 * GROQ_API_KEY (required to enable), LLM_MODEL, LLM_BASE_URL (any OpenAI-compatible server),
 * LLM_TIMEOUT_MS (default 30000), LLM_RATE_PER_MIN (default 20), LLM_RATE_BURST (default 5).
 */
import { env } from '$env/dynamic/private';
import type { ProxyConfig } from './proxy';
import { RateLimiter } from './rate-limit';
import { DEFAULT_BASE_URL, DEFAULT_MODEL } from './upstream';

const positive = (v: string | undefined, fallback: number) => {
	const n = Number(v);
	return Number.isFinite(n) && n > 0 ? n : fallback;
};

let limiter: { key: string; limiter: RateLimiter } | undefined;

/** The current configuration (limiter kept across requests while its settings do not change). */
export function proxyConfig(): ProxyConfig {
	const perMinute = positive(env.LLM_RATE_PER_MIN, 20);
	const burst = positive(env.LLM_RATE_BURST, 5);
	const key = `${perMinute}/${burst}`;
	if (limiter?.key !== key) limiter = { key, limiter: new RateLimiter(perMinute, burst) };
	const apiKey = env.GROQ_API_KEY?.trim();
	return {
		limiter: limiter.limiter,
		log: (line) => console.info(line),
		upstream: apiKey
			? {
					apiKey,
					baseURL: env.LLM_BASE_URL?.trim() || DEFAULT_BASE_URL,
					model: env.LLM_MODEL?.trim() || DEFAULT_MODEL,
					timeoutMs: positive(env.LLM_TIMEOUT_MS, 30_000)
				}
			: undefined
	};
}
