/**
 * The real transformers.js + onnxruntime-web path in Chromium: the tiny BERT fixture is embedded in a
 * module Web Worker (tests/e2e/embed-browser.entry.ts) with ORT's WASM backend, whose .wasm/.mjs files
 * come from our own server (node_modules/onnxruntime-web/dist), never a CDN. Vectors are compared with
 * onnxruntime-node's for the same sentences. Where Chromium exposes a WebGPU adapter (SwiftShader
 * here), WebGPU vectors are checked against WASM as transformers.ts does at start-up.
 *
 * Uses the Chromium harness of tests/bench/browser.ts (esbuild bundle, static server, fresh profile),
 * not the app build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../support/chromium';
import { filesUnder, withBrowser } from '../bench/browser';
import { loadTransformersEmbedder, PARITY_MIN_COSINE } from '../../workers/embed/transformers';
import type { EmbedReply, EmbedRequest } from './embed-browser.entry';
import { readParityFixture, rowCosines } from '../unit/embed/parity-fixture';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const FIXTURES = here('../fixtures/');
const ORT_DIST = here('../../node_modules/onnxruntime-web/dist/');
const SHIPPED = here('../../static/models/');
const TEXTS = [
	'db lock wait exceeded',
	'cpu temperature high on host-b4',
	'connection closed',
	'a',
	'database lock wait exceeded after a long timeout on the pool'
];
const DIM = 32;

/** /ort/<file> from onnxruntime-web's dist, the shipped MiniLM, other /models/<path> from tests/fixtures. */
const staticFile = filesUnder([
	['/ort/', ORT_DIST],
	['/models/Xenova/', path.join(SHIPPED, 'Xenova')],
	['/models/', FIXTURES]
]);

const row = (v: ArrayLike<number>, i: number) => Array.from(v).slice(i * DIM, (i + 1) * DIM);
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const cosines = (a: ArrayLike<number>, b: ArrayLike<number>) =>
	TEXTS.map((_, i) => dot(row(a, i), row(b, i)) / Math.sqrt(dot(row(b, i), row(b, i))));

describe('transformers.js + onnxruntime-web in a Chromium worker (tiny BERT)', () => {
	let reply: EmbedReply;
	let nodeVectors: Float32Array;
	let origin = '';
	const served: string[] = [];
	const requested: string[] = [];

	beforeAll(async () => {
		const node = await loadTransformersEmbedder({
			model: 'tiny-bert',
			dtype: 'fp32',
			device: 'cpu',
			localModelPath: FIXTURES,
			allowRemote: false
		});
		nodeVectors = await node.embed(TEXTS);
		reply = await withBrowser(
			[here('./embed-browser.entry.ts')],
			async (s) => {
				origin = new URL(s.url).origin;
				s.page.context().on('request', (r) => requested.push(r.url()));
				const req: EmbedRequest = { texts: TEXTS };
				return s.runInWorker<EmbedReply>('/embed-browser.js', req, 150_000);
			},
			{
				extra: staticFile,
				onRequest: (p) => served.push(p),
				// WebGPU needs the GPU process (SwiftShader here), so '--disable-gpu' is left out.
				args: [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu']
			}
		);
	}, 180_000);

	it('loads onnxruntime-web and the model from our own server only', () => {
		expect(served.some((p) => /^\/ort\/ort-wasm-simd-threaded.*\.wasm$/.test(p))).toBe(true);
		expect(served).toContain('/models/tiny-bert/onnx/model.onnx');
		expect(served).toContain('/models/tiny-bert/tokenizer.json');
		const all = [...requested, ...reply.resources];
		expect(all.length).toBeGreaterThan(3);
		console.log(
			`served: ${served.filter((p) => p !== '/').join(' ')}; ${requested.length} browser requests, ${reply.resources.length} worker resources, all on ${origin}`
		);
		expect(all.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
	});

	it('embeds on WASM in the worker: one unit vector of the model width per text', () => {
		expect(reply.name).toBe('tiny-bert/fp32');
		expect(reply.device).toBe('wasm');
		expect(reply.crossOriginIsolated).toBe(true);
		expect(reply.dim).toBe(DIM);
		expect(reply.batch.length).toBe(TEXTS.length * DIM);
		for (let i = 0; i < TEXTS.length; i++)
			expect(Math.sqrt(dot(row(reply.batch, i), row(reply.batch, i)))).toBeCloseTo(1, 5);
		for (let i = 1; i < TEXTS.length; i++)
			expect(dot(row(reply.batch, 0), row(reply.batch, i))).toBeLessThan(0.99);
	});

	it('is deterministic, and padding in a batch does not change vectors', () => {
		expect(reply.again).toEqual(reply.batch);
		for (const c of cosines(reply.singles, reply.batch)) expect(c).toBeGreaterThan(0.99999);
	});

	it('agrees with onnxruntime-node on the same sentences (cosine ≥ 0.999)', () => {
		const c = cosines(reply.batch, nodeVectors);
		console.log(`WASM vs Node: min cosine ${Math.min(...c).toFixed(8)}`);
		for (const x of c) expect(x).toBeGreaterThanOrEqual(0.999);
	});

	it('WebGPU agrees with WASM (cosine ≥ 0.99) and auto picks WebGPU', (ctx) => {
		const gpu = reply.webgpu;
		if ('skipped' in gpu) return ctx.skip(`no WebGPU here: ${gpu.skipped}`);
		if ('error' in gpu) throw new Error(`WebGPU adapter ${gpu.adapter} exists but: ${gpu.error}`);
		const c = cosines(gpu.vectors, reply.batch);
		console.log(`WebGPU (${gpu.adapter}) vs WASM: min cosine ${Math.min(...c).toFixed(8)}`);
		for (const x of c) expect(x).toBeGreaterThanOrEqual(PARITY_MIN_COSINE);
		expect(gpu.autoDevice).toBe('webgpu');
	});
});

describe('shipped all-MiniLM-L6-v2 q8 in a Chromium worker (WASM) against sentence-transformers', () => {
	it('reaches cosine ≥ 0.99 on every parity line, loading only from our server', async () => {
		const fx = readParityFixture();
		const served: string[] = [];
		const reply = await withBrowser(
			[here('./embed-browser.entry.ts')],
			(s) =>
				s.runInWorker<EmbedReply>(
					'/embed-browser.js',
					{
						texts: fx.texts,
						model: 'Xenova/all-MiniLM-L6-v2',
						dtype: 'q8',
						webgpu: false
					} satisfies EmbedRequest,
					240_000
				),
			{ extra: staticFile, onRequest: (p) => served.push(p) }
		);
		expect(served).toContain('/models/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx');
		expect(reply.name).toBe('all-minilm-l6-v2/q8');
		const c = rowCosines(reply.batch, fx.vectors, fx.dim);
		console.log(`Chromium WASM q8 vs reference: min cosine ${Math.min(...c).toFixed(6)}`);
		for (const x of c) expect(x).toBeGreaterThanOrEqual(0.99);
	}, 300_000);
});
