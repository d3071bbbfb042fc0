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

	// Another tool's plain export: the review packs it under metrics/, where it must still read.
	it('imports a plain timestamp,value CSV of several days', async () => {
		const { page } = session();
		const t0 = Date.UTC(2014, 1, 14);
		const rows = Array.from({ length: 3 * 288 }, (_, i) => {
			const t = new Date(t0 + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
			return `${t},${i === 700 ? 90 : 2 + (i % 7) / 10}`;
		});
		await page.setInputFiles('[data-testid=bundle-file-input]', {
			name: 'ec2_cpu.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(['timestamp,value', ...rows].join('\n'))
		});
		const form = page.locator('[data-testid=proposed-manifest]');
		await form.waitFor();
		expect(await form.locator('input[name=services]').inputValue()).toBe('ec2_cpu');
		await page.click('[data-testid=import-proposed]');
		const item = page.locator('li[data-incident-id="ec2_cpu"]');
		await item.waitFor({ timeout: 60_000 });
		expect(await item.innerText()).toContain('864 points');
		// Three days: the end keeps its date.
		expect(await item.locator('[data-testid=incident-range]').innerText()).toBe(
			'2014-02-14 00:00:00 UTC → 2014-02-16 23:55:00 UTC'
		);
		expect(session().errors).toEqual([]);
	}, 120_000);
});
