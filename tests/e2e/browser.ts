/** Real Chromium for e2e specs: Debian's /usr/bin/chromium driven by playwright-core, fresh profile. */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

export interface Session {
	context: BrowserContext;
	page: Page;
	/** Messages the page logged as errors (uncaught exceptions included). */
	errors: string[];
	close(): Promise<void>;
}

/** A fresh user-data-dir per session, so every spec starts with an empty IndexedDB. */
export async function openSession(opts: { downloads?: string } = {}): Promise<Session> {
	const dir = mkdtempSync(path.join(tmpdir(), 'aitia-e2e-'));
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		acceptDownloads: true,
		downloadsPath: opts.downloads,
		viewport: { width: 1400, height: 1000 }
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	return {
		context,
		page,
		errors,
		async close() {
			await context.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
