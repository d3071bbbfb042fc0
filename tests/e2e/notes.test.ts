/**
 * Replay and notes in Chromium, as an analyst uses them: run the demo, move the cursor to 04:20
 * (the forecast and the charts change, the ranking searches only up to then), select a range on a
 * chart and note it as the trigger, reload (the note is still there), export a capsule and open
 * it in a fresh browser (the note is back, read-only, on the chart and in the list).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { openApp, waitForIdleRun } from './helpers';

const downloads = mkdtempSync(path.join(tmpdir(), 'aitia-notes-'));
const AT_0420 = Date.UTC(2026, 2, 14, 4, 20);

describe('replay, notes and capsules', () => {
	let a: Session;
	let b: Session;
	beforeAll(async () => {
		a = await openSession({ downloads });
		b = await openSession();
	});
	afterAll(async () => {
		await a?.close();
		await b?.close();
	});

	it('cuts outputs at 04:20, keeps a chart note across a reload and in a capsule', async () => {
		const { page } = a;
		await openApp(page);
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 120_000);
		const forecast = page.locator(
			'article.cell[data-cell-name=latency_forecast] [data-testid=cell-output]'
		);
		const chart = page.locator('article.cell[data-cell-name=golden_chart]');
		const wholeForecast = await forecast.textContent();
		const wholeLine = await chart.locator('path.series').first().getAttribute('d');

		// From no cursor, each `.` is one 2-minute step from the onset (04:00): ten steps = 04:20.
		await page.locator('body').click({ position: { x: 3, y: 3 } });
		for (let i = 0; i < 10; i++) await page.keyboard.press('.');
		const time = page.locator('[data-testid=replay-time]');
		await expect.poll(() => time.textContent()).toMatch(/as of 2026-03-14 04:20:00Z/);
		await expect
			.poll(() => page.locator('[data-testid=replay-bar] .behind').textContent(), {
				timeout: 180_000
			})
			.toBe('cells up to date');
		// Every chart draws the cursor; the chart's lines end there; the forecast is redone from then.
		expect(await chart.locator('.replay-cursor').getAttribute('data-t')).toBe(String(AT_0420));
		expect(await chart.locator('path.series').first().getAttribute('d')).not.toBe(wholeLine);
		expect(await forecast.textContent()).not.toBe(wholeForecast);
		const ranking = page.locator('article.cell[data-cell-name=ranking]');
		expect(await ranking.locator('[data-testid=root-cause-summary]').textContent()).toMatch(
			/searched [^;]*–\s+2026-03-14 04:20/
		);

		// Select 03:50–04:10 on the chart in note mode and note it as the trigger.
		await chart.scrollIntoViewIfNeeded();
		await chart.locator('[data-testid=chart-note-mode]').click();
		const svg = chart.locator('svg[role=application]');
		const box = (await svg.boundingBox())!;
		const left = box.x + 52; // the chart's left margin
		const width = box.width - 52 - 16;
		// At the cursor the chart spans 00:00 to 04:20: nothing after the cursor is drawn.
		const xAt = (hours: number) => left + (hours / (4 + 20 / 60)) * width;
		await page.mouse.move(xAt(3 + 50 / 60), box.y + 120);
		await page.mouse.down();
		await page.mouse.move(xAt(4 + 10 / 60), box.y + 140, { steps: 6 });
		await page.mouse.up();
		const editor = page.locator('[data-testid=note-editor]');
		await expect.poll(() => editor.getAttribute('open')).not.toBeNull();
		expect(await page.locator('[data-testid=note-about]').textContent()).toMatch(
			/range 2026-03-14 03:(4|5)\d:\d\d UTC – 2026-03-14 04:(0|1)\d:\d\d UTC in golden_chart/
		);
		await page.fill('[data-testid=note-text]', 'Coolant pressure alarm: **this** is the trigger.');
		await editor.locator('button[data-tag=trigger]').click();
		await page.fill('[data-testid=note-author]', 'Ana');
		await page.keyboard.press('Control+Enter');
		await expect.poll(() => editor.getAttribute('open')).toBeNull();
		await expect.poll(() => chart.locator('.note-band:not(.readonly)').count()).toBe(1);
		const row = page.locator('[data-testid=note-row]', { hasText: 'this is the trigger' });
		expect(await row.textContent()).toMatch(/trigger.*range.*golden_chart/s);

		// Reload: the note was saved with the notebook (the cursor was not: it is runtime state).
		await page.waitForTimeout(600); // the notebook saves 250 ms after an edit
		await page.reload();
		await page.waitForSelector('[data-testid=replay-bar]', { timeout: 60_000 });
		expect(await time.textContent()).toMatch(/whole incident/);
		await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
		expect(await row.textContent()).toMatch(/Ana/);

		// A capsule carries the note; opened in a fresh browser it is shown, read-only.
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 120_000);
		await page.click('[data-testid=export-capsule]');
		await page.locator('[data-testid=redaction-preview]').waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid=export-capsule-go]')
		]);
		const file = path.join(downloads, download.suggestedFilename());
		await download.saveAs(file);

		await openApp(b.page);
		await b.page.setInputFiles('[data-testid=capsule-file-input]', file);
		await b.page.locator('[data-testid=snapshot-banner]').waitFor({ timeout: 60_000 });
		const back = b.page.locator('[data-testid=note-row]', { hasText: 'this is the trigger' });
		await expect.poll(() => back.count(), { timeout: 30_000 }).toBe(1);
		expect(await back.getByRole('button', { name: 'Edit' }).count()).toBe(0);
		const bChart = b.page.locator('article.cell[data-cell-name=golden_chart]');
		await expect.poll(() => bChart.locator('.note-band:not(.readonly)').count()).toBe(1);
		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
	}, 600_000);
});
