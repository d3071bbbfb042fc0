/**
 * Svelte 5 removes whitespace at the start and end of a tag and of a block, so markup that puts
 * a word's separating space there renders words glued together ("600 s· cache", "0 ms).The").
 * A space inside an expression survives (`{` · ${x}`}`; the linter refuses a bare {' '}). This
 * scans the components for the two shapes that lost spaces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../src');

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const p = path.join(dir, d.name);
		return d.isDirectory() ? svelteFiles(p) : d.name.endsWith('.svelte') ? [p] : [];
	});
}

/** Markup only: script and style blocks hold code, where these shapes mean nothing. */
const markup = (src: string) =>
	src.replace(/<script[^]*?<\/script>/g, '').replace(/<style[^]*?<\/style>/g, '');

const SHAPES: [string, RegExp][] = [
	// <span class="muted"> · {x}</span>: the leading space is dropped.
	[
		'a space at the start of an inline tag',
		/<(span|strong|em|a|code|small|b|kbd)(\s[^>]*)?(?<!=)> [^\s<]/g
	],
	// text.{#if c}⏎ more text: the line break inside the block is dropped.
	[
		'text glued to a block whose content starts on the next line',
		/[^\s>}]\{#if [^}]*\}\n\s*[^\s{]/g
	]
];

describe('inline whitespace in components', () => {
	it('never relies on whitespace at the start of a tag or block', () => {
		const found: string[] = [];
		for (const file of svelteFiles(ROOT)) {
			const src = markup(readFileSync(file, 'utf8'));
			for (const [what, re] of SHAPES)
				for (const m of src.matchAll(re))
					found.push(`${path.relative(ROOT, file)}: ${what}: ${JSON.stringify(m[0])}`);
		}
		expect(found).toEqual([]);
	});
});
