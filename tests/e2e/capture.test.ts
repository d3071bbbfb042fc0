/**
 * "Capture from Prometheus/Loki" in real Chromium against a fake Prometheus and Loki on a loopback
 * port (CORS headers as `--web.cors.origin` or a proxy send them; the app is served with
 * AITIA_CONNECT_SRC admitting loopback ports, see global-setup.ts): a capture shows per-query
 * progress, opens the manifest review, lands in the library with the analyst's edits and its chart
 * draws; a Loki capture with a wrong field in the review keeps the capture until it is fixed;
 * a capture whose id is stored already is stored by "Replace", which closes its review;
 * Cancel mid-capture and Discard store nothing; a 401 is said per query; a server that sends no
 * CORS headers is refused by the browser and the message names CORS.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStores, type FakeStores } from '../support/fake-stores';
import { appSession, libraryIds, seriesPaths, waitForIdleRun } from './helpers';

let stores: FakeStores;
beforeAll(async () => {
	stores = await startFakeStores(8000);
});
afterAll(() => stores?.close());

const panel = (page: Page) => page.locator('[data-testid=capture-panel]');
const review = (page: Page) => panel(page).locator('[data-testid=proposed-manifest]');

async function fill(page: Page, prom: string, promql: string[], loki = '', logql: string[] = []) {
	const p = panel(page);
	if (!(await p.evaluate((d) => (d as HTMLDetailsElement).open))) {
		await p.locator('summary').click();
	}
	await p.locator('input[name=prometheus-url]').fill(prom && `${stores.url}${prom}`);
	await p.locator('textarea[name=promql]').fill(promql.join('\n'));
	await p.locator('input[name=loki-url]').fill(loki && `${stores.url}${loki}`);
	await p.locator('textarea[name=logql]').fill(logql.join('\n'));
}

/** Waits for the library to list one more incident than `before`, and returns its id. */
async function added(page: Page, before: string[]): Promise<string> {
	await page.waitForFunction(
		(n) => document.querySelectorAll('[data-testid=incident-list] li[data-incident-id]').length > n,
		before.length,
		{ timeout: 60_000 }
	);
	const ids = (await libraryIds(page)).filter((id) => !before.includes(id));
	expect(ids).toHaveLength(1);
	return ids[0];
}

