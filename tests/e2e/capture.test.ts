/**
 * "Capture from Prometheus/Loki" in real Chromium against a fake Prometheus on a loopback port
 * (CORS headers as `--web.cors.origin` sends them; the app is served with AITIA_CONNECT_SRC
 * admitting loopback ports, see global-setup.ts): a capture shows per-query progress, lands in
 * the library and its chart draws; Cancel mid-capture stores nothing; a 401 is said per query.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePrometheus, type FakePrometheus } from '../support/fake-prometheus';
import { appSession, libraryIds, seriesPaths, waitForIdleRun } from './helpers';

let prom: FakePrometheus;
beforeAll(async () => {
	prom = await startFakePrometheus(8000);
});
afterAll(() => prom?.close());

async function fill(page: Page, path: string, queries: string[]): Promise<void> {
	const panel = page.locator('[data-testid=capture-panel]');
	if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) {
		await panel.locator('summary').click();
	}
	await panel.locator('input[name=prometheus-url]').fill(`${prom.url}${path}`);
	await panel.locator('textarea[name=promql]').fill(queries.join('\n'));
}

describe('capture from Prometheus in the browser', () => {
	const session = appSession();

	it('captures the last hour, shows progress, imports it and draws its chart', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await fill(page, '/ok', ['sum by (job, instance) (http_request_duration_seconds)']);
		await page.click('[data-testid=capture-start]');
		const row = page.locator('[data-testid=capture-progress] li').first();
		await page.waitForSelector('[data-testid=capture-progress] li[data-state=done]', {
			timeout: 30_000
		});
		expect(await row.innerText()).toContain('2 series, 3,602 samples');
		await page.waitForFunction(
			(n) =>
				document.querySelectorAll('[data-testid=incident-list] li[data-incident-id]').length > n,
			before.length,
			{ timeout: 60_000 }
		);
		const added = (await libraryIds(page)).filter((id) => !before.includes(id));
		expect(added).toHaveLength(1);
		expect(added[0]).toMatch(/^capture-/);
		const item = page.locator(`li[data-incident-id="${added[0]}"]`);
		expect(await item.innerText()).toContain('api, db');
		await page.waitForSelector('article.cell[data-cell-name=golden_chart]', { timeout: 30_000 });
		await page.click('article.cell[data-cell-name=golden_chart] [data-testid=run-cell]');
		await waitForIdleRun(page, 60_000);
		expect(await seriesPaths(page, 'golden_chart')).toBe(2);
		expect(prom.requests).toContain('/ok/api/v1/query_range');
		expect(session().errors).toEqual([]);
	}, 120_000);

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
		// Longer than the server's delay: a capture that went on would have been imported by now.
		await page.waitForTimeout(9000);
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
});
