import { mkdtemp, mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../src/cli/build-cli.js';
import {
	BUNDLE_FILE,
	bundleState,
	fingerprint,
	META_FILE,
	META_VERSION,
	ROOT
} from '../../../src/cli/cli-bundle.js';
import type { Io } from '../../../src/cli/io';
import type { main } from '../../../src/cli/main';

const dirs: string[] = [];
const PAST = new Date('2026-01-01T00:00:00Z');
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A fake project: two sources, a bundle and a meta recording them as they are now. */
async function fakeProject(): Promise<{ root: string; out: string }> {
	const root = await mkdtemp(join(tmpdir(), 'aitia-bundle-'));
	dirs.push(root);
	const out = join(root, 'out');
	await mkdir(join(root, 'src'), { recursive: true });
	await mkdir(out);
	await writeFile(join(root, 'src/a.ts'), 'export const a = 1;\n');
	await writeFile(join(root, 'src/b.ts'), 'export const b = 2;\n');
	// Whole seconds, so a test can put a timestamp back exactly.
	for (const f of ['src/a.ts', 'src/b.ts']) await utimes(join(root, f), PAST, PAST);
	const bundle = 'export const main = () => 0;\n';
	await writeFile(join(out, BUNDLE_FILE), bundle);
	const inputs = ['src/a.ts', 'src/b.ts'];
	const meta = {
		version: META_VERSION,
		bundleSize: Buffer.byteLength(bundle),
		inputs,
		fingerprint: fingerprint(root, inputs)
	};
	await writeFile(join(out, META_FILE), JSON.stringify(meta));
	return { root, out };
}

describe('bundleState', () => {
	it('is fresh while the recorded inputs are unchanged', async () => {
		const { root, out } = await fakeProject();
		expect(bundleState(out, root)).toBe('fresh');
	});

	it('is stale once a source is newer, different or gone', async () => {
		const p = await fakeProject();
		const later = new Date(Date.now() + 60_000);
		await utimes(join(p.root, 'src/a.ts'), later, later);
		expect(bundleState(p.out, p.root)).toBe('stale');

		const q = await fakeProject();
		// Same mtime as recorded, other size: a file copied in with its old timestamp kept.
		await writeFile(join(q.root, 'src/b.ts'), 'export const b = 22;\n');
		await utimes(join(q.root, 'src/b.ts'), PAST, PAST);
		expect(bundleState(q.out, q.root)).toBe('stale');

		const r = await fakeProject();
		await rm(join(r.root, 'src/b.ts'));
		expect(bundleState(r.out, r.root)).toBe('stale');
	});

	it('is stale when the bundle or the meta format does not match', async () => {
		const p = await fakeProject();
		await writeFile(join(p.out, BUNDLE_FILE), 'export const main = () => 1; // edited\n');
		expect(bundleState(p.out, p.root)).toBe('stale');

		const q = await fakeProject();
		const meta = JSON.parse(await readFile(join(q.out, META_FILE), 'utf8'));
		await writeFile(join(q.out, META_FILE), JSON.stringify({ ...meta, version: 0 }));
		expect(bundleState(q.out, q.root)).toBe('stale');
	});

	it('is missing without a meta or a bundle', async () => {
		const p = await fakeProject();
		await rm(join(p.out, META_FILE));
		expect(bundleState(p.out, p.root)).toBe('missing');
		const q = await fakeProject();
		await rm(join(q.out, BUNDLE_FILE));
		expect(bundleState(q.out, q.root)).toBe('missing');
	});
});

describe('buildCli', () => {
	it('bundles src/ and workers/ and leaves packages external', { timeout: 60_000 }, async () => {
		// Inside node_modules, so that the bundle's bare imports (zod, …) resolve as in real use.
		const out = join(ROOT, 'node_modules/.cache', `aitia-cli-test-${process.pid}`);
		dirs.push(out);
		const built = await buildCli({ outDir: out });
		expect(built.inputs).toContain('src/cli/main.ts');
		expect(built.inputs).toContain('workers/shared/closest.ts');
		expect(built.inputs).toContain('svelte.config.js');
		expect(built.inputs.some((f) => f.startsWith('node_modules/'))).toBe(false);

		const code = await readFile(join(out, BUNDLE_FILE), 'utf8');
		const specifiers = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
		expect(specifiers.length).toBeGreaterThan(0);
		for (const s of specifiers) expect(s).toMatch(/^(node:)?[a-z@]/);

		const url = pathToFileURL(join(out, BUNDLE_FILE)).href;
		const bundled = (await import(url)) as { main: typeof main };
		const lines: string[] = [];
		const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
		expect(await bundled.main(['--help'], io)).toBe(0);
		expect(lines[0]).toMatch(/^Usage: aitia <command>/);
	});
});
