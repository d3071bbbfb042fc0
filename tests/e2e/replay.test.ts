/**
 * Replay in Chromium on the demo: the scrubber's keys move a cursor, every cell that reads the
 * incident is cut there (the data cells end at the cursor, the ranking searches up to it, log
 * templates are mined, and log search indexes, the lines known then), and `\` brings the whole
 * incident back from the cache.
 */
import { describe, expect, it } from 'vitest';
import { appSession, waitForIdleRun } from './helpers';

describe('replay cursor in Chromium', () => {
	const session = appSession();

	it('cuts every cell at the cursor, and names host-b4 16 minutes after the onset', async () => {
		const { page, errors } = session();
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 120_000);
		const time = page.locator('[data-testid=replay-time]');
		expect(await time.textContent()).toMatch(/whole incident/);
		await page.locator('body').click({ position: { x: 3, y: 3 } });
		// Jump mark by mark (events, the bundle's notes, baseline end) to the onset, saying each one.
		const mark = page.locator('[data-testid=replay-mark]');
		const seen: string[] = [];
		for (let i = 0; i < 10 && !seen.at(-1)?.includes('declared onset'); i++) {
			await page.keyboard.press(']');
			seen.push((await mark.textContent()) ?? '');
		}
		expect(seen.join(' | ')).toMatch(/v2\.14\.1 fully rolled out, dashboards green\./); // a note from annotations.json
		expect(seen.at(-1)).toBe('declared onset');
		// Then 8 steps of 2 minutes.
		for (let i = 0; i < 8; i++) await page.keyboard.press('.');
		await expect.poll(() => time.textContent()).toMatch(/as of 2026-03-14 04:16:00Z/);
		await expect
			.poll(() => page.locator('[data-testid=replay-bar] .behind').textContent(), {
				timeout: 120_000
			})
			.toBe('cells up to date');
		const data = page.locator('article.cell[data-cell-name=all_series]');
		expect(await data.textContent()).toMatch(/→ 2026-03-14 04:16:00 UTC/);
		const top = page.locator('article.cell[data-cell-name=ranking] [data-testid=root-cause-row]');
		expect(await top.first().getAttribute('data-service')).toBe('host-b4');
		// Templates are mined, and log search indexes, the lines known then.
		const templates = page.locator('article.cell[data-cell-name=log_templates]');
		expect(await templates.textContent()).toMatch(/replay: lines up to 2026-03-14T04:16:00/);
		const search = page.locator('article.cell[data-cell-name=log_search]');
		expect(await search.textContent()).toMatch(/replay: the \d+ lines up to 2026-03-14T04:16:00/);
		// The postmortem view says its outputs stop at the cursor, so a printout cannot pass for the
		// whole incident.
		await page.getByRole('button', { name: 'Postmortem view' }).click();
		expect(await page.locator('[data-testid=postmortem-as-of]').innerText()).toMatch(
			/Replay: as of 2026-03-14 04:16:00 UTC\. Every output below shows only the data up to/
		);
		await page.getByRole('button', { name: 'Back to editing' }).click();
		// Back to the whole incident: outputs return from the cache.
		await page.keyboard.press('\\');
		expect(await time.textContent()).toMatch(/whole incident/);
		await expect
			.poll(() => data.textContent(), { timeout: 60_000 })
			.toMatch(/→ 2026-03-14 06:00:00 UTC/);
		// The whole log's search is back, from the cache.
		const status = search.locator('[data-testid=cell-status]');
		await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
		expect(errors).toEqual([]);
	}, 300_000);
});
