/**
 * The LLM proxy's configuration: the only reader of the server environment. Dynamic env is read
 * per request, so a key set at deploy time works without a rebuild and is never baked into output.
 *
 * GROQ_API_KEY (required to enable), LLM_MODEL, LLM_BASE_URL (any OpenAI-compatible server),
 * LLM_TIMEOUT_MS (default 30000), LLM_RATE_PER_MIN (default 20), LLM_RATE_BURST (default 5),
 * LLM_TOKENS_PER_MIN (default 60000), LLM_TOKENS_PER_DAY (default 2000000),
 * LLM_ALLOWED_ORIGINS (comma-separated; ORIGIN, adapter-node's own setting, is added).
 */
import { env } from '$env/dynamic/private';
import type { ProxyConfig } from './proxy';
import { RateLimiter, TokenBudget } from './rate-limit';
import { DEFAULT_BASE_URL, DEFAULT_MODEL } from './upstream';

const positive = (v: string | undefined, fallback: number) => {
	const n = Number(v);
	return Number.isFinite(n) && n > 0 ? n : fallback;
};

let limiter: { key: string; limiter: RateLimiter } | undefined;
let budget: { key: string; budget: TokenBudget } | undefined;

/** Origins from LLM_ALLOWED_ORIGINS and ORIGIN, normalised (lower case, no trailing slash). */
export function allowedOrigins(list: string | undefined, origin: string | undefined): string[] {
	return [...(list ?? '').split(','), origin ?? '']
		.map((o) => o.trim().toLowerCase().replace(/\/+$/, ''))
		.filter((o) => o !== '');
}

/** The current configuration (limiters kept across requests while their settings do not change). */
export function proxyConfig(): ProxyConfig {
	const perMinute = positive(env.LLM_RATE_PER_MIN, 20);
	const burst = positive(env.LLM_RATE_BURST, 5);
	const key = `${perMinute}/${burst}`;
	if (limiter?.key !== key) limiter = { key, limiter: new RateLimiter(perMinute, burst) };
	const tokMin = positive(env.LLM_TOKENS_PER_MIN, 60_000);
	const tokDay = positive(env.LLM_TOKENS_PER_DAY, 2_000_000);
	const bkey = `${tokMin}/${tokDay}`;
	if (budget?.key !== bkey) budget = { key: bkey, budget: new TokenBudget(tokMin, tokDay) };
	const apiKey = env.GROQ_API_KEY?.trim();
	return {
		limiter: limiter.limiter,
		budget: budget.budget,
		allowedOrigins: allowedOrigins(env.LLM_ALLOWED_ORIGINS, env.ORIGIN),
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
