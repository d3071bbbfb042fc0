/**
 * Sentence embeddings with transformers.js (feature-extraction, mean pooling, L2 norm) on
 * onnxruntime: onnxruntime-web in the browser (WebGPU when an adapter exists and agrees with WASM,
 * else WASM), onnxruntime-node in Node. all-MiniLM-L6-v2 quantised to q8 by default. The model is
 * loaded once per instance; texts are embedded in batches.
 */
import type { Embedder } from './api';
import type { Progress } from '../shared/progress';

/** The sentence-embedding model the workbench uses. */
export const MINILM_MODEL = 'Xenova/all-MiniLM-L6-v2';

/**
 * Word pieces the workbench embeds per text. all-MiniLM-L6-v2 was fine-tuned on texts cut to 128
 * word pieces (its model card); sentence-transformers reads up to 256. Log templates are often
 * Java stack traces thousands of characters long, where the second 128 pieces are stack frames:
 * cutting at 128 halves the cost of every long text, and on the semantic eval it moved
 * TrainTicket recall@10 from 0.786 to 0.756 and MRR from 0.868 to 0.867 (docs/logs.md). The
 * parity check against the reference runs at 256, the model's own setting.
 */
export const MINILM_MAX_TOKENS = 128;

/**
 * First 12 hex digits of the sha256 of the shipped `onnx/model_quantized.onnx` (a unit test checks
 * it). It names the weights in cache keys: the embedding cache and the browser's model cache.
 * Replacing the weights under the same path means changing this, so no old vector is reused.
 */
export const MINILM_REVISION = '00f7ff7f5fb4';

/** Cache Storage bucket of the shipped model's files (by weights revision; see MINILM_REVISION). */
export const MINILM_BROWSER_CACHE = `aitia-models/${MINILM_REVISION}`;

/** Where and how to load a model. */
export interface TransformersOptions {
	/** Model id: a folder under localModelPath, or a hub repository. */
	model: string;
	/** Weight type; q8 = model_quantized.onnx. */
	dtype: 'q8' | 'fp32' | 'fp16' | 'q4';
	/** 'auto' tries WebGPU (browser, with a parity check), then WASM; Node uses its CPU backend. */
	device: 'auto' | 'webgpu' | 'wasm' | 'cpu';
	/** Local model root ('/models/' in the browser, a folder in Node); undefined = none. */
	localModelPath?: string;
	/** Whether the Hugging Face hub may be asked. */
	allowRemote: boolean;
	/** Where onnxruntime-web's .wasm/.mjs files are served (our own origin, never a CDN). */
	wasmPaths?: string | Record<string, string>;
	/** onnxruntime-web WASM threads (undefined = ORT's default). */
	numThreads?: number;
	/** Texts per model call. */
	batchSize?: number;
	/**
	 * Word pieces kept per text (undefined = the tokenizer's model_max_length, 256 for MiniLM, as
	 * sentence-transformers does). Part of the embedder's name when set, so vectors of different
	 * lengths never share a cache entry.
	 */
	maxTokens?: number;
	/**
	 * Browser only: the Cache Storage bucket that keeps model files after the first load (a warm
	 * load reads them from there, not the network); false = never cache. Undefined = transformers.js'
	 * default ('transformers-cache').
	 */
	browserCache?: string | false;
	/** Loading progress (0..1) as transformers.js reports it. */
	onProgress?: Progress;
}

type Extractor = ((
	texts: string[],
	opts: { pooling: 'mean'; normalize: boolean }
) => Promise<{ data: Float32Array; dims: number[] }>) & {
	tokenizer: { readonly model_max_length: number; _tokenizerConfig: Record<string, unknown> };
};

/** Cosine of two unit vectors. */
function cosine(a: Float32Array, b: Float32Array): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i] * b[i];
	return s;
}

/** Minimum cosine WebGPU vectors must reach against WASM before WebGPU is trusted. */
export const PARITY_MIN_COSINE = 0.99;
const PARITY_TEXTS = ['database lock wait exceeded 2000 ms', 'cpu temperature high, throttling'];

async function hasWebGpu(): Promise<boolean> {
	const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)
		?.gpu;
	if (!gpu) return false;
	try {
		return (await gpu.requestAdapter()) !== null;
	} catch {
		return false;
	}
}

