/**
 * The incident library: the first paint never claims "No incidents yet" while the demo is being
 * seeded; items show services, time range, size and import date; search filters; storage use,
 * quota and persistence are shown; an import opens its default investigation notebook; one
 * incident is deleted; "Clear all data" asks first. Fixtures: the demo, tests/fixtures/bundles/good.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { cellStatuses, libraryIds, openApp, waitForIdleRun } from './helpers';

const good = path.resolve(import.meta.dirname, '../fixtures/bundles/good');
const GOOD_ID = 'inc-2024-06-01-checkout';

describe('incident library in Chromium', () => {
	let s: Session;

	beforeAll(async () => {
		s = await openSession();
		// Record every text the list shows, from the very first paint on.
		await s.page.addInitScript(() => {
			const seen: string[] = [];
			(window as unknown as { __listTexts: string[] }).__listTexts = seen;
			new MutationObserver(() => {
				const list = document.querySelector('[data-testid=incident-list]');
				if (list) seen.push(list.textContent ?? '');
			}).observe(document, { subtree: true, childList: true, characterData: true });
		});
	});
	afterAll(async () => {
		await s?.close();
	});

	it('never shows "No incidents yet" while the demo is seeded', async () => {
		await openApp(s.page);
		const texts = await s.page.evaluate(
			() => (window as unknown as { __listTexts: string[] }).__listTexts
		);
		expect(texts.length).toBeGreaterThan(0);
		expect(texts.filter((t) => t.includes('No incidents yet'))).toEqual([]);
	});

	it('lists services, time range, size and import date; shows storage', async () => {
		const { page } = s;
		const item = page.locator('[data-testid=incident-list] li[data-incident-id]').first();
		const text = await item.innerText();
		expect(text).toContain('edge');
		expect(text).toMatch(/\d+(\.\d)? (kB|MB)/);
		expect(text).toMatch(/Imported \d{4}-\d{2}-\d{2}/);
		expect(await item.locator('[data-testid=incident-range]').innerText()).toContain('→');
		await page.waitForSelector('[data-testid=storage-usage]');
		expect(await page.locator('[data-testid=storage-usage]').innerText()).toMatch(/used of/);
		expect(await page.locator('[data-testid=storage-persisted]').innerText()).toMatch(
			/Persistent|Best effort|unknown/
		);
	});

	it('an imported bundle opens its default investigation notebook, which runs', async () => {
		const { page } = s;
		await page.setInputFiles('[data-testid=bundle-folder-input]', good);
		await page.waitForSelector('.result.ok');
		await page.waitForFunction(
			(id) => new URL(location.href).searchParams.get('nb')?.includes(id),
			GOOD_ID
		);
		await page.waitForSelector('article.cell[data-cell-name=ranking]');
		const names = await page.$$eval('article.cell', (els) =>
			els.map((e) => e.getAttribute('data-kind'))
		);
		expect(names).toEqual(expect.arrayContaining(['data', 'chart', 'root-cause', 'diagnosis']));
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 120_000);
		const statuses = await cellStatuses(page);
		expect(statuses.golden_chart).toBe('done');
		expect(statuses.ranking).toBe('done');
	}, 180_000);

	it('clears cached outputs, keeping incidents, and says how much it freed', async () => {
		const { page } = s;
		await page.click('[data-testid=clear-outputs]');
		await page.waitForFunction(() =>
			/Freed about/.test(
				document.querySelector('[data-testid=clear-outputs-status]')?.textContent ?? ''
			)
		);
		const status = await page.locator('[data-testid=clear-outputs-status]').innerText();
		// The notebook just ran, so its outputs were cached: something non-zero is freed.
		expect(status).toMatch(/Freed about [1-9][\d.]* (B|kB|MB)/);
		expect((await libraryIds(page)).sort()).toEqual(['coolant-leak-b4', GOOD_ID].sort());
	});

	it('searches and deletes one incident', async () => {
		const { page } = s;
		expect((await libraryIds(page)).sort()).toEqual(['coolant-leak-b4', GOOD_ID].sort());
		await page.fill('input[aria-label="Search incidents"]', 'checkout');
		expect(await libraryIds(page)).toEqual([GOOD_ID]);
		await page.fill('input[aria-label="Search incidents"]', 'no-such-thing');
		await page.waitForSelector('text=No incident matches');
		await page.fill('input[aria-label="Search incidents"]', '');
		page.once('dialog', (d) => void d.accept());
		await page.getByRole('button', { name: 'Delete incident Checkout latency spike' }).click();
		await page.waitForFunction(
			(id) => !document.querySelector(`li[data-incident-id="${id}"]`),
			GOOD_ID
		);
		expect(await libraryIds(page)).toHaveLength(1);
	});

	it('clears all data only after confirmation', async () => {
		const { page } = s;
		await page.setInputFiles('[data-testid=bundle-folder-input]', good);
		await page.waitForSelector(`li[data-incident-id="${GOOD_ID}"]`);
		await page.getByRole('button', { name: 'Clear all data…' }).click();
		await page.getByRole('button', { name: 'Cancel', exact: true }).click();
		expect(await libraryIds(page)).toContain(GOOD_ID);
		await page.getByRole('button', { name: 'Clear all data…' }).click();
		await Promise.all([page.waitForEvent('load'), page.click('[data-testid=confirm-clear]')]);
		// A fresh start: the demo is seeded again, the imported incident is gone.
		await openApp(page);
		expect(await libraryIds(page)).toEqual(['coolant-leak-b4']);
		expect(s.errors).toEqual([]);
	});
});
