/**
 * Authoring that never loses work: every kind can be added from the toolbar and runs as added;
 * delete, move and duplicate undo and redo (a restored cell gets its output back); cells move by
 * buttons, drag and keys; arrows walk between cells; `?` lists the shortcuts; Run all shows
 * progress. Fixture: the seeded demo incident, in a fresh "New notebook".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './browser';
import { cellStatuses, openApp, waitForIdleRun } from './helpers';

const names = (page: Page) =>
	page.$$eval('article.cell', (els) => els.map((e) => e.getAttribute('data-cell-name') ?? ''));
const focusedName = (page: Page) =>
	page.evaluate(() => document.activeElement?.getAttribute('data-cell-name'));

/** Opens a fresh notebook on the demo incident (a markdown cell and a data cell). */
async function newNotebook(page: Page): Promise<void> {
	await page.getByRole('button', { name: '+ New notebook' }).first().click();
	await page.waitForFunction(() => document.querySelectorAll('article.cell').length === 2);
}

describe('authoring in Chromium', () => {
	let s: Session;

	beforeAll(async () => {
		s = await openSession();
		await openApp(s.page);
	});
	afterAll(async () => {
		await s?.close();
	});

	it('adds every kind from the toolbar and runs each as added', { timeout: 240_000 }, async () => {
		const { page } = s;
		await newNotebook(page);
		const kinds = await page.$$eval('select[aria-label="Kind of cell to add"] option', (os) =>
			os.map((o) => (o as HTMLOptionElement).value)
		);
		expect(kinds).toContain('effect');
		for (const kind of kinds) {
			await page.selectOption('select[aria-label="Kind of cell to add"]', kind);
			await page.click('body', { position: { x: 5, y: 5 } }); // add at the end, not after a focused cell
			await page.getByRole('button', { name: 'Add cell' }).click();
		}
		expect(s.errors).toEqual([]);
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 200_000);
		const statuses = await cellStatuses(page);
		const errors = await page.$$eval('article.cell', (els) =>
			els
				.filter((e) => e.querySelector('[data-testid=cell-error]'))
				.map(
					(e) =>
						`${e.getAttribute('data-kind')}: ${e.querySelector('[data-testid=cell-error]')?.textContent}`
				)
		);
		expect(errors).toEqual([]);
		for (const [name, status] of Object.entries(statuses))
			expect(`${name}:${status}`).toBe(`${name}:done`);
		const kindsShown = await page.$$eval('article.cell', (els) =>
			els.map((e) => e.getAttribute('data-kind'))
		);
		for (const kind of kinds) expect(kindsShown).toContain(kind);
	});

	it('undoes and redoes delete (with its output), duplicate and move', async () => {
		const { page } = s;
		await newNotebook(page);
		await page.locator('article.cell[data-cell-name=data] [data-testid=run-cell]').click();
		await waitForIdleRun(page);
		const data = page.locator('article.cell[data-cell-name=data]');
		await data.getByRole('button', { name: 'Delete cell' }).click();
		expect(await names(page)).toEqual(['notes']);
		await page.click('[data-testid=undo]');
		expect(await names(page)).toEqual(['notes', 'data']);
		await page.waitForSelector('article.cell[data-cell-name=data] [data-testid=cell-output]');
		expect((await cellStatuses(page)).data).toBe('done');
		await page.click('[data-testid=redo]');
		expect(await names(page)).toEqual(['notes']);
		await page.keyboard.press('Control+z');
		expect(await names(page)).toEqual(['notes', 'data']);

		await data.getByRole('button', { name: 'Duplicate cell' }).click();
		expect(await names(page)).toEqual(['notes', 'data', 'data_copy']);
		await page
			.locator('article.cell[data-cell-name=data_copy]')
			.getByRole('button', { name: 'Move up' })
			.click();
		expect(await names(page)).toEqual(['notes', 'data_copy', 'data']);
		await page.click('[data-testid=undo]');
		expect(await names(page)).toEqual(['notes', 'data', 'data_copy']);
		await page.click('[data-testid=undo]');
		expect(await names(page)).toEqual(['notes', 'data']);
		await page.keyboard.press('Control+Shift+z');
		expect(await names(page)).toEqual(['notes', 'data', 'data_copy']);
	});

	it('moves by keys and drag, walks cells with arrows, lists shortcuts on ?', async () => {
		const { page } = s;
		expect(await names(page)).toEqual(['notes', 'data', 'data_copy']);
		await page.focus('article.cell[data-cell-name=notes]');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('data');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('data_copy');
		await page.keyboard.press('ArrowUp');
		expect(await focusedName(page)).toBe('data');
		await page.keyboard.press('Alt+ArrowUp');
		expect(await names(page)).toEqual(['data', 'notes', 'data_copy']);
		expect(await focusedName(page)).toBe('data');
		await page.keyboard.press('Alt+ArrowDown');
		expect(await names(page)).toEqual(['notes', 'data', 'data_copy']);

		await page
			.locator('article.cell[data-cell-name=data_copy] [data-testid=drag-cell]')
			.dragTo(page.locator('article.cell[data-cell-name=notes]'));
		expect(await names(page)).toEqual(['data_copy', 'notes', 'data']);
		await page.keyboard.press('Control+z');
		expect(await names(page)).toEqual(['notes', 'data', 'data_copy']);

		await page.focus('article.cell[data-cell-name=notes]');
		await page.keyboard.press('Shift+?');
		const dialog = page.locator('[data-testid=shortcuts-dialog]');
		await dialog.waitFor({ state: 'visible' });
		expect(await dialog.innerText()).toContain('Move the focused cell up');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
	});

	it('Run all shows k / n progress', async () => {
		const { page } = s;
		await page.selectOption('select[aria-label="Kind of cell to add"]', 'root-cause');
		await page.getByRole('button', { name: 'Add cell' }).click();
		// Every text the progress shows, recorded in the page: a run of one cell can end between a
		// locator seeing the progress and reading it (it did once, on a loaded machine).
		await page.evaluate(() => {
			const w = window as unknown as { progressSeen: string[] };
			w.progressSeen = [];
			new MutationObserver(() => {
				const text = document.querySelector('[data-testid=run-all-progress]')?.textContent;
				if (text) w.progressSeen.push(text);
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		await page.click('[data-testid=run-all]');
		await page.waitForFunction(
			() => (window as unknown as { progressSeen: string[] }).progressSeen.length > 0
		);
		await waitForIdleRun(page);
		const seen = await page.evaluate(
			() => (window as unknown as { progressSeen: string[] }).progressSeen
		);
		expect(seen.some((x) => /\d+ \/ \d+/.test(x))).toBe(true);
		await page.locator('[data-testid=run-all-progress]').waitFor({ state: 'hidden' });
		expect(s.errors).toEqual([]);
	});
});
