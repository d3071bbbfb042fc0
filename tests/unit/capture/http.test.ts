import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpOptions } from '../../../workers/capture/api';
import { basicAuth, getJson, retryAfterMs } from '../../../workers/capture/http';
import { CancelSource, neverCancelled } from '../../../workers/shared/cancel';
import { freePort } from '../../support/net';
import { startFakeServer, type FakeServer } from './fake-server';

let server: FakeServer;
beforeAll(async () => {
	server = await startFakeServer();
});
afterAll(() => server.close());

const opts = (over: Partial<HttpOptions> = {}): HttpOptions => ({
	timeoutMs: 5000,
	retries: 0,
	backoffMs: 10,
	context: 'cli',
	...over
});

describe('capture HTTP', () => {
	it('reads Retry-After as seconds or an HTTP date, capped at a minute', () => {
		const now = Date.parse('2024-06-01T10:00:00Z');
		expect(retryAfterMs(null)).toBeUndefined();
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs('600')).toBe(60_000);
		expect(retryAfterMs('Sat, 01 Jun 2024 10:00:05 GMT', now)).toBe(5000);
		expect(retryAfterMs('soon')).toBeUndefined();
	});

	it('encodes basic auth as UTF-8', () => {
		expect(basicAuth('ann', 'pä')).toBe(`Basic ${Buffer.from('ann:pä').toString('base64')}`);
	});

	it('a cancel aborts the request in flight', async () => {
		const src = new CancelSource();
		const url = new URL(`${server.url}/hang/api/v1/query_range`);
		const started = Date.now();
		setTimeout(() => src.cancel(), 100);
		await expect(getJson(url, opts(), src)).rejects.toThrow('Cancelled');
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('in the browser, an unreachable server names CORS and AITIA_CONNECT_SRC', async () => {
		const url = new URL(`http://127.0.0.1:${await freePort()}/api/v1/query_range`);
		const err = getJson(url, opts({ context: 'browser' }), neverCancelled);
		await expect(err).rejects.toThrow(
			`the browser could not reach ${url.origin}: the server must allow this origin (Prometheus: --web.cors.origin=…`
		);
		await expect(err).rejects.toThrow(
			/must list it \(AITIA_CONNECT_SRC\) \(gave up after 1 attempt\)$/
		);
	});
});
