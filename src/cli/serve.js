#!/usr/bin/env node
// Serves the production build: prerendered pages, static assets and the one server route.
// Wraps SvelteKit's adapter-node handler so that EVERY response (pages, JS, WASM, models) carries
// the cross-origin isolation headers multi-threaded WASM needs; hooks alone would miss static files.
import http from 'node:http';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	builtConnectSrc,
	connectSources,
	inlineScriptHashes,
	securityHeaders
} from '../lib/server/security-headers.js';

/** Headers that make the page cross-origin isolated (SharedArrayBuffer, threaded WASM). */
export const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const handlerPath = path.join(root, 'build', 'handler.js');
if (!existsSync(handlerPath)) {
	console.error('No build found. Run `npm run build` first (or `npm start`, which builds).');
	process.exit(1);
}

/** Extra connect-src origins (capture from Prometheus/Loki); a bad value stops the server. */
let connect;
try {
	connect = connectSources(process.env.AITIA_CONNECT_SRC);
} catch (err) {
	console.error(/** @type {Error} */ (err).message);
	process.exit(1);
}
const prerendered = path.join(root, 'build', 'prerendered');
// The page carries its own copy of the policy, written at build time; both apply.
const built = builtConnectSrc(prerendered);
const notBuilt = connect.filter((o) => built && !built.includes(o));
if (notBuilt.length > 0) {
	console.warn(
		`AITIA_CONNECT_SRC: ${notBuilt.join(' ')} is not in the build's own policy, so the page still cannot reach it; rebuild with AITIA_CONNECT_SRC set (npm start does)`
	);
}

/** CSP, nosniff, no-referrer: on every response, with the hashes of this build's inline scripts. */
const SECURITY = securityHeaders(inlineScriptHashes(prerendered), connect);
if (process.argv.includes('--print-headers')) {
	// For static hosts: paste these into the host's header configuration (README, "Deploying").
	for (const [k, v] of Object.entries({ ...ISOLATION_HEADERS, ...SECURITY }))
		console.log(`${k}: ${v}`);
	process.exit(0);
}
const { handler } = await import(pathToFileURL(handlerPath).href);

const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '0.0.0.0';

const server = http.createServer((req, res) => {
	// Set before the handler: SvelteKit replaces the CSP of pages it renders itself (with a nonce).
	for (const [k, v] of Object.entries({ ...ISOLATION_HEADERS, ...SECURITY })) res.setHeader(k, v);
	handler(req, res, () => {
		res.statusCode = 404;
		res.setHeader('Content-Type', 'text/plain; charset=utf-8');
		res.end('Not found');
	});
});

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	console.log(`AITIA Workbench ready at http://${shown}:${port}/`);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => server.close(() => process.exit(0)));
}
