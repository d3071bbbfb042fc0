/**
 * The diagnosis cell in Chromium against the fake provider (started by global-setup): the key never
 * reaches client files, the offline explanation shows before anything is sent, the answer streams
 * through /api/llm and is parsed with risk labels, a rating lands in the feedback dataset, and a
 * capsule carries the answer to a fresh browser that never asks the model.
 * Fixture: notebooks/diagnosis.nb.json on the demo incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession, type Session } from './browser';
import { baseURL, cellStatuses, openApp, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');

function clientFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile())
		.map((e) => path.join(e.parentPath, e.name));
}

describe('diagnosis cell', () => {
	let s: Session;
	const downloads = mkdtempSync(path.join(tmpdir(), 'aitia-dl-'));
	beforeAll(async () => {
		s = await openSession({ downloads });
		await openApp(s.page);
	});
	afterAll(() => s.close());

	it('never ships the provider key in a client file', () => {
		const key = inject('llmKey');
		const files = [
			...clientFiles(path.join(root, 'build/client')),
			...clientFiles(path.join(root, 'build/prerendered'))
		];
		expect(files.length).toBeGreaterThan(10);
		const leaking = files.filter((f) => readFileSync(f).includes(key));
		expect(leaking).toEqual([]);
	});

	it('GET /api/llm says configured without the key; cross-origin POST is refused', async () => {
		const res = await fetch(`${baseURL()}/api/llm`);
		const text = await res.text();
		expect(JSON.parse(text)).toMatchObject({ configured: true });
		expect(text).not.toContain(inject('llmKey'));
		const cross = await fetch(`${baseURL()}/api/llm`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
			body: JSON.stringify({ user: 'x' })
		});
		expect(cross.status).toBe(403);
	});

	it('shows the offline explanation, then streams and parses the model answer', async () => {
		const { page } = s;
		await page.setInputFiles(
			'[data-testid=notebook-file-input]',
			path.join(root, 'notebooks/diagnosis.nb.json')
		);
		await page.waitForSelector('article.cell[data-cell-name=diagnosis]');
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page);
		expect(await cellStatuses(page)).toMatchObject({
			evidence: 'done',
			evidence_stats: 'done',
			diagnosis: 'done'
		});
		const cell = page.locator('article.cell[data-cell-name=diagnosis]');
		await cell.locator('[data-testid=diagnosis-offline-label]').waitFor();
		expect(await cell.locator('[data-testid=diagnosis-root-cause]').textContent()).toBe(
			'host-b4.cpu_temp_c'
		);
		const sent = await cell.locator('[data-testid=diagnosis-sent-user]').textContent();
		expect(sent).toContain('<data id="anomaly">');
		expect(sent).toContain('<data id="stats">');

		await cell.locator('[data-testid=diagnosis-send]').click();
		await cell.locator('[data-testid=diagnosis-offline-label]').waitFor({ state: 'detached' });
		expect(await cell.locator('[data-testid=diagnosis-explanation]').textContent()).toContain(
			'coolant leak in rack B4'
		);
		expect(await cell.locator('[data-testid=diagnosis-confidence]').textContent()).toBe('86 %');
		const risks = await cell
			.locator('[data-testid=diagnosis-command]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-risk')));
		expect(risks).toEqual(['read-only', 'read-only', 'mutating', 'destructive']);
	});

	it('stores a thumbs-down with a correction and exports it as feedback_dataset.jsonl', async () => {
		const { page } = s;
		const cell = page.locator('article.cell[data-cell-name=diagnosis]');
		await cell.locator('[data-testid=feedback-correction]').fill('host-b4 coolant loop');
		await cell.locator('[data-testid=feedback-down]').click();
		await cell.locator('[data-testid=feedback-message]').waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			cell.locator('[data-testid=feedback-export]').click()
		]);
		expect(download.suggestedFilename()).toBe('feedback_dataset.jsonl');
		const file = path.join(downloads, 'feedback_dataset.jsonl');
		await download.saveAs(file);
		const lines = readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			human_rating: -1,
			incident_id: 'coolant-leak-b4',
			corrected_root_cause: 'host-b4 coolant loop'
		});
		expect(lines[0].diagnosis).toContain('coolant leak in rack B4');
		expect(lines[0].prompt).toContain('<data id="anomaly">');
		expect(s.errors).toEqual([]);
	});

	it("a capsule carries the model's answer: a fresh browser shows it without asking", async () => {
		const { page } = s;
		await page.click('[data-testid=export-capsule]');
		await page.locator('[data-testid=redaction-preview]').waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid=export-capsule-go]')
		]);
		const file = path.join(downloads, download.suggestedFilename());
		await download.saveAs(file);

		const b = await openSession();
		try {
			const asked: string[] = [];
			b.page.on('request', (r) => {
				if (r.url().includes('/api/llm') && r.method() === 'POST') asked.push(r.url());
			});
			await openApp(b.page);
			await b.page.setInputFiles('[data-testid=capsule-file-input]', file);
			await b.page.locator('[data-testid=snapshot-banner]').waitFor({ timeout: 60_000 });
			const cell = b.page.locator('article.cell[data-cell-name=diagnosis]');
			await cell.locator('[data-testid=diagnosis-explanation]').waitFor();
			await b.page.waitForFunction(() =>
				/coolant leak in rack B4/.test(
					document.querySelector('[data-testid=diagnosis-explanation]')?.textContent ?? ''
				)
			);
			expect(await cell.locator('[data-testid=diagnosis-offline-label]').count()).toBe(0);
			expect(await cell.locator('[data-testid=diagnosis-confidence]').textContent()).toBe('86 %');
			expect(asked).toEqual([]);
			expect(b.errors).toEqual([]);
		} finally {
			await b.close();
		}
	}, 180_000);
});
