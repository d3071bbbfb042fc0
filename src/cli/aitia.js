#!/usr/bin/env node
// The `aitia` bin. Plain JS so Node can start it without a build. Fast path: the esbuild bundle
// made by build-cli.js (prepare, `npm run build:cli`), used only while the files it was built from
// are unchanged. Otherwise (never built, or a source edited since) it registers tsx with the
// project's tsconfig (for the $lib / $workers aliases) and runs aitia.ts: slower, never stale.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_DIR, BUNDLE_FILE, bundleState } from './cli-bundle.js';

/** @returns {Promise<{ main: (argv: string[]) => Promise<number> }>} */
async function loadMain() {
	const state = bundleState();
	if (state === 'fresh') return import(pathToFileURL(join(BUNDLE_DIR, BUNDLE_FILE)).href);
	// stderr only, and only when a rebuild would help: stdout belongs to the command's result.
	if (state === 'stale') {
		process.stderr.write(
			'aitia: CLI bundle is older than its sources, running them via tsx (npm run build:cli)\n'
		);
	}
	const { register } = await import('tsx/esm/api');
	// Resolved from this file, not the cwd, so the CLI works from any directory.
	register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
	return import(new URL('./aitia.ts', import.meta.url).href);
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
