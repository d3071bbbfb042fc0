/**
 * Every response of the production server is cross-origin isolated and carries the security
 * headers (pages, assets, workers, WASM, the LLM route, 404s), and the app still runs under the
 * Content-Security-Policy: no violation while the workers and WebAssembly do their work.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { baseURL, cellStatuses, openApp, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');
const paths = ['/', '/demo/coolant-leak.zip', '/favicon.svg', '/no/such/page', '/api/llm'];

function expectSecurityHeaders(res: Response): void {
	const csp = res.headers.get('content-security-policy') ?? '';
	expect(csp).toMatch(/default-src 'self'/);
	expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
	expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
	expect(csp).toMatch(/img-src 'self' data: blob:;/);
	expect(csp).toMatch(/worker-src 'self'/);
	expect(csp).toMatch(/frame-ancestors 'none'/);
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('headers on every response', () => {
	it.each(paths)('%s carries the isolation and security headers', async (p) => {
		const res = await fetch(`${baseURL()}${p}`);
		expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
		expectSecurityHeaders(res);
	});

	it('serves the built JavaScript, workers and WASM with the headers too', async () => {
		const html = await (await fetch(`${baseURL()}/`)).text();
		const asset = html.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
		expect(asset).toBeTruthy();
		const res = await fetch(`${baseURL()}${asset}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
		expectSecurityHeaders(res);
		const dir = path.join(root, 'build/client/_app/immutable/workers/assets');
		const wasmFile = readdirSync(dir).find((f) => f.endsWith('.wasm'));
		const worker = readdirSync(path.dirname(dir)).find((f) => f.endsWith('.js'));
		for (const p of [`workers/assets/${wasmFile}`, `workers/${worker}`]) {
			const r = await fetch(`${baseURL()}/_app/immutable/${p}`);
			expect(r.status, p).toBe(200);
			expectSecurityHeaders(r);
		}
	});
});

describe('the app under its Content-Security-Policy', () => {
	let s: Session;
	beforeAll(async () => {
		s = await openSession();
		await s.page.addInitScript(() => {
			const w = window as unknown as { __csp: string[] };
			w.__csp = [];
			document.addEventListener('securitypolicyviolation', (e) =>
				w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)
			);
		});
		await openApp(s.page);
	}, 120_000);
	afterAll(() => s?.close());

	it('runs the notebooks, workers and WebAssembly without a violation', async () => {
		const { page } = s;
		await page.setInputFiles(
			'[data-testid=notebook-file-input]',
			path.join(root, 'notebooks/logs.nb.json')
		);
		await page.waitForSelector('article.cell[data-cell-name=similar]');
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 90_000);
		expect(await cellStatuses(page)).toMatchObject({ templates: 'done', search: 'done' });
		// The page itself may compile WebAssembly ('wasm-unsafe-eval') but not eval strings.
		const probe = await page.evaluate(async () => {
			const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
			const wasm = await WebAssembly.compile(empty).then(
				() => 'ok',
				(e: Error) => e.message
			);
			let evalled = 'blocked';
			try {
				evalled = String(new Function('return 1')());
			} catch {
				// expected under the policy
			}
			return { wasm, evalled };
		});
		expect(probe).toEqual({ wasm: 'ok', evalled: 'blocked' });
		const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
		// The eval probe above is the only violation allowed.
		expect(violations.filter((v) => !v.endsWith(' eval'))).toEqual([]);
		const cspErrors = s.errors.filter((e) => /Content Security Policy/i.test(e));
		expect(cspErrors.filter((e) => !/eval/.test(e))).toEqual([]);
	}, 180_000);
});
