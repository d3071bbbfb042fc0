/**
 * The shipped all-MiniLM-L6-v2 is the real model: our Node path (transformers.js +
 * onnxruntime-node) against sentence-transformers' vectors of 120 log lines (fixture written by
 * tests/eval/semantic/export_model.py). q8 (shipped, static/models/) must reach cosine ≥ 0.99 on
 * every line; fp32 (90 MB, not shipped) ≥ 0.9999 where the export script has left it in
 * node_modules/.cache/minilm-fp32/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	loadTransformersEmbedder,
	MINILM_MODEL,
	MINILM_REVISION
} from '../../../workers/embed/transformers';
import { readParityFixture, rowCosines, type ParityFixture } from './parity-fixture';

const MODELS = fileURLToPath(new URL('../../../static/models/', import.meta.url));
const SHIPPED = path.join(MODELS, MINILM_MODEL);
const FP32 = fileURLToPath(
	new URL('../../../node_modules/.cache/minilm-fp32/model.onnx', import.meta.url)
);

/** A model root with the shipped tokenizer/config and the fp32 weights (symlinks). */
function fp32Root(): string {
	const root = path.join(tmpdir(), `minilm-fp32-${process.pid}`);
	rmSync(root, { recursive: true, force: true });
	const dir = path.join(root, MINILM_MODEL);
	mkdirSync(path.join(dir, 'onnx'), { recursive: true });
	for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json'])
		symlinkSync(path.join(SHIPPED, f), path.join(dir, f));
	symlinkSync(FP32, path.join(dir, 'onnx', 'model.onnx'));
	return root;
}

async function minCosine(fx: ParityFixture, dtype: 'q8' | 'fp32', root: string) {
	const e = await loadTransformersEmbedder({
		model: MINILM_MODEL,
		dtype,
		device: 'cpu',
		localModelPath: root,
		allowRemote: false
	});
	const c = rowCosines(await e.embed(fx.texts), fx.vectors, fx.dim);
	return {
		name: e.name,
		dim: e.dim,
		min: Math.min(...c),
		worst: fx.texts[c.indexOf(Math.min(...c))]
	};
}

describe('shipped all-MiniLM-L6-v2 against sentence-transformers (Node)', () => {
	let fx: ParityFixture;
	beforeAll(() => {
		fx = readParityFixture();
	});

	it('ships the q8 model the fixture was made from, with its licence', () => {
		const bytes = readFileSync(path.join(SHIPPED, 'onnx/model_quantized.onnx'));
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(fx.model_quantized_sha256);
		// Cache keys name the weights by this prefix: new weights must change it.
		expect(fx.model_quantized_sha256.startsWith(MINILM_REVISION)).toBe(true);
		expect(existsSync(path.join(MODELS, 'LICENSE'))).toBe(true);
		expect(fx.texts.length).toBeGreaterThanOrEqual(100);
	});

	it('q8: cosine ≥ 0.99 on every line', async () => {
		const r = await minCosine(fx, 'q8', MODELS);
		console.log(`Node q8 vs ${fx.reference}: min cosine ${r.min.toFixed(6)} (${r.worst})`);
		expect(r.name).toBe('all-minilm-l6-v2/q8');
		expect(r.dim).toBe(384);
		expect(r.min).toBeGreaterThanOrEqual(0.99);
	}, 120_000);

	it('fp32: cosine ≥ 0.9999 on every line', async (ctx) => {
		if (!existsSync(FP32)) return ctx.skip('fp32 export absent (run export_model.py)');
		const r = await minCosine(fx, 'fp32', fp32Root());
		console.log(`Node fp32 vs reference: min cosine ${r.min.toFixed(8)} (${r.worst})`);
		expect(r.min).toBeGreaterThanOrEqual(0.9999);
	}, 120_000);
});
