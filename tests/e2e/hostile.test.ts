/**
 * Hostile content in every text field of a bundle — manifest title and description, service and
 * metric names, log lines and their extra fields, events, annotations, ground truth — imported
 * through the file input and run through the default notebook it opens, plus an analyst's note
 * written with the same payloads (text, tag, name): no script runs, no dialog
 * opens, no live `javascript:` link appears, and the page requests nothing off its own origin.
 */
import { zipSync, strToU8 } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { baseURL, openApp, waitForIdleRun } from './helpers';

const X = (n: number) =>
	`<script>window.__pwned=${n}</script><img src="https://evil.example/${n}.png" onerror="window.__pwned=${n}"><a href="javascript:window.__pwned=${n}">x</a><svg onload="window.__pwned=${n}"></svg>`;

function hostileBundle(): Uint8Array {
	const svc = 'edge';
	const manifest = {
		format: 'aitia.bundle',
		version: 2,
		id: 'hostile-1',
		title: `Hostile ${X(1)}`,
		description: `[click](javascript:window.__pwned=2) ${X(2)} ![beacon](https://evil.example/b.png)`,
		services: [svc, `db${X(3)}`],
		timeRange: { start: '2024-06-01T10:00:00Z', end: '2024-06-01T11:00:00Z' },
		timezone: 'UTC',
		onset: '2024-06-01T10:30:00Z',
		baseline: { start: '2024-06-01T10:00:00Z', end: '2024-06-01T10:20:00Z' }
	};
	const rows = ['timestamp,service,metric,value'];
	for (let i = 0; i < 60; i++) {
		const t = new Date(Date.UTC(2024, 5, 1, 10, i)).toISOString();
		rows.push(`${t},${svc},latency_ms,${i < 30 ? 100 + (i % 3) : 900}`);
		rows.push(
			`${t},"db${X(3).replace(/"/g, '""')}","lock${X(4).replace(/"/g, '""')}_ms",${i < 30 ? 5 : 50}`
		);
	}
	const logs = Array.from({ length: 40 }, (_, i) =>
		JSON.stringify({
			ts: new Date(Date.UTC(2024, 5, 1, 10, i)).toISOString(),
			level: i > 30 ? 'error' : 'info',
			service: svc,
			message: `request ${i} ${X(5)}`,
			[`field${X(6)}`]: X(7)
		})
	).join('\n');
	const events = JSON.stringify({
		ts: '2024-06-01T10:25:00Z',
		kind: `deploy${X(8)}`,
		title: X(9),
		detail: X(10),
		service: svc
	});
	return zipSync({
		'manifest.json': strToU8(JSON.stringify(manifest)),
		'metrics/all.csv': strToU8(rows.join('\n') + '\n'),
		'logs/app.jsonl': strToU8(logs + '\n'),
		'events.jsonl': strToU8(events + '\n'),
		'annotations.json': strToU8(
			JSON.stringify([{ id: 'n1', ts: '2024-06-01T10:31:00Z', text: X(11), author: X(12) }])
		),
		'ground_truth.json': strToU8(JSON.stringify({ service: svc, description: X(13), fault: X(14) }))
	});
}

describe('hostile bundle content', () => {
	let s: Session;
	beforeAll(async () => {
		s = await openSession();
	});
	afterAll(() => s.close());

	it(
		'stays inert in every view and requests nothing off the origin',
		{ timeout: 180_000 },
		async () => {
			const { page } = s;
			const origin = new URL(baseURL()).origin;
			const offOrigin: string[] = [];
			page.on('request', (r) => {
				const u = r.url();
				if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
					offOrigin.push(u);
			});
			const dialogs: string[] = [];
			page.on('dialog', (d) => {
				dialogs.push(d.message());
				void d.dismiss();
			});
			await openApp(page);
			const file = path.join(mkdtempSync(path.join(tmpdir(), 'aitia-hostile-')), 'hostile.zip');
			writeFileSync(file, hostileBundle());
			const input = page.locator('input[type=file]:not([webkitdirectory])').first();
			await input.setInputFiles(file);
			await page.locator('[data-incident-id="hostile-1"]').waitFor({ timeout: 60_000 });
			await page.locator('article.cell').first().waitFor({ timeout: 60_000 });
			await page.click('[data-testid=run-all]');
			await waitForIdleRun(page, 120_000);
			// An analyst's note carrying the same payloads, in its text, a free tag and the name.
			await page.locator('[data-testid=note-cell]').first().click();
			await page.fill(
				'[data-testid=note-text]',
				`${X(15)} ![beacon](https://evil.example/n.png) [x](javascript:window.__pwned=16)`
			);
			await page.fill('[data-testid=note-editor] input[placeholder^="other tags"]', X(17));
			await page.fill('[data-testid=note-author]', X(18));
			await page.click('[data-testid=note-save]');
			await page.locator('[data-testid=note-row]').first().waitFor();
			await page.click('[data-testid=postmortem-toggle]');
			await page.waitForTimeout(500);
			expect(
				await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
			).toBeUndefined();
			expect(dialogs).toEqual([]);
			expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
			expect(offOrigin).toEqual([]);
		}
	);
});
