/**
 * MiniLM (shipped q8) in a module Web Worker of real Chromium, as the logs worker runs it; driven
 * by tests/bench/minilm-bench.ts, which serves /models/ and onnxruntime-web's files (/ort/) from its
 * own origin. Tasks: 'load' (time to a usable model; the runner calls it twice on one profile:
 * cold, then warm from Cache Storage), 'speed' (texts/s at a thread count), 'lines' (1 M log lines
 * mined, templates embedded, searchable) and 'webgpu' (WebGPU vectors vs WASM, speed not measured).
 */
import { LOG_LEVELS, type LogTable } from '../../workers/bundle/types';
import type { Embedder } from '../../workers/embed/api';
import {
	loadTransformersEmbedder,
	MINILM_BROWSER_CACHE,
	MINILM_MAX_TOKENS,
	MINILM_MODEL
} from '../../workers/embed/transformers';
import { embedDocs, mineLogs } from '../../workers/logs/build';
import { FlatIndex } from '../../workers/search/flat';
import { benchLog, serveBench } from './protocol';

/** What the runner asks for. */
export type MiniLmTask =
	| { task: 'load'; threads: number }
	| { task: 'speed'; threads: number; texts: string[] }
	| {
			task: 'lines';
			threads: number;
			lines: number;
			messages: string[];
			services: string[];
	  }
	| { task: 'webgpu'; texts: string[] };

/** What the worker answers (seconds; vectors as plain arrays). */
export interface MiniLmReply {
	seconds: number;
	crossOriginIsolated: boolean;
	device?: string;
	/** Model files found in Cache Storage before loading. */
	cachedFiles?: number;
	/** 'lines': the split and sizes (`seconds` = model load). */
	mineS?: number;
	templates?: number;
	docs?: number;
	embedTemplatesS?: number;
	indexS?: number;
	/** 'webgpu': per-text cosine of WebGPU vs WASM vectors, or why there are none. */
	cosines?: number[];
	skipped?: string;
	adapter?: string;
}

const load = (threads: number, device: 'wasm' | 'webgpu' = 'wasm') =>
	loadTransformersEmbedder({
		model: MINILM_MODEL,
		dtype: 'q8',
		device,
		localModelPath: '/models/',
		allowRemote: false,
		wasmPaths: `${self.location.origin}/ort/`,
		numThreads: threads,
		maxTokens: MINILM_MAX_TOKENS,
		browserCache: MINILM_BROWSER_CACHE
	}) as Promise<Embedder & { device: string }>;

async function cachedFiles(): Promise<number> {
	if (!(await caches.has(MINILM_BROWSER_CACHE))) return 0;
	return (await (await caches.open(MINILM_BROWSER_CACHE)).keys()).length;
}

const now = () => performance.now() / 1000;

/** `lines` lines cycling through the given messages, 10 ms apart. */
function cycled(n: number, messages: string[], services: string[]): LogTable {
	const t0 = Date.UTC(2023, 0, 29, 8);
	const logs: LogTable = {
		length: n,
		t: new Float64Array(n),
		level: new Uint8Array(n),
		service: new Uint16Array(n),
		services: [...new Set(services)],
		message: new Array<string>(n),
		extra: new Array<string>(n).fill('')
	};
	const serviceIndex = services.map((s) => logs.services.indexOf(s));
	for (let i = 0; i < n; i++) {
		const k = i % messages.length;
		logs.t[i] = t0 + i * 10;
		logs.message[i] = messages[k];
		logs.service[i] = serviceIndex[k];
		logs.level[i] = LOG_LEVELS.indexOf(/ (ERROR|WARN) /.test(messages[k]) ? 'error' : 'info');
	}
	return logs;
}

async function lines(t: Extract<MiniLmTask, { task: 'lines' }>): Promise<MiniLmReply> {
	const start = now();
	const e = await load(t.threads);
	const loadS = now() - start;
	const logs = cycled(t.lines, t.messages, t.services);
	benchLog(`${t.lines} lines ready; mining`);
	const m0 = now();
	const span = { start: logs.t[0], end: logs.t[t.lines - 1] + 1 };
	const mined = await mineLogs(logs, { origin: span.start, baseline: span, incident: span });
	const mineS = now() - m0;
	// The logs worker's index embeds exactly these docs: one per template (workers/logs/build.ts).
	const templates = mined.docs;
	benchLog(`mined in ${(now() - m0).toFixed(1)} s: ${templates.length} templates`);
	const e0 = now();
	const tv = await embedDocs(templates, e);
	const embedTemplatesS = now() - e0;
	benchLog(`templates embedded in ${embedTemplatesS.toFixed(1)} s`);
	const i0 = now();
	const index = new FlatIndex(e.name, e.dim, templates.length);
	index.add(tv, e.name);
	index.search(await e.embed(['ticket execute error: order status wrong']), 10);
	return {
		seconds: loadS,
		crossOriginIsolated: self.crossOriginIsolated,
		device: e.device,
		mineS,
		templates: templates.length,
		docs: mined.docs.length,
		embedTemplatesS,
		indexS: now() - i0
	};
}

async function webgpu(texts: string[]): Promise<MiniLmReply> {
	const t0 = now();
	const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
	const adapter = (await gpu?.requestAdapter().catch(() => null)) as {
		info?: { vendor: string; architecture: string };
	} | null;
	const base = { seconds: 0, crossOriginIsolated: self.crossOriginIsolated };
	if (!adapter) return { ...base, skipped: 'no WebGPU adapter in this Chromium' };
	const onGpu = await load(1, 'webgpu');
	const onWasm = await load(1, 'wasm');
	const a = await onGpu.embed(texts);
	const b = await onWasm.embed(texts);
	const cosines = texts.map((_, i) => {
		let s = 0;
		for (let d = 0; d < onGpu.dim; d++) s += a[i * onGpu.dim + d] * b[i * onGpu.dim + d];
		return s;
	});
	return {
		...base,
		seconds: now() - t0,
		device: onGpu.device,
		adapter: `${adapter.info?.vendor ?? '?'}/${adapter.info?.architecture ?? '?'}`,
		cosines
	};
}

serveBench<MiniLmTask, MiniLmReply>(async (t) => {
	const base = { crossOriginIsolated: self.crossOriginIsolated };
	if (t.task === 'load') {
		const found = await cachedFiles();
		const t0 = now();
		const e = await load(t.threads);
		return { ...base, seconds: now() - t0, device: e.device, cachedFiles: found };
	}
	if (t.task === 'speed') {
		const e = await load(t.threads);
		await e.embed(t.texts.slice(0, 8)); // warm-up: first-run kernels
		const t0 = now();
		await e.embed(t.texts);
		return { ...base, seconds: now() - t0, device: e.device };
	}
	if (t.task === 'lines') return lines(t);
	return webgpu(t.texts);
});
