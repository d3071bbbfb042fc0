/** Small builders for bundle tests: files from strings, a valid manifest, fixture folders. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import type { Bundle, BundleFile, BundleIssue, ParseResult } from '../../../workers/bundle/types';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/bundles', import.meta.url));

const enc = new TextEncoder();

/** A bundle file from text (UTF-8) or raw bytes. */
export function file(path: string, content: string | Uint8Array): BundleFile {
	return { path, bytes: typeof content === 'string' ? enc.encode(content) : content };
}

/** A valid manifest object; override any key (undefined removes it). */
export function manifestObject(over: Record<string, unknown> = {}): Record<string, unknown> {
	const m: Record<string, unknown> = {
		format: 'aitia.bundle',
		version: 1,
		id: 'inc-1',
		title: 'Test incident',
		services: ['edge', 'api', 'db'],
		timeRange: { start: '2024-06-01T10:00:00Z', end: '2024-06-01T11:00:00Z' },
		timezone: 'UTC',
		...over
	};
	for (const k of Object.keys(m)) if (m[k] === undefined) delete m[k];
	return m;
}

/** manifest.json, pretty-printed with tabs (one key per line, so lines are predictable). */
export function manifest(over: Record<string, unknown> = {}): BundleFile {
	return file('manifest.json', JSON.stringify(manifestObject(over), null, '\t'));
}

/** Reads a fixture folder as a folder pick would hand it over (paths keep the folder name). */
export function loadFolder(name: string): BundleFile[] {
	const root = join(FIXTURES, name);
	const walk = (dir: string): BundleFile[] =>
		readdirSync(dir).flatMap((n) => {
			const p = join(dir, n);
			if (statSync(p).isDirectory()) return walk(p);
			return [{ path: `${name}/${relative(root, p)}`, bytes: new Uint8Array(readFileSync(p)) }];
		});
	return walk(root);
}

export function fixtureBytes(path: string): Uint8Array {
	return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

/** Parses and asserts success, failing with the messages otherwise. */
export async function parseOk(
	files: BundleFile[]
): Promise<{ bundle: Bundle; warnings: BundleIssue[]; result: ParseResult & { ok: true } }> {
	const result = await parseBundle(files);
	if (!result.ok) expect.fail(result.errors.map((e) => e.message).join('\n'));
	return { bundle: result.bundle, warnings: result.warnings, result };
}

/** Parses and asserts failure; returns the errors. */
export async function parseErrors(files: BundleFile[]): Promise<BundleIssue[]> {
	const result = await parseBundle(files);
	if (result.ok) expect.fail('expected the bundle to be rejected');
	return result.errors;
}

/** The one issue whose file matches (fails if there is not exactly one). */
export function only(issues: BundleIssue[], file: string): BundleIssue {
	const found = issues.filter((i) => i.file === file);
	expect(found, JSON.stringify(issues, null, 1)).toHaveLength(1);
	return found[0];
}

export const series = (b: Bundle, key: string) => {
	const s = b.series.find((x) => x.key === key);
	if (!s) expect.fail(`no series ${key}; have ${b.series.map((x) => x.key).join(', ')}`);
	return s;
};

export const iso = (t: number) => new Date(t).toISOString();
