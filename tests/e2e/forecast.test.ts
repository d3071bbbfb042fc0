/**
 * The predictive alert: importing notebooks/forecast.nb.json through the notebook file input and
 * running it shows the forecaster's banner, and the alert comes before edge latency actually
 * crosses the 1000 ms SLO (computed here from the demo bundle itself).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBundle } from '../../workers/bundle/parse';
import { openSession, type Session } from './browser';
import { cellStatuses, openApp, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');
const notebookPath = path.join(root, 'notebooks/forecast.nb.json');

async function firstCrossing(slo: number): Promise<number> {
	const zip = readFileSync(path.join(root, 'static/demo/coolant-leak.zip'));
	const parsed = await parseBundle([{ path: 'coolant-leak.zip', bytes: zip }]);
	if (!parsed.ok) throw new Error('demo bundle does not parse');
	const s = parsed.bundle.series.find((x) => x.key === 'edge.latency_ms')!;
	const i = s.v.findIndex((v) => v > slo);
	if (i < 0) throw new Error('edge latency never crosses the SLO');
	return s.t[i];
}

describe('forecast notebook in Chromium', () => {
	let s: Session;
	beforeAll(async () => {
		s = await openSession();
	});
	afterAll(async () => {
		await s?.close();
	});

	it('raises the predictive alert before edge latency crosses 1000 ms', async () => {
		const { page } = s;
		await openApp(page);
		await page.setInputFiles('[data-testid=notebook-file-input]', notebookPath);
		await page.waitForSelector('article.cell[data-cell-name=latency_forecast]');
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page);
		const statuses = await cellStatuses(page);
		expect(statuses.latency_forecast).toBe('done');
		const banner = page.locator(
			'article.cell[data-cell-name=latency_forecast] [data-testid=predictive-alert]'
		);
		await banner.waitFor();
		const alertAt = Number(await banner.getAttribute('data-alert-at'));
		expect(alertAt).toBeLessThan(await firstCrossing(1000));
		// As of 02:10 (quiet night) the forecaster sees nothing coming.
		expect(
			await page
				.locator('article.cell[data-cell-name=forecast_0210] [data-testid=no-alert]')
				.count()
		).toBe(1);
		expect(s.errors).toEqual([]);
	});
});
