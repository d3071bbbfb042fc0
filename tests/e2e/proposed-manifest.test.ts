/**
 * A single SRE export dropped without a manifest: the proposed manifest is shown as a form, the
 * user's edits are what gets stored, and Cancel stores nothing. Fixtures: the spec-written
 * Prometheus query_range answer and Grafana CSV in tests/fixtures/sources.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { appSession, libraryIds } from './helpers';

const sources = path.resolve(import.meta.dirname, '../fixtures/sources');

describe('proposed manifest for a single export', () => {
	const session = appSession();

	it('Cancel leaves the library as it was', async () => {
		const { page } = session();
		const before = await libraryIds(page);
		await page.setInputFiles(
			'[data-testid=bundle-file-input]',
			path.join(sources, 'grafana/rows.csv')
		);
		const form = page.locator('[data-testid=proposed-manifest]');
		await form.waitFor();
		expect(await form.innerText()).toContain('has no manifest');
		await form.getByRole('button', { name: 'Cancel' }).click();
		await form.waitFor({ state: 'detached' });
		expect(await libraryIds(page)).toEqual(before);
	});

	it('imports with the edited title and id', async () => {
		const { page } = session();
		await page.setInputFiles(
			'[data-testid=bundle-file-input]',
			path.join(sources, 'prometheus/query_range.json')
		);
		const form = page.locator('[data-testid=proposed-manifest]');
		await form.waitFor();
		// The proposal is complete enough to import: a time range and services are filled in.
		expect(await form.locator('input[name=start]').inputValue()).not.toBe('');
		expect(await form.locator('input[name=services]').inputValue()).not.toBe('');
		await form.locator('input[name=title]').fill('Edited Prometheus capture');
		await form.locator('input[name=id]').fill('edited-prom-capture');
		await page.click('[data-testid=import-proposed]');
		await page.waitForSelector('li[data-incident-id="edited-prom-capture"]', { timeout: 60_000 });
		const item = page.locator('li[data-incident-id="edited-prom-capture"]');
		expect(await item.innerText()).toContain('Edited Prometheus capture');
		expect(session().errors).toEqual([]);
	}, 120_000);
});
