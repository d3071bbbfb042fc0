/**
 * The main path an analyst takes: the demo is there on first start, a bundle is imported through
 * the file input, the notebook runs, everything survives a reload, and a notebook round-trips
 * through export and import. Fixture: static/demo/coolant-leak.zip + notebooks/demo.nb.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBundle } from '../../workers/bundle/parse';
import { matchSeries } from '../../workers/shared/select';
import { openSession, type Session } from './browser';
import { cellStatuses, libraryIds, openApp, seriesPaths, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');
const demoZip = path.join(root, 'static/demo/coolant-leak.zip');
const demoNotebook = JSON.parse(readFileSync(path.join(root, 'notebooks/demo.nb.json'), 'utf8'));

/** How many series the demo notebook's `golden` data cell selects, computed from the bundle itself. */
async function expectedGoldenSeries(): Promise<number> {
	const parsed = await parseBundle([{ path: 'coolant-leak.zip', bytes: readFileSync(demoZip) }]);
	if (!parsed.ok) throw new Error('demo bundle does not parse');
	const golden = demoNotebook.cells.find((c: { name: string }) => c.name === 'golden');
	const keys = parsed.bundle.series.map((s) => s.key);
	return matchSeries(golden.params.series, keys).length;
}

describe('workbench in Chromium', () => {
	let s: Session;
	const downloads = mkdtempSync(path.join(tmpdir(), 'aitia-dl-'));

	beforeAll(async () => {
		s = await openSession({ downloads });
	});
	afterAll(async () => {
		await s?.close();
	});

	it('starts with the demo incident loaded and the demo notebook open', async () => {
		await openApp(s.page);
		expect(await libraryIds(s.page)).toEqual([demoNotebook.incidentId]);
		await s.page.waitForSelector('article.cell[data-cell-name=golden]');
		const names = await s.page.$$eval('article.cell', (els) =>
			els.map((e) => e.getAttribute('data-cell-name'))
		);
		expect(names).toEqual(demoNotebook.cells.map((c: { name: string }) => c.name));
		expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
	});

	it('imports the demo bundle through the file input (replacing the seeded copy)', async () => {
		const { page } = s;
		await page.setInputFiles('[data-testid=bundle-file-input]', demoZip);
		await page.waitForSelector('[data-testid=replace-incident]');
		await page.click('[data-testid=replace-incident]');
		await page.waitForSelector('.result.ok');
		expect(await libraryIds(page)).toEqual([demoNotebook.incidentId]);
	});

	it('runs all cells and draws one path per selected series', async () => {
		const { page } = s;
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page);
		const statuses = await cellStatuses(page);
		for (const [name, status] of Object.entries(statuses))
			expect(`${name}:${status}`).toBe(`${name}:done`);
		expect(await seriesPaths(page, 'golden_chart')).toBe(await expectedGoldenSeries());
		expect(
			await page.locator('article.cell[data-cell-name=golden_chart] .event-marker').count()
		).toBeGreaterThan(0);
		expect(
			await page.locator('article.cell[data-cell-name=golden_stats] tbody tr').count()
		).toBeGreaterThan(0);
		// The analysis half of the demo: the true cause ranks first and the forecaster warns.
		const top = page.locator('[data-testid=root-cause-table] tbody tr').first();
		expect(await top.innerText()).toContain('host-b4');
		await page
			.locator('article.cell[data-cell-name=latency_forecast] [data-testid=predictive-alert]')
			.waitFor();
		expect(await page.locator('[data-testid=templates-table] tbody tr').count()).toBeGreaterThan(0);
		expect(await page.locator('article.cell[data-cell-name=diagnosis]').innerText()).toContain(
			'root cause: host-b4.cpu_temp_c'
		);
		expect(s.errors).toEqual([]);
	});

	// The hover read-out and double-click reset were once unreachable (an early return in the
	// chart builder) while the keyboard read-out still worked.
	it('the chart reads out values under the mouse, the arrow keys go on from there, and a double click resets the zoom', async () => {
		const { page } = s;
		const cell = page.locator('article.cell[data-cell-name=golden_chart]');
		const svg = cell.locator('svg[role=application]');
		await svg.scrollIntoViewIfNeeded();
		const box = (await svg.boundingBox())!;
		const y = box.y + box.height / 2;
		await page.mouse.move(box.x + box.width * 0.4, y);
		await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
		const readout = cell.locator('.readout');
		await readout.waitFor();
		expect(await readout.innerText()).toContain('edge.latency_ms');
		await page.mouse.move(box.x + box.width / 2, box.y - 40);
		await readout.waitFor({ state: 'detached' });
		// The arrow keys go on from the time under the mouse (one step: 1 % of the view).
		const when = async () =>
			Date.parse((await readout.locator('.when').innerText()).replace(' UTC', 'Z'));
		await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
		await readout.waitFor();
		const hovered = await when();
		await svg.focus();
		await page.keyboard.press('ArrowRight');
		const stepped = (await when()) - hovered;
		expect(stepped).toBeGreaterThan(0);
		expect(stepped).toBeLessThan(10 * 60_000);
		// The keyboard read-out stays until Escape.
		await page.keyboard.press('Escape');
		await readout.waitFor({ state: 'detached' });
		// Drag to zoom, then double-click to go back to the whole range.
		await page.mouse.move(box.x + box.width * 0.3, y);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
		await page.mouse.up();
		const reset = cell.getByRole('button', { name: /reset/i });
		await reset.waitFor();
		await page.mouse.dblclick(box.x + box.width * 0.5, y);
		await reset.waitFor({ state: 'detached' });
		expect(s.errors).toEqual([]);
	});

	it('Shift+Enter runs the focused cell and moves to the next one', async () => {
		const { page } = s;
		await page.focus('article.cell[data-cell-name=golden]');
		await page.keyboard.press('Shift+Enter');
		await waitForIdleRun(page);
		const focused = await page.evaluate(() =>
			document.activeElement?.getAttribute('data-cell-name')
		);
		expect(focused).toBe('golden_chart');
	});

	it('keeps incidents, notebooks and cached outputs across a reload', async () => {
		const { page } = s;
		const before = await seriesPaths(page, 'golden_chart');
		await page.reload();
		await openApp(page);
		expect(await libraryIds(page)).toEqual([demoNotebook.incidentId]);
		await page.waitForSelector('article.cell[data-cell-name=golden_chart] svg path.series', {
			timeout: 30_000
		});
		expect(await seriesPaths(page, 'golden_chart')).toBe(before);
		const statuses = await cellStatuses(page);
		expect(statuses.golden_chart).toBe('done');
	});

	it('exports the notebook and imports it again as the identical document', async () => {
		const { page } = s;
		const [first] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid=export-notebook]')
		]);
		const firstPath = path.join(downloads, 'first.nb.json');
		await first.saveAs(firstPath);
		const text = readFileSync(firstPath, 'utf8');
		expect(JSON.parse(text).id).toBe(demoNotebook.id);

		await page.setInputFiles('[data-testid=notebook-file-input]', firstPath);
		await page.waitForSelector('[data-testid=app-message]');
		const [second] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid=export-notebook]')
		]);
		const secondPath = path.join(downloads, 'second.nb.json');
		await second.saveAs(secondPath);
		expect(readFileSync(secondPath, 'utf8')).toBe(text);
	});

	it('editing a cell marks its dependents stale; running one brings it back', async () => {
		const { page } = s;
		const golden = page.locator('article.cell[data-cell-name=golden]');
		await golden.getByRole('button', { name: 'Edit' }).click();
		await golden.getByLabel('Time range').selectOption('baseline');
		await page.waitForFunction(
			() =>
				document
					.querySelector('article.cell[data-cell-name=golden_stats] [data-testid=cell-status]')
					?.getAttribute('data-status') === 'stale'
		);
		const statuses = await cellStatuses(page);
		expect([statuses.golden, statuses.golden_chart, statuses.golden_stats]).toEqual([
			'stale',
			'stale',
			'stale'
		]);
		expect(statuses.host_chart).toBe('done');
		await page.focus('article.cell[data-cell-name=golden_stats]');
		await page.keyboard.press('Control+Enter');
		await waitForIdleRun(page);
		const after = await cellStatuses(page);
		expect([after.golden, after.golden_stats, after.golden_chart]).toEqual([
			'done',
			'done',
			'stale'
		]);
	});
});
