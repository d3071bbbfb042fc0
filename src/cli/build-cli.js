#!/usr/bin/env node
/**
 * Bundles the aitia CLI (src/cli/aitia.ts and what it imports from src/ and workers/) into one ESM
 * file with esbuild, so the bin starts without compiling TypeScript through tsx at every call.
 * Packages in node_modules stay external: Node loads them as usual and the bundle stays small.
 * Next to the bundle goes a meta file with the input list and their fingerprint; the bin uses the
 * bundle only while that fingerprint still matches (see cli-bundle.js).
 *
 * Usage: node src/cli/build-cli.js [--soft]
 *   --soft (prepare): a failure is a warning and exit code 0, so `npm ci` never breaks on it; the
 *   bin then keeps running the sources through tsx.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	BUNDLE_DIR,
	BUNDLE_FILE,
	fingerprint,
	META_FILE,
	META_VERSION,
	ROOT
} from './cli-bundle.js';

/** Files that shape the bundle without being part of it: the build itself, aliases, TS settings. */
const CONFIG_INPUTS = [
	'src/cli/build-cli.js',
	'src/cli/cli-bundle.js',
	'svelte.config.js',
	'tsconfig.json'
];

/**
 * esbuild aliases from SvelteKit's: $lib is built in (src/lib), the rest comes from kit.alias in
 * svelte.config.js, so a new alias there reaches the CLI without a second list to keep in sync.
 * @param {string} root
 * @returns {Promise<Record<string, string>>}
 */
async function aliases(root) {
	/** @type {{ default: { kit?: { alias?: Record<string, string> } } }} */
	const { default: config } = await import(pathToFileURL(join(root, 'svelte.config.js')).href);
	const kitAlias = config.kit?.alias ?? {};
	/** @type {Record<string, string>} */
	const out = { $lib: './src/lib' };
	for (const [key, target] of Object.entries(kitAlias)) {
		// esbuild aliases match a prefix already; SvelteKit's 'x/*' spelling has no equivalent.
		if (key.endsWith('/*')) continue;
		out[key] = target.startsWith('/') || target.startsWith('.') ? target : `./${target}`;
	}
	return out;
}

/**
 * Writes a file under a temporary name first, so a bin starting meanwhile never reads half of it.
 * @param {string} path
 * @param {string | Uint8Array} contents
 */
async function writeAtomic(path, contents) {
	const tmp = `${path}.${process.pid}.tmp`;
	await writeFile(tmp, contents);
	await rename(tmp, path);
}

/**
 * Builds the bundle into outDir and records its inputs. Returns what was built; `fresh` is false
 * when a source changed during the build (the bundle is then left unmarked: the bin uses tsx).
 * @param {{ root?: string, outDir?: string }} [options]
 */
export async function buildCli({ root = ROOT, outDir = BUNDLE_DIR } = {}) {
	const started = Date.now();
	// Imported here, not at the top: without dev dependencies there is no esbuild, and --soft
	// must turn that into a warning.
	const esbuild = await import('esbuild');
	await mkdir(outDir, { recursive: true });
	// The meta goes first and comes back last: while it is absent the bin falls back to tsx.
	await rm(join(outDir, META_FILE), { force: true });
	const bundlePath = join(outDir, BUNDLE_FILE);
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: ['src/cli/aitia.ts'],
		outfile: bundlePath,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		alias: await aliases(root),
		// Only read with NODE_OPTIONS=--enable-source-maps, so it costs nothing at start.
		sourcemap: 'linked',
		metafile: true,
		write: false,
		logLevel: 'silent'
	});
	let bundleSize = 0;
	for (const file of result.outputFiles) {
		await writeAtomic(file.path, file.contents);
		if (file.path === bundlePath) bundleSize = file.contents.byteLength;
	}
	const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...CONFIG_INPUTS])].sort();
	const print = fingerprint(root, inputs);
	const fresh = print !== null && print.maxMtimeMs <= started;
	if (print && fresh) {
		const meta = { version: META_VERSION, bundleSize, inputs, fingerprint: print };
		await writeAtomic(join(outDir, META_FILE), JSON.stringify(meta, null, '\t') + '\n');
	}
	return { bundle: bundlePath, bundleSize, inputs, fresh, ms: Date.now() - started };
}

async function cli() {
	const soft = process.argv.includes('--soft');
	try {
		const built = await buildCli();
		const where = relative(process.cwd(), built.bundle);
		const size = `${Math.round(built.bundleSize / 1024)} kB`;
		if (built.fresh) {
			console.log(`aitia CLI bundle: ${where} (${size}, ${built.inputs.length} inputs)`);
		} else {
			console.warn(
				`warning: a source of the aitia CLI changed during the build; ${where} is not used until the next build:cli`
			);
		}
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		if (!soft) {
			console.error(`aitia CLI bundle failed: ${message}`);
			process.exitCode = 1;
			return;
		}
		console.warn(`warning: aitia CLI bundle not built: ${message}`);
		console.warn('`npx aitia` still works (through tsx, slower); retry with `npm run build:cli`.');
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cli();
