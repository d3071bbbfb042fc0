import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { connectSources, cspDirectives } from './src/lib/server/security-headers.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Node adapter: prerendered pages + static assets + the one LLM route, served by src/cli/serve.js
		// (which adds COOP/COEP to every response). A static host + one function works from the same build.
		adapter: adapter({ out: 'build', precompress: false }),
		// Hashes SvelteKit's inline bootstrap script into the page's policy (meta tag when
		// prerendered); serve.js and vite.config.ts send the same policy as a header. The meta tag
		// is written at build time, so AITIA_CONNECT_SRC must be set for the build as well.
		csp: {
			mode: 'auto',
			directives:
				/** @type {NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']} */ (
					cspDirectives(connectSources(process.env.AITIA_CONNECT_SRC))
				)
		},
		alias: {
			$workers: 'workers'
		},
		typescript: {
			// workers/ sits outside src/, so add it to the generated tsconfig explicitly.
			config(cfg) {
				cfg.include.push('../workers/**/*.ts', '../src/cli/**/*.ts', '../tests/**/*.ts');
				return cfg;
			}
		}
	}
};

export default config;
