/**
 * Imports that must not change the library: a broken bundle (precise error naming file and line)
 * and a large import cancelled midway; and a folder import that must add exactly one incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { openSession, type Session } from './browser';
import { libraryIds, openApp } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'aitia-e2e-bundles-'));

const manifest = (id: string) =>
	JSON.stringify({
		format: 'aitia.bundle',
		version: 1,
		id,
		title: `Test ${id}`,
		services: ['edge'],
		timeRange: { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' },
		timezone: 'UTC'
	});

function writeZip(name: string, files: Record<string, string>): string {
	const file = path.join(dir, name);
	const entries = Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)]));
	writeFileSync(file, zipSync(entries, { level: 1 }));
	return file;
}

describe('imports that fail or are cancelled leave the library as it was', () => {
	let s: Session;
	beforeAll(async () => {
		s = await openSession();
		await openApp(s.page);
	});
	afterAll(async () => {
		await s?.close();
	});

	it('names the file and line of a bad value and stores nothing', async () => {
		const { page } = s;
		const before = await libraryIds(page);
		const csv = [
			'timestamp,edge.latency_ms',
			'2026-01-01T00:00:00Z,120',
			'2026-01-01T00:00:15Z,130',
			'2026-01-01T00:00:30Z,fast',
			'2026-01-01T00:00:45Z,140'
		].join('\n');
		const zip = writeZip('broken.zip', {
			'manifest.json': manifest('broken-one'),
			'metrics/edge.csv': csv
		});
		await page.setInputFiles('[data-testid=bundle-file-input]', zip);
		const errors = page.locator('[data-testid=import-errors]');
		await errors.waitFor();
		const text = await errors.innerText();
		expect(text).toContain('metrics/edge.csv');
		expect(text).toMatch(/line 4|:4\b/);
		expect(text).toContain('fast');
		expect(await libraryIds(page)).toEqual(before);
		await page.reload();
		await openApp(page);
		expect(await libraryIds(page)).toEqual(before);
	});

	it('cancels a large import and keeps nothing of it', async () => {
		const { page } = s;
		const before = await libraryIds(page);
		const lines: string[] = [];
		const t0 = Date.parse('2026-01-01T00:00:00Z');
		for (let i = 0; i < 600_000; i++) {
			const ts = new Date(t0 + i * 100).toISOString();
			lines.push(
				`{"ts":"${ts}","level":"info","service":"edge","message":"request ${i} served in ${i % 97} ms","route":"/api/v1/items"}`
			);
		}
		const zip = writeZip('big.zip', {
			'manifest.json': manifest('big-one'),
			'logs/edge.jsonl': lines.join('\n')
		});
		await page.setInputFiles('[data-testid=bundle-file-input]', zip);
		await page.waitForSelector('[data-testid=import-progress]');
		await page.getByRole('button', { name: 'Cancel import' }).click();
		await page.waitForSelector('[data-testid=import-errors]');
		expect(await page.locator('[data-testid=import-errors]').innerText()).toContain(
			'Import cancelled'
		);
		expect(await libraryIds(page)).toEqual(before);
	});

	it('imports a bundle folder through the folder picker', async () => {
		const { page } = s;
		const before = await libraryIds(page);
		const folder = path.resolve(import.meta.dirname, '../fixtures/bundles/good');
		await page.setInputFiles('[data-testid=bundle-folder-input]', folder);
		await page.waitForSelector('.result.ok');
		const after = await libraryIds(page);
		expect(after.length).toBe(before.length + 1);
		expect(after).toEqual(expect.arrayContaining(before));
	});
});
