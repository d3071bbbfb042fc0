/**
 * A corrupt or missing MiniLM file falls back to the lexical embedder once, with the reason, and
 * the embedding cache embeds each distinct text once.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../../workers/embed/api';
import { CachedEmbedder } from '../../../workers/embed/cache';
import { LexicalEmbedder } from '../../../workers/embed/lexical';
import { selectEmbedder } from '../../../workers/embed/select';
import { MINILM_MODEL } from '../../../workers/embed/transformers';

const SHIPPED = fileURLToPath(new URL(`../../../static/models/${MINILM_MODEL}`, import.meta.url));

/** A model root holding the shipped tokenizer/config and `damage` applied to it. */
function brokenCopy(damage: (dir: string) => void): string {
	const root = mkdtempSync(path.join(tmpdir(), 'minilm-broken-'));
	const dir = path.join(root, MINILM_MODEL);
	cpSync(SHIPPED, dir, {
		recursive: true,
		filter: (src) => !src.endsWith('.onnx')
	});
	damage(dir);
	return root;
}

describe('MiniLM fallback', () => {
	it('falls back to lexical with a clear reason when the weights are corrupt', async () => {
		const root = brokenCopy((dir) =>
			writeFileSync(path.join(dir, 'onnx/model_quantized.onnx'), 'not an onnx file')
		);
		const c = await selectEmbedder({ prefer: 'auto', localModelPath: root, allowHub: false });
		expect(c.embedder.name).toBe('lexical-hash-v1');
		expect(c.reason).toMatch(/^MiniLM could not be loaded \(self-hosted: .+\); using the lexical/);
		rmSync(root, { recursive: true, force: true });
	}, 60_000);

	it('falls back to lexical when the weights file is missing', async () => {
		const root = brokenCopy(() => undefined);
		const c = await selectEmbedder({ prefer: 'auto', localModelPath: root, allowHub: false });
		expect(c.embedder.name).toBe('lexical-hash-v1');
		expect(c.reason).toContain('self-hosted');
		rmSync(root, { recursive: true, force: true });
	}, 60_000);
});

describe('CachedEmbedder', () => {
	it('embeds each distinct text once and returns the same vectors', async () => {
		const seen: string[] = [];
		const lexical = new LexicalEmbedder();
		const inner: Embedder = {
			name: lexical.name,
			dim: lexical.dim,
			embed: (texts) => {
				seen.push(...texts);
				return lexical.embed(texts);
			}
		};
		const cached = new CachedEmbedder(inner, 3);
		const texts = ['disk full', 'db lock', 'disk full', 'cpu hot'];
		const a = await cached.embed(texts);
		expect(a).toEqual(await lexical.embed(texts));
		expect(seen).toEqual(['disk full', 'db lock', 'cpu hot']);
		await cached.embed(['db lock', 'cpu hot']);
		expect(seen.length).toBe(3);
		expect(cached.stats).toEqual({ hits: 2, stored: 0, misses: 3, storeErrors: 0 });
		// Capacity 3: a fourth text evicts the oldest ('disk full').
		await cached.embed(['new text']);
		await cached.embed(['disk full']);
		expect(seen.slice(3)).toEqual(['new text', 'disk full']);
		expect(cached.name).toBe(lexical.name);
	});
});
