import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { connectSources, securityHeaders } from './src/lib/server/security-headers.js';

/** Cross-origin isolation so multi-threaded WASM (SharedArrayBuffer) works in dev and preview too. */
// The security headers (CSP, nosniff, no-referrer) ride along; SvelteKit replaces the CSP of the
// pages it renders with one that hashes its inline script.
const isolationHeaders = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin',
	// AITIA_CONNECT_SRC: origins the capture panel may fetch from (svelte.config.js adds them to
	// the pages' policy too).
	...securityHeaders([], connectSources(process.env.AITIA_CONNECT_SRC))
};

function crossOriginIsolation(): Plugin {
	return {
		name: 'aitia-cross-origin-isolation',
		configureServer(server) {
			server.middlewares.use((_req, res, next) => {
				for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
				next();
			});
		},
		configurePreviewServer(server) {
			server.middlewares.use((_req, res, next) => {
				for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
				next();
			});
		}
	};
}

export default defineConfig({
	plugins: [crossOriginIsolation(), sveltekit()],
	server: { fs: { allow: ['workers', 'notebooks'] } },
	worker: { format: 'es' },
	test: {
		reporters: ['default', './tests/support/summary-reporter.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});
