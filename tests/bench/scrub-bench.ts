/**
 * Scrubbing latency in Chromium (issue 11: ≤ 100 ms from a cursor move to updated charts on the
 * demo). Builds the app (as `npm start` does), serves it with src/cli/serve.js on a loopback port,
 * opens the demo in a fresh profile, runs every cell, then moves the replay cursor one step at a
 * time with the `.` key. Each move is timed inside the page, from the key event to the first
 * animation frame where the golden-signals chart has redrawn with data up to the new cursor
 * (`svg[data-end]`). Two rhythms: moves 120 ms apart (dragging: the cursor never rests) and
 * 700 ms apart (each move lets the expensive cells start, so the next move must cut through them).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { freePort } from '../support/net';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGET_MS = 100;
const MOVES = 15;

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Presses `.` in the page and resolves with ms until the chart shows data up to a new end. */
const MOVE = `new Promise((resolve, reject) => {
	const svg = () => document.querySelector('article.cell[data-cell-name=golden_chart] svg[data-end]');
	const before = svg()?.getAttribute('data-end');
	const t0 = performance.now();
	document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '.', bubbles: true }));
	const check = () => {
		const end = svg()?.getAttribute('data-end');
		if (end && end !== before) return resolve(performance.now() - t0);
		if (performance.now() - t0 > 10000) return reject(new Error('the chart did not follow the cursor'));
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})`;

export async function scrubBench(): Promise<string[]> {
	console.log('\n== Replay scrubbing on the demo (Chromium, built app); target ≤ 100 ms ==');
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
	const port = await freePort();
	const server = spawn('node', ['src/cli/serve.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	const dir = mkdtempSync(path.join(tmpdir(), 'aitia-scrub-'));
	const missed: string[] = [];
	try {
		const url = `http://127.0.0.1:${port}/`;
		for (let i = 0; i < 150; i++) {
			if (
				await fetch(url).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			await new Promise((r) => setTimeout(r, 200));
		}
		const ctx = await chromium.launchPersistentContext(dir, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS,
			headless: true,
			viewport: { width: 1400, height: 1000 }
		});
		const page = ctx.pages()[0] ?? (await ctx.newPage());
		await page.goto(url);
		await page.waitForSelector('[data-testid=replay-bar]', { timeout: 120_000 });
		await page.click('[data-testid=run-all]');
		await page.waitForFunction(
			() =>
				[...document.querySelectorAll('[data-testid=cell-status]')].every((e) =>
					['done', 'error'].includes(e.getAttribute('data-status') ?? '')
				),
			undefined,
			{ timeout: 300_000 }
		);
		await page.locator('article.cell[data-cell-name=golden_chart]').scrollIntoViewIfNeeded();
		for (const pause of [120, 700]) {
			const ms: number[] = [];
			for (let i = 0; i < MOVES; i++) {
				ms.push(await page.evaluate<number>(MOVE));
				await page.waitForTimeout(pause);
			}
			const row = `moves ${pause} ms apart: median ${quantile(ms, 0.5).toFixed(0)} ms, p90 ${quantile(ms, 0.9).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms over ${MOVES} moves`;
			console.log(`  ${row}`);
			if (quantile(ms, 0.9) > TARGET_MS)
				missed.push(`MISSED: scrub, ${row} (target p90 ≤ ${TARGET_MS} ms)`);
		}
		await ctx.close();
	} finally {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	}
	return missed;
}
