/**
 * Proxy fault suite (issue #14, defects 6–8) against the local fake provider: incomplete answers
 * are reported as such, the provider's own words and Retry-After reach the browser, a client that
 * leaves cancels the upstream call, and the limits (per client, server-wide, origins) hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedOrigins } from '$lib/server/llm';
import { clientAddress } from '$lib/server/client';
import { estimateTokens, handlePost, type ProxyConfig } from '$lib/server/proxy';
import { RateLimiter, TokenBudget } from '$lib/server/rate-limit';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai';

let fake: FakeOpenAI;
beforeAll(async () => (fake = await startFakeOpenAI({ delayMs: 0 })));
afterAll(() => fake.close());

function config(mode: string, extra: Partial<ProxyConfig> = {}, timeoutMs = 2000): ProxyConfig {
	return {
		limiter: new RateLimiter(600, 100),
		upstream: { apiKey: 'gsk_fake', baseURL: fake.baseURL(mode), model: 'fake-70b', timeoutMs },
		...extra
	};
}

const post = (headers: Record<string, string> = {}) =>
	new Request('http://app.test/api/llm', {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: 'http://app.test', ...headers },
		body: JSON.stringify({ user: 'evidence' })
	});

async function lines(res: Response): Promise<Record<string, unknown>[]> {
	const text = (await res.text()).trim();
	return text.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('incomplete answers are never reported as success', () => {
	it('an HTML 200 from the provider is a 502 saying the answer is incomplete', async () => {
		const res = await handlePost(post(), 'c', config('html'));
		expect(res.status).toBe(502);
		expect(((await res.json()) as { error: string }).error).toMatch(/text\/html.*incomplete/);
	});

	it('a stream closed without [DONE] ends in an error line flagged incomplete', async () => {
		const res = await handlePost(post(), 'c', config('nodone'));
		expect(res.status).toBe(200);
		const out = await lines(res);
		expect(out.some((l) => l.done)).toBe(false);
		expect(out.at(-1)).toMatchObject({ incomplete: true, status: 502 });
		expect(String(out.at(-1)!.error)).toMatch(/closed the stream.*incomplete/);
	});

	it('an error event inside the stream reports what the provider said', async () => {
		const out = await lines(await handlePost(post(), 'c', config('errevent')));
		expect(out.at(-1)).toMatchObject({ incomplete: true });
		expect(String(out.at(-1)!.error)).toMatch(/model overloaded, retry later/);
		expect(String(out.at(-1)!.error)).not.toMatch(/Cannot reach/);
	});

	it('caps the answer size', async () => {
		const cfg = config('huge');
		cfg.upstream!.maxAnswerChars = 5000;
		const out = await lines(await handlePost(post(), 'c', cfg));
		const relayed = out.map((l) => String(l.delta ?? '')).join('');
		expect(relayed.length).toBeLessThanOrEqual(5000);
		expect(String(out.at(-1)!.error)).toMatch(/cut at 5000 characters/);
	});
});

describe('provider limits and cancellation', () => {
	it.each([
		['429', '7'],
		['429date', /^(89|90)$/]
	])('honours the provider Retry-After (%s)', async (mode, expected) => {
		const res = await handlePost(post(), 'c', config(mode));
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toMatch(expected);
	});

	it('cancels the upstream call when the client leaves before the first byte', async () => {
		const ctrl = new AbortController();
		const before = fake.closed;
		const t0 = Date.now();
		setTimeout(() => ctrl.abort(), 100);
		const res = await handlePost(post(), 'c', config('hang', {}, 30_000), ctrl.signal);
		expect(Date.now() - t0).toBeLessThan(5000);
		expect(res.status).toBe(499);
		for (let i = 0; i < 50 && fake.closed === before; i++)
			await new Promise((r) => setTimeout(r, 20));
		expect(fake.closed).toBe(before + 1);
	});
});

describe('limits', () => {
	it('evicts the least recently seen client instead of forgetting everyone', () => {
		let now = 0;
		const limiter = new RateLimiter(1, 1, () => now, 3);
		expect(limiter.take('abuser')).toBe(0);
		expect(limiter.take('abuser')).toBeGreaterThan(0);
		for (const k of ['a', 'b', 'abuser', 'c']) limiter.take(k);
		now += 1;
		expect(limiter.size).toBe(3);
		// The abuser was seen recently, so it is still limited.
		expect(limiter.take('abuser')).toBeGreaterThan(0);
	});

	it('caps model use server-wide per minute and per day', async () => {
		let now = 0;
		const perRequest = estimateTokens('evidence');
		const budget = new TokenBudget(perRequest * 2, perRequest * 3, () => now);
		const cfg = config('stream', { budget });
		const codes: number[] = [];
		for (const client of ['a', 'b', 'c']) {
			const res = await handlePost(post(), client, cfg);
			codes.push(res.status);
			await res.text();
		}
		expect(codes).toEqual([200, 200, 429]);
		now = 61_000;
		expect((await handlePost(post(), 'd', cfg)).status).toBe(200);
		now = 122_000;
		const day = await handlePost(post(), 'e', cfg);
		expect(day.status).toBe(429);
		expect(Number(day.headers.get('retry-after'))).toBeGreaterThan(80_000);
	});

	it('refuses origins outside LLM_ALLOWED_ORIGINS, even when Host matches (DNS rebinding)', async () => {
		const origins = allowedOrigins('https://aitia.example.com, http://localhost:4173/', undefined);
		expect(origins).toEqual(['https://aitia.example.com', 'http://localhost:4173']);
		const rebinding = new Request('http://evil.test:4173/api/llm', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://evil.test:4173' },
			body: JSON.stringify({ user: 'x' })
		});
		const cfg = config('stream', { allowedOrigins: origins });
		expect((await handlePost(rebinding, 'c', cfg)).status).toBe(403);
		const ok = await handlePost(post({ origin: 'http://localhost:4173' }), 'c', cfg);
		expect(ok.status).toBe(200);
		await ok.text();
	});

	it('answers 400, not a bare 500, when the address header is missing', async () => {
		const res = clientAddress(() => {
			throw new Error(
				'Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent from request'
			);
		});
		expect(res).toBeInstanceOf(Response);
		expect((res as Response).status).toBe(400);
		expect(await (res as Response).text()).toMatch(/ADDRESS_HEADER/);
	});
});
