/**
 * Shared harness for benchmarks that must run in real Chromium: bundles browser entries with
 * esbuild into memory, serves them from 127.0.0.1 with cross-origin isolation headers, and runs
 * one entry inside a module Web Worker of a blank page (where the app runs its compute).
 *
 * A persistent context on a fresh temp profile is used on purpose: Playwright's default contexts
 * are incognito-like, and Chromium keeps IndexedDB of incognito profiles in memory, which would
 * make storage figures meaningless.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Cache-Control': 'no-store'
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">
<script type="module">
// Runs one bundled entry in a module worker: posts it a message, resolves with its {result}.
window.runInWorker = (script, message) => new Promise((resolve, reject) => {
	const worker = new Worker(script, { type: 'module' });
	worker.onmessage = (e) => {
		if (e.data?.type === 'log') return console.log(e.data.text);
		worker.terminate();
		if (e.data?.type === 'result') resolve(e.data.result);
		else reject(new Error(e.data?.error ?? 'worker sent an unexpected message'));
	};
	worker.onerror = (e) => { worker.terminate(); reject(new Error('worker error: ' + e.message)); };
	worker.postMessage(message);
});
</script>`;

/** Bundles each entry (browser, ESM) into memory; keys are served paths like '/idb-bench.js'. */
export async function bundleEntries(entries: string[]): Promise<Map<string, string>> {
	const out = await build({
		entryPoints: entries,
		bundle: true,
		write: false,
		format: 'esm',
		platform: 'browser',
		target: 'chrome120',
		outdir: '/bench-out',
		entryNames: '[name]',
		logLevel: 'error'
	});
	const files = new Map<string, string>();
	for (const f of out.outputFiles) files.set(`/${basename(f.path).replace('.entry', '')}`, f.text);
	return files;
}

/** A file served besides the bundles (model files, onnxruntime-web's .wasm ...). */
export interface StaticFile {
	/** Response body. */
	body: string | Uint8Array;
	/** Content-Type, e.g. 'application/wasm'. */
	type: string;
}

const FILE_TYPES: Record<string, string> = {
	'.wasm': 'application/wasm',
	'.mjs': 'text/javascript',
	'.js': 'text/javascript',
	'.json': 'application/json',
	'.onnx': 'application/octet-stream'
};

/**
 * Serves files from disk by URL prefix (`['/ort/', dir]`: `/ort/x.wasm` → `dir/x.wasm`), the first
 * matching prefix winning; paths with `..` and missing files are not served.
 */
export function filesUnder(roots: [prefix: string, dir: string][]) {
	return (urlPath: string): StaticFile | undefined => {
		if (urlPath.includes('..')) return undefined;
		const root = roots.find(([prefix]) => urlPath.startsWith(prefix));
		if (!root) return undefined;
		const file = join(root[1], urlPath.slice(root[0].length));
		if (!existsSync(file)) return undefined;
		return {
			body: readFileSync(file),
			type: FILE_TYPES[extname(file)] ?? 'application/octet-stream'
		};
	};
}

/**
 * Serves `files` plus the harness page at '/' on a random local port; other paths are asked of
 * `extra` (if given). `onRequest` sees every path asked for.
 */
export async function serve(
	files: Map<string, string>,
	extra?: (path: string) => StaticFile | undefined,
	onRequest?: (path: string) => void
): Promise<{ url: string; server: Server }> {
	const server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		onRequest?.(path);
		const body = path === '/' ? PAGE : files.get(path);
		const type = path === '/' ? 'text/html' : 'text/javascript';
		const other = body === undefined ? extra?.(path) : undefined;
		if (other) {
			// Content-Length as a static server sends it (transformers.js reports loading progress
			// from it and warns without it).
			res.writeHead(200, {
				...ISOLATION_HEADERS,
				'Content-Type': other.type,
				'Content-Length': String(Buffer.byteLength(other.body))
			});
			res.end(other.body);
			return;
		}
		res.writeHead(body === undefined ? 404 : 200, {
			...ISOLATION_HEADERS,
			'Content-Type': `${type}; charset=utf-8`
		});
		res.end(body ?? 'not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/`, server };
}

export interface BrowserSession {
	/** The harness page (already loaded). */
	page: Page;
	/** Base URL of the local server. */
	url: string;
	/** Runs served script `path` in a worker with `message`; resolves with the worker's result. */
	runInWorker<T>(path: string, message: unknown, timeoutMs: number): Promise<T>;
}

/** Bundles entries, serves them, opens Chromium on a fresh profile, runs `fn`, cleans up. */
export async function withBrowser<T>(
	entries: string[],
	fn: (session: BrowserSession) => Promise<T>,
	opts: {
		onConsole?: (text: string) => void;
		/** Files served besides the bundles; see serve(). */
		extra?: (path: string) => StaticFile | undefined;
		/** Sees every path the server is asked for. */
		onRequest?: (path: string) => void;
		/** Chromium flags used instead of CHROMIUM_ARGS (e.g. to enable WebGPU). */
		args?: string[];
	} = {}
): Promise<T> {
	const files = await bundleEntries(entries);
	const { url, server } = await serve(files, opts.extra, opts.onRequest);
	const profile = await mkdtemp(join(tmpdir(), 'aitia-bench-'));
	let context: BrowserContext | undefined;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			args: opts.args ?? CHROMIUM_ARGS,
			headless: true
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('console', (m) => opts.onConsole?.(m.text()));
		page.on('pageerror', (e) => opts.onConsole?.(`page error: ${e.message}`));
		await page.goto(url);
		await page.waitForFunction(() => 'runInWorker' in window);
		const runInWorker = <R>(path: string, message: unknown, timeoutMs: number): Promise<R> =>
			withTimeout(
				page.evaluate(
					([p, m]) =>
						(
							window as unknown as { runInWorker(p: string, m: unknown): Promise<unknown> }
						).runInWorker(p as string, m),
					[path, message] as const
				) as Promise<R>,
				timeoutMs,
				path
			);
		return await fn({ page, url, runInWorker });
	} finally {
		await context?.close().catch(() => {});
		await new Promise((resolve) => server.close(resolve));
		await rm(profile, { recursive: true, force: true });
	}
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
	});
	return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