describe('capture from Prometheus and Loki in the browser', () => {
	const session = appSession();

	it('captures the last hour, shows progress, stores the reviewed manifest and draws its chart', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '/ok', ['sum by (job, instance) (http_request_duration_seconds)']);
		await page.click('[data-testid=capture-start]');
		const row = panel(page).locator('[data-testid=capture-progress] li').first();
		await page.waitForSelector('[data-testid=capture-progress] li[data-state=done]', {
			timeout: 30_000
		});
		expect(await row.innerText()).toContain('2 series, 3,602 samples');
		// Nothing is stored before the review: the form proposes a manifest from the data.
		await review(page).waitFor({ timeout: 30_000 });
		expect(await review(page).innerText()).toContain('Nothing is stored until you do');
		expect(await review(page).locator('input[name=services]').inputValue()).toBe('api, db');
		expect(await libraryIds(page)).toEqual(before);
		expect(await page.locator('[data-testid=capture-start]').isDisabled()).toBe(true);
		// The raw capture can be saved as a bundle file.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid=capture-download]')
		]);
		expect(download.suggestedFilename()).toBe('capture.zip');

		await review(page).locator('input[name=title]').fill('Checkout latency drill');
		await review(page).locator('[data-testid=import-proposed]').click();
		const id = await added(page, before);
		expect(id).toMatch(/^capture-/);
		const item = page.locator(`li[data-incident-id="${id}"]`);
		expect(await item.innerText()).toContain('Checkout latency drill');
		expect(await item.innerText()).toContain('api, db');
		await review(page).waitFor({ state: 'detached' });
		await page.waitForSelector('article.cell[data-cell-name=golden_chart]', { timeout: 30_000 });
		await page.click('article.cell[data-cell-name=golden_chart] [data-testid=run-cell]');
		await waitForIdleRun(page, 60_000);
		expect(await seriesPaths(page, 'golden_chart')).toBe(2);
		expect(stores.requests).toContain('/ok/api/v1/query_range');
		expect(session().errors).toEqual([]);
	}, 150_000);

	it('captures Loki logs; a wrong field in the review keeps the capture until it is fixed', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '', [], '/ok', ['{service_name="checkout"}']);
		await page.click('[data-testid=capture-start]');
		await review(page).waitFor({ timeout: 30_000 });
		const row = panel(page).locator('[data-testid=capture-progress] li[data-source=loki]');
		expect(await row.innerText()).toMatch(/\d+ streams, [\d,]+ lines/);
		expect(await review(page).locator('input[name=services]').inputValue()).toBe('checkout');
		expect(stores.requests).toContain('/ok/loki/api/v1/query_range');

		await review(page).locator('input[name=id]').fill('loki-drill');
		await review(page).locator('input[name=onset]').fill('yesterday-ish');
		await review(page).locator('[data-testid=import-proposed]').click();
		const errors = page.locator('[data-testid=import-errors]');
		await errors.waitFor({ timeout: 60_000 });
		expect(await errors.innerText()).toContain('onset');
		// The review is still open with what the analyst typed, and nothing was stored.
		expect(await review(page).locator('input[name=onset]').inputValue()).toBe('yesterday-ish');
		expect(await review(page).locator('input[name=id]').inputValue()).toBe('loki-drill');
		expect(await libraryIds(page)).toEqual(before);

		await review(page).locator('input[name=onset]').fill('');
		await review(page).locator('[data-testid=import-proposed]').click();
		expect(await added(page, before)).toBe('loki-drill');
		expect(await page.locator('li[data-incident-id="loki-drill"]').innerText()).toContain(
			'checkout'
		);
		expect(session().errors).toEqual([]);
	}, 150_000);

	it('a capture whose id is stored already is stored by Replace, and its review closes', async () => {
		const { page } = session();
		const capture = async () => {
			await fill(page, '/ok', ['up']);
			await page.click('[data-testid=capture-start]');
			await review(page).waitFor({ timeout: 30_000 });
			await review(page).locator('input[name=id]').fill('replace-drill');
		};
		const before = await libraryIds(page);
		await capture();
		await review(page).locator('[data-testid=import-proposed]').click();
		expect(await added(page, before)).toBe('replace-drill');
		await review(page).waitFor({ state: 'detached' });

		await capture();
		await review(page).locator('input[name=title]').fill('Second take');
		await review(page).locator('[data-testid=import-proposed]').click();
		await page.locator('[data-testid=replace-incident]').waitFor({ timeout: 60_000 });
		await page.click('[data-testid=replace-incident]');
		await review(page).waitFor({ state: 'detached', timeout: 60_000 });
		await page.waitForFunction(
			() =>
				document
					.querySelector('li[data-incident-id="replace-drill"]')
					?.textContent?.includes('Second take'),
			undefined,
			{ timeout: 60_000 }
		);
		expect((await libraryIds(page)).filter((id) => id === 'replace-drill')).toHaveLength(1);
		expect(await page.locator('[data-testid=capture-start]').isDisabled()).toBe(false);
		expect(session().errors).toEqual([]);
	}, 150_000);

	it('Discard drops a finished capture without storing it', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '/ok', ['up']);
		await page.click('[data-testid=capture-start]');
		await review(page).waitFor({ timeout: 30_000 });
		await review(page).getByRole('button', { name: 'Discard capture' }).click();
		await review(page).waitFor({ state: 'detached' });
		expect(await libraryIds(page)).toEqual(before);
		expect(await page.locator('[data-testid=capture-start]').isDisabled()).toBe(false);
	}, 60_000);

	it('Cancel mid-capture stores nothing', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '/slow', ['up']);
		await page.click('[data-testid=capture-start]');
		await page.waitForSelector('[data-testid=capture-progress] li[data-state=running]');
		await page.click('[data-testid=capture-cancel]');
		const errors = page.locator('[data-testid=capture-errors]');
		await errors.waitFor({ timeout: 10_000 });
		expect(await errors.innerText()).toContain('Capture cancelled. Nothing was stored.');
		// Longer than the server's delay: a capture that went on would have shown its review by now.
		await page.waitForTimeout(9000);
		expect(await review(page).count()).toBe(0);
		expect(await libraryIds(page)).toEqual(before);
		expect(await page.locator('[data-testid=import-progress]').count()).toBe(0);
	}, 60_000);

	it('says per query that the server refused the credentials (401)', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '/auth', ['up', 'rate(http_requests_total[5m])']);
		await page.click('[data-testid=capture-start]');
		const errors = page.locator('[data-testid=capture-errors]');
		await errors.waitFor({ timeout: 30_000 });
		const rows = page.locator('[data-testid=capture-progress] li');
		expect(await rows.count()).toBe(2);
		for (const text of await rows.allInnerTexts()) {
			expect(text).toContain(
				'HTTP 401: not authorised (check the bearer token or user and password in the capture form)'
			);
		}
		expect(await errors.innerText()).toContain('none of the 2 queries returned data');
		expect(await libraryIds(page)).toEqual(before);
	}, 60_000);

	it('names CORS when the server does not allow this origin', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '', [], '/nocors', ['{service_name="checkout"}']);
		await page.click('[data-testid=capture-start]');
		const errors = page.locator('[data-testid=capture-errors]');
		await errors.waitFor({ timeout: 60_000 });
		const row = await page.locator('[data-testid=capture-progress] li').first().innerText();
		expect(row).toContain('the browser could not reach');
		expect(row).toContain('the server must allow this origin');
		expect(row).toContain('Access-Control-Allow-Origin');
		// The request did reach the server: the browser refused the answer, as with real CORS.
		expect(stores.requests).toContain('/nocors/loki/api/v1/query_range');
		expect(await libraryIds(page)).toEqual(before);
	}, 90_000);
});
