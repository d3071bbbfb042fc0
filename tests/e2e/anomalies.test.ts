/**
 * Metrics cells in Chromium (fixture notebooks/anomalies.nb.json): the windows table with
 * sparklines, the anomalies list (and an "as of 02:10" run that sees nothing), and a chart fed by
 * the anomalies and forecast cells drawing shading, threshold and SLO lines and the forecast band
 * — without adding data lines (`path.series` stays one per series).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openSession, type Session } from './browser';
import { cellStatuses, openApp, waitForIdleRun } from './helpers';

const notebookPath = path.resolve(import.meta.dirname, '../../notebooks/anomalies.nb.json');
const cell = (name: string) => `article.cell[data-cell-name=${name}]`;

describe('anomalies, windows and overlays in Chromium', () => {
	let s: Session;
	beforeAll(async () => {
		s = await openSession();
	});
	afterAll(async () => {
		await s?.close();
	});

	it('runs the cells and draws the overlays', async () => {
		const { page } = s;
		await openApp(page);
		await page.setInputFiles('[data-testid=notebook-file-input]', notebookPath);
		await page.waitForSelector(cell('latency_chart'));
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page);
		const statuses = await cellStatuses(page);
		for (const name of ['windows', 'latency_anomalies', 'anomalies_0210', 'latency_chart']) {
			expect(statuses[name], name).toBe('done');
		}
		// Windows: one row per series, each with a sparkline.
		const rows = page.locator(`${cell('windows')} [data-testid=windows-output] tbody tr`);
		expect(await rows.count()).toBe(2);
		expect(await page.locator(`${cell('windows')} tbody svg path.main`).count()).toBe(2);
		// The seed trigger fires during the incident; as of 02:10 nothing is anomalous.
		const list = page.locator(`${cell('latency_anomalies')} [data-testid=anomalies-output]`);
		expect(Number(await list.getAttribute('data-count'))).toBeGreaterThan(0);
		expect(await page.locator(`${cell('anomalies_0210')} [data-testid=no-anomalies]`).count()).toBe(
			1
		);
		// Overlays on the chart.
		const svg = `${cell('latency_chart')} svg`;
		expect(await page.locator(`${svg} path.series`).count()).toBe(1);
		const shaded = await page.locator(`${svg} rect.anomaly`).count();
		expect(shaded).toBeGreaterThan(0);
		// Each anomaly has its alert marked on the bottom edge.
		expect(await page.locator(`${svg} path.anomaly-alert`).count()).toBe(shaded);
		expect(await page.locator(`${svg} .ref-threshold`).getAttribute('data-value')).toBe('800');
		expect(await page.locator(`${svg} .ref-slo`).getAttribute('data-value')).toBe('1000');
		expect(await page.locator(`${svg} path.forecast-band`).count()).toBe(1);
		expect(s.errors).toEqual([]);
	});
});
