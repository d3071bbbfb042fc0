/** Every response of the production server is cross-origin isolated (pages, assets, 404s). */
import { describe, expect, it } from 'vitest';
import { baseURL } from './helpers';

const paths = ['/', '/demo/coolant-leak.zip', '/favicon.svg', '/no/such/page'];

describe('COOP/COEP on every response', () => {
	it.each(paths)('%s carries the isolation headers', async (p) => {
		const res = await fetch(`${baseURL()}${p}`);
		expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
	});

	it('serves the built JavaScript with the headers too', async () => {
		const html = await (await fetch(`${baseURL()}/`)).text();
		const asset = html.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
		expect(asset).toBeTruthy();
		const res = await fetch(`${baseURL()}${asset}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
	});
});
