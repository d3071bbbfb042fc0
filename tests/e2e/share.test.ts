/**
 * Sharing in Chromium: the demo, run, exported as a capsule; the capsule imported in a second,
 * fresh browser profile shows every output at once (recorded, nothing recomputed), and "Re-run"
 * recomputes and finds them identical. A share link for an incident the browser lacks says what
 * to import; an unknown ?nb= says so; a hostile capsule renders inert.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBundle } from '../../workers/bundle/parse';
import { buildCapsule } from '../../workers/data/capsule';
import { encodeShare } from '../../src/lib/share/link';
import { parseNotebook } from '../../src/lib/notebook/serialize';
import { openSession, type Session } from './browser';
import { baseURL, cellStatuses, openApp, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');
const downloads = mkdtempSync(path.join(tmpdir(), 'aitia-share-'));
const demoNotebook = readFileSync(path.join(root, 'notebooks/demo.nb.json'), 'utf8');

describe('sharing', () => {
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

	it('a capsule shows every output at once in a fresh browser, and re-runs identically', async () => {
		await openApp(a.page);
		await a.page.click('[data-testid=run-all]');
		await waitForIdleRun(a.page, 120_000);
		await a.page.click('[data-testid=export-capsule]');
		await a.page.locator('[data-testid=redaction-preview]').waitFor();
		const [download] = await Promise.all([
			a.page.waitForEvent('download'),
			a.page.click('[data-testid=export-capsule-go]')
		]);
		const file = path.join(downloads, download.suggestedFilename());
		await download.saveAs(file);
		expect(download.suggestedFilename()).toBe('coolant-leak-b4.aitia.zip');

		await openApp(b.page);
		await b.page.setInputFiles('[data-testid=capsule-file-input]', file);
		await b.page.locator('[data-testid=snapshot-banner]').waitFor({ timeout: 60_000 });
		await waitForIdleRun(b.page);
		const statuses = await cellStatuses(b.page);
		for (const [name, status] of Object.entries(statuses))
			expect(`${name}:${status}`).toBe(`${name}:done`);
		const top = b.page.locator('[data-testid=root-cause-row]').first();
		expect(await top.getAttribute('data-service')).toBe('host-b4');

		await b.page.click('[data-testid=rerun]');
		const diff = b.page.locator('[data-testid=rerun-diff]');
		await diff.waitFor({ timeout: 120_000 });
		const said = await diff.textContent();
		expect(said, said ?? '').not.toMatch(/differ:/);
		expect(a.errors).toEqual([]);
		expect(b.errors).toEqual([]);
	});

	it('a share link without its incident says what to import; an unknown ?nb= says so', async () => {
		const s = await openSession();
		try {
			const { notebook } = parseNotebook(demoNotebook);
			const foreign = { ...notebook, id: 'nb-foreign', incidentId: 'payments-outage-7' };
			await s.page.goto(`${baseURL()}/#${encodeShare(foreign)}`);
			const pending = s.page.locator('[data-testid=pending-share]');
			await pending.waitFor({ timeout: 60_000 });
			expect(await pending.textContent()).toMatch(/needs incident payments-outage-7/);
			await s.page.goto(`${baseURL()}/?nb=nb-nowhere`);
			await s.page.locator('[data-testid=app-message]').waitFor({ timeout: 60_000 });
			expect(await s.page.locator('[data-testid=app-message]').textContent()).toMatch(
				/notebook "nb-nowhere", which is not in this browser/
			);
		} finally {
			await s.close();
		}
	});

	it('a hostile capsule renders inert: no script, no dialog, no live javascript: link', async () => {
		const zip = readFileSync(path.join(root, 'static/demo/coolant-leak.zip'));
		const parsed = await parseBundle([{ path: 'demo.zip', bytes: new Uint8Array(zip) }]);
		if (!parsed.ok) throw new Error('demo did not parse');
		const evil =
			'<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><a href="javascript:window.__pwned=3">x</a><svg onload="window.__pwned=4"></svg>';
		const { notebook } = parseNotebook(demoNotebook);
		notebook.title = `Evil ${evil}`;
		notebook.cells[0].source = `# Evil\n\n${evil}\n\n[click](javascript:window.__pwned=5)`;
		const bytes = await buildCapsule({
			bundle: { ...parsed.bundle, manifest: { ...parsed.bundle.manifest, title: `T ${evil}` } },
			contentHash: parsed.contentHash,
			notebooks: [{ id: notebook.id, text: JSON.stringify(notebook) }],
			runStates: [],
			appVersion: '0.1.0',
			formats: { bundle: 2, notebook: 1, runState: 1 }
		});
		const file = path.join(downloads, 'evil.aitia.zip');
		writeFileSync(file, bytes);
		const s = await openSession();
		try {
			const dialogs: string[] = [];
			s.page.on('dialog', (d) => {
				dialogs.push(d.message());
				void d.dismiss();
			});
			await openApp(s.page);
			await s.page.setInputFiles('[data-testid=capsule-file-input]', file);
			await s.page.locator('article.cell').first().waitFor({ timeout: 60_000 });
			await waitForIdleRun(s.page);
			await s.page.waitForTimeout(500);
			expect(
				await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
			).toBeUndefined();
			expect(dialogs).toEqual([]);
			expect(await s.page.locator('a[href^="javascript:"]').count()).toBe(0);
		} finally {
			await s.close();
		}
	});
});
