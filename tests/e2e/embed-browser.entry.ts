/**
 * Runs inside a module Web Worker of real Chromium (bundled by tests/e2e/embed-browser.test.ts):
 * loads the tiny BERT model with transformers.js on onnxruntime-web, whose .wasm/.mjs come from
 * the test server's /ort/, and embeds texts. Answers the harness page with {type:'result'} or
 * {type:'error'} (the protocol of tests/bench/browser.ts).
 */
import { serveBench } from '../bench/protocol';
import type { Embedder } from '../../workers/embed/api';
import { loadTransformersEmbedder } from '../../workers/embed/transformers';

/** What the test asks for. */
export interface EmbedRequest {
	/** Texts to embed, as one batch and one by one. */
	texts: string[];
	/** Model under /models/ (default the tiny BERT) and its weight type. */
	model?: string;
	dtype?: 'fp32' | 'q8';
	/** Whether to try WebGPU too (default true). */
	webgpu?: boolean;
}

/** WebGPU vectors of the texts and the device 'auto' chose, or why there are none. */
export type WebGpuReply =
	| { adapter: string; vectors: number[]; autoDevice: string }
	| { skipped: string }
	| { adapter: string; error: string };

/** What the worker answers. */
export interface EmbedReply {
	/** Embedder name and width. */
	name: string;
	dim: number;
	/** Device the embedder ended up on. */
	device: string;
	/** Whether the worker could use threads (SharedArrayBuffer). */
	crossOriginIsolated: boolean;
	/** Vectors of `texts` as one batch, twice, and one text per call. */
	batch: number[];
	again: number[];
	singles: number[];
	/** WebGPU outcome (an adapter that exists but fails is an error, not a skip). */
	webgpu: WebGpuReply;
	/** URLs of every resource the worker fetched (Resource Timing). */
	resources: string[];
}

let model = 'tiny-bert';
let dtype: 'fp32' | 'q8' = 'fp32';

const load = (device: 'wasm' | 'webgpu' | 'auto'): Promise<Embedder> =>
	loadTransformersEmbedder({
		model,
		dtype,
		device,
		localModelPath: '/models/',
		allowRemote: false,
		wasmPaths: `${self.location.origin}/ort/`,
		batchSize: 16
	});

type Gpu = {
	requestAdapter(): Promise<{ info?: { vendor: string; architecture: string } } | null>;
};

async function webgpu(texts: string[]): Promise<WebGpuReply> {
	const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
	if (!gpu) return { skipped: 'navigator.gpu is not exposed in the worker' };
	const found = await gpu.requestAdapter().catch(() => null);
	if (!found) return { skipped: 'navigator.gpu.requestAdapter() returned no adapter' };
	const adapter = `${found.info?.vendor ?? '?'}/${found.info?.architecture ?? '?'}`;
	try {
		const onGpu = await load('webgpu');
		// 'auto' runs transformers.ts's start-up parity check and keeps WebGPU only if it holds.
		const auto = (await load('auto')) as Embedder & { device: string };
		return { adapter, vectors: Array.from(await onGpu.embed(texts)), autoDevice: auto.device };
	} catch (e) {
		return { adapter, error: (e as Error).message };
	}
}

async function run(req: EmbedRequest): Promise<EmbedReply> {
	model = req.model ?? model;
	dtype = req.dtype ?? dtype;
	const e = (await load('wasm')) as Embedder & { device: string };
	const batch = Array.from(await e.embed(req.texts));
	const again = Array.from(await e.embed(req.texts));
	const singles: number[] = [];
	for (const t of req.texts) singles.push(...(await e.embed([t])));
	return {
		name: e.name,
		dim: e.dim,
		device: e.device,
		crossOriginIsolated: self.crossOriginIsolated,
		batch,
		again,
		singles,
		webgpu: req.webgpu === false ? { skipped: 'not asked' } : await webgpu(req.texts),
		resources: performance.getEntriesByType('resource').map((r) => r.name)
	};
}

serveBench(run);
