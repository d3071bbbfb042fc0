/**
 * In the default configuration the page contacts no other origin: the demo incident, the workers,
 * onnxruntime-web's WASM and the shipped all-MiniLM-L6-v2 (static/models/, served as /models/)
 * all come from the app's own server. Runs the log cells, so MiniLM is really loaded, and checks
 * that they name it. Any request off the origin (the Hugging Face hub, a CDN) fails the test.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { baseURL, cellStatuses, openApp, waitForIdleRun } from './helpers';

const root = path.resolve(import.meta.dirname, '../..');

describe('zero egress', () => {
	let s: Session;
	const requested: string[] = [];
	beforeAll(async () => {
		s = await openSession();
		// Context-level: requests of dedicated workers are reported too.
		s.context.on('request', (r) => requested.push(r.url()));
	});
	afterAll(() => s.close());

	it('loads the app, MiniLM and ORT only from its own origin while the log cells run', async () => {
		const { page } = s;
		await openApp(page);
		await page.setInputFiles(
			'[data-testid=notebook-file-input]',
			path.join(root, 'notebooks/logs.nb.json')
		);
		await page.waitForSelector('article.cell[data-cell-name=search]');
		await page.click('[data-testid=run-all]');
		await waitForIdleRun(page, 180_000);
		expect(await cellStatuses(page)).toMatchObject({ templates: 'done', search: 'done' });
		const note = page.locator('article.cell[data-cell-name=search] [data-testid=embedder-name]');
		const reason = await note.getAttribute('title');
		expect(await note.getAttribute('data-embedder'), reason ?? '').toBe('all-minilm-l6-v2/q8/t128');

		const origin = new URL(baseURL()).origin;
		const foreign = requested.filter(
			(u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin
		);
		expect(foreign).toEqual([]);
		expect(
			requested.some((u) => u.endsWith('/models/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx'))
		).toBe(true);
		expect(requested.some((u) => /ort-wasm-simd-threaded.*\.wasm$/.test(u))).toBe(true);
		console.log(`${requested.length} requests, all on ${origin}`);
	}, 240_000);
});
