import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Workers are pure compute: they run in a worker, in Node tests and in the headless runner alike.
		files: ['workers/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib', '$lib/*', '**/src/**', 'svelte', 'svelte/*', '$app/*'],
							message: 'workers/ must not import from src/ or svelte.'
						}
					]
				}
			]
		}
	},
	{
		// The notebook (documents, kinds, engine) runs in the page and in the `aitia` runner alike; all
		// computing happens behind `Compute` (kinds/kind.ts). From workers/ it may take types from
		// anywhere, but values only from workers/shared/ and from the contract modules (`types.ts`,
		// `api.ts`) that hold vocabulary constants such as LOG_LEVELS and RCA_METHODS.
		files: ['src/lib/notebook/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: String.raw`^\$workers/(?!shared/|[\w-]+/(?:types|api)$)`,
							allowTypeImports: true,
							message:
								'the notebook calls algorithms through ctx.compute; import values only from $workers/shared/ or a types/api contract.'
						}
					]
				}
			]
		}
	},
	{
		ignores: ['build/', '.svelte-kit/', '.cache/', 'node_modules/', 'static/', 'tests/fixtures/']
	}
);