/** Loads a model and returns it as an Embedder (throws when it cannot be loaded). */
export async function loadTransformersEmbedder(o: TransformersOptions): Promise<Embedder> {
	const tf = await import('@huggingface/transformers');
	const env = tf.env;
	env.allowLocalModels = o.localModelPath !== undefined;
	if (o.localModelPath !== undefined) env.localModelPath = o.localModelPath;
	env.allowRemoteModels = o.allowRemote;
	const wasm = env.backends.onnx?.wasm;
	if (o.wasmPaths !== undefined && wasm) wasm.wasmPaths = o.wasmPaths;
	if (o.numThreads !== undefined && wasm) wasm.numThreads = o.numThreads;
	// transformers.js would re-serve ORT's .mjs from a blob: URL (its "WASM cache"), which our CSP
	// (script-src 'self') refuses; ORT then imports it from our origin directly.
	(env as { useWasmCache?: boolean }).useWasmCache = false;
	env.useBrowserCache = o.browserCache !== false && typeof globalThis.caches !== 'undefined';
	if (typeof o.browserCache === 'string') env.cacheKey = o.browserCache;
	const make = async (device: string): Promise<Extractor> =>
		(await tf.pipeline('feature-extraction', o.model, {
			dtype: o.dtype,
			device: device as 'wasm',
			progress_callback: (p: { progress?: number; file?: string; status?: string }) =>
				o.onProgress?.((p.progress ?? 0) / 100, `${p.status ?? ''} ${p.file ?? ''}`.trim())
		})) as unknown as Extractor;
	const inBrowser =
		typeof (globalThis as { document?: unknown; WorkerGlobalScope?: unknown }).WorkerGlobalScope !==
			'undefined' || typeof (globalThis as { document?: unknown }).document !== 'undefined';
	let device = o.device === 'auto' ? (inBrowser ? 'wasm' : 'cpu') : o.device;
	let run = await make(device);
	if (o.device === 'auto' && inBrowser && (await hasWebGpu())) {
		const gpu = await make('webgpu').catch(() => undefined);
		if (gpu && (await parityHolds(gpu, run))) {
			run = gpu;
			device = 'webgpu';
		}
	}
	if (o.maxTokens !== undefined) limitTokens(run, o.maxTokens);
	const probe = await run(['probe'], { pooling: 'mean', normalize: true });
	const dim = probe.dims[probe.dims.length - 1];
	const batchSize = o.batchSize ?? 32;
	const shortName = o.model.split('/').pop()?.toLowerCase() ?? o.model;
	// The token limit is in the name: vectors cut at another length never share a cache entry.
	const limit = o.maxTokens === undefined ? '' : `/t${o.maxTokens}`;
	return {
		name: `${shortName}/${o.dtype}${limit}`,
		dim,
		device,
		async embed(texts: string[]): Promise<Float32Array> {
			const out = new Float32Array(texts.length * dim);
			// A batch is padded to its longest text: batching texts of similar length (by
			// characters, a proxy for word pieces) keeps one long line from making 31 short ones
			// cost 256 tokens each. Mean pooling ignores padding, so the vectors do not change.
			const order = texts.map((_, i) => i);
			order.sort((a, b) => texts[a].length - texts[b].length);
			for (let i = 0; i < order.length; i += batchSize) {
				const idx = order.slice(i, i + batchSize);
				const res = await run(
					idx.map((k) => texts[k]),
					{ pooling: 'mean', normalize: true }
				);
				idx.forEach((k, j) => out.set(res.data.subarray(j * dim, (j + 1) * dim), k * dim));
			}
			return out;
		}
	} as Embedder & { device: string };
}

/**
 * The pipeline truncates at its tokenizer's model_max_length, a getter over the tokenizer's
 * config (transformers.js 3.x): set it there, and check it took.
 */
function limitTokens(run: Extractor, maxTokens: number): void {
	run.tokenizer._tokenizerConfig.model_max_length = maxTokens;
	if (run.tokenizer.model_max_length !== maxTokens)
		throw new Error('this transformers.js version does not let us set the token limit');
}

/** WebGPU kernels have produced wrong embeddings before: compare against WASM on fixed texts. */
async function parityHolds(gpu: Extractor, wasm: Extractor): Promise<boolean> {
	try {
		const a = await gpu(PARITY_TEXTS, { pooling: 'mean', normalize: true });
		const b = await wasm(PARITY_TEXTS, { pooling: 'mean', normalize: true });
		const dim = a.dims[a.dims.length - 1];
		for (let i = 0; i < PARITY_TEXTS.length; i++) {
			const s = cosine(
				a.data.subarray(i * dim, (i + 1) * dim),
				b.data.subarray(i * dim, (i + 1) * dim)
			);
			if (s < PARITY_MIN_COSINE) return false;
		}
		return true;
	} catch {
		return false;
	}
}
