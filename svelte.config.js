import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Node adapter: prerendered pages + static assets + the one LLM route, served by src/cli/serve.js
		// (which adds COOP/COEP to every response). A static host + one function works from the same build.
		adapter: adapter({ out: 'build', precompress: false }),
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
