/** Page helpers shared by the e2e specs: waiting for the app, reading the library, running cells. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { openSession, type Session } from './browser';

export const baseURL = () => inject('baseURL');

/** Opens the app and waits until it has finished starting (demo seeded, notebook open). */
export async function openApp(page: Page, query = ''): Promise<void> {
	await page.goto(`${baseURL()}/${query}`);
	await page.waitForSelector('[data-testid=incident-list] li[data-incident-id]', {
		timeout: 30_000
	});
	await page.waitForFunction(() => !document.querySelector('.top .status'), null, {
		timeout: 30_000
	});
}

/** Ids of the incidents the library lists, in order. */
export async function libraryIds(page: Page): Promise<string[]> {
	return page.$$eval('[data-testid=incident-list] li[data-incident-id]', (els) =>
		els.map((e) => e.getAttribute('data-incident-id') ?? '')
	);
}

/** Status of every cell, by name. */
export async function cellStatuses(page: Page): Promise<Record<string, string>> {
	return page.$$eval('article.cell', (els) =>
		Object.fromEntries(
			els.map((e) => [
				e.getAttribute('data-cell-name') ?? '',
				e.querySelector('[data-testid=cell-status]')?.getAttribute('data-status') ?? ''
			])
		)
	);
}

/** Waits until no cell is queued or running. */
export async function waitForIdleRun(page: Page, timeout = 60_000): Promise<void> {
	await page.waitForFunction(
		() =>
			document.querySelectorAll('article.cell').length > 0 &&
			!document.querySelector(
				'[data-testid=cell-status][data-status=running], [data-testid=cell-status][data-status=queued]'
			),
		null,
		{ timeout }
	);
}

/** Number of series paths drawn in the chart of the cell named `name`. */
export async function seriesPaths(page: Page, name: string): Promise<number> {
	return page.locator(`article.cell[data-cell-name="${name}"] svg path.series`).count();
}

/**
 * One fresh browser profile with the app open for the whole describe block: call at its top,
 * then read the session through the returned getter inside tests.
 */
export function appSession(): () => Session {
	let s: Session | undefined;
	beforeAll(async () => {
		s = await openSession();
		await openApp(s.page);
	});
	afterAll(async () => {
		await s?.close();
	});
	return () => {
		if (!s) throw new Error('the e2e session is not open yet');
		return s;
	};
}
