/**
 * The log cells in Chromium on the demo incident: the logs worker reads the stored logs from
 * IndexedDB, mines templates (the DB failures burst during the incident), embeds them with the
 * embedder it could load (the shipped all-MiniLM-L6-v2, static/models/) and answers a free-text search.
 * Fixture: notebooks/logs.nb.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openSession, type Session } from './browser';
import { cellStatuses, openApp, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');

describe('log cells', () => {
	let s: Session;
	beforeAll(async () => {
		s = await openSession();
		await openApp(s.page);
	});
	afterAll(() => s.close());

	it('shows bursting DB failure templates and finds "socket timeout" with the embedder named', async () => {
		const { page } = s;
		await page.setInputFiles(
			'[data-testid=notebook-file-input]',
			path.join(root, 'notebooks/logs.nb.json')
		);
		await page.waitForSelector('article.cell[data-cell-name=similar]');
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 90_000);
		expect(await cellStatuses(page)).toMatchObject({
			templates: 'done',
			search: 'done',
			similar: 'done'
		});

		const tpl = page.locator('article.cell[data-cell-name=templates]');
		const rows = await tpl.locator('[data-testid=template-row]').evaluateAll((els) =>
			els.map((e) => ({
				text: e.querySelector('button')?.textContent ?? '',
				burst: Number(e.getAttribute('data-burst'))
			}))
		);
		const dbFailed = rows.find((r) => /DB connection failed/.test(r.text));
		expect(dbFailed, JSON.stringify(rows.slice(0, 5))).toBeDefined();
		expect(dbFailed!.burst).toBeGreaterThan(10);
		expect(await tpl.locator('[data-testid=embedder-name]').getAttribute('data-embedder')).toBe(
			'all-minilm-l6-v2/q8/t128'
		);
		// Expanding a row shows its sample lines.
		await tpl
			.locator('[data-testid=template-row] button', { hasText: 'DB connection failed' })
			.first()
			.click();
		expect(await tpl.locator('[data-testid=template-lines] li').count()).toBeGreaterThan(0);

		const search = page.locator('article.cell[data-cell-name=search]');
		const hits = search.locator('[data-testid=log-search-hit]');
		expect(await hits.count()).toBeGreaterThan(0);
		expect(await hits.first().textContent()).toContain('socket timeout');
		expect(await search.locator('[data-testid=embedder-name]').textContent()).toContain(
			'all-minilm-l6-v2/q8/t128'
		);
		const similar = page.locator('article.cell[data-cell-name=similar]');
		expect(await similar.locator('[data-testid=embedder-name]').count()).toBe(1);
		expect(s.errors).toEqual([]);
	});
});
