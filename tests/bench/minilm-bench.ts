/**
 * `npm run bench -- minilm`: the shipped MiniLM q8, measured where it runs.
 * - Chromium module worker (cross-origin isolated page, fresh on-disk profile): model load cold
 *   (Cache Storage empty, files fetched from our origin) and warm (a new worker on the same profile:
 *   files from Cache Storage, no model request reaches the server); texts/s on WASM with 1 and 2
 *   threads; 1 M log lines (TrainTicket lines cycled) → templates → MiniLM → searchable, target < 60 s.
 * - WebGPU on SwiftShader (`--enable-unsafe-webgpu`): vectors vs WASM only. A software GPU says
 *   nothing about real GPU speed, so none is reported.
 * - Node (onnxruntime-node): load time and texts/s.
 * Texts for speed: the 120 real log lines of the parity fixture, twice.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../support/chromium';
import { readParityFixture } from '../unit/embed/parity-fixture';
import {
	loadTransformersEmbedder,
	MINILM_MAX_TOKENS,
	MINILM_MODEL
} from '../../workers/embed/transformers';
import { readTrainTicketLines, TRAINTICKET } from '../eval/semantic/trainticket';
import { filesUnder, withBrowser, type BrowserSession } from './browser';
import type { MiniLmReply, MiniLmTask } from './minilm-bench.entry';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ORT_DIST = here('../../node_modules/onnxruntime-web/dist/');
const MODELS = here('../../static/models/');
const ENTRY = here('./minilm-bench.entry.ts');
const LINES = 1_000_000;
const BUDGET_S = 60;
/** ORT's files and the shipped model, as the app serves them. */
const staticFile = filesUnder([
	['/ort/', ORT_DIST],
	['/models/', MODELS]
]);

const f = (n: number, d = 1) => n.toFixed(d);
const run = (s: BrowserSession, t: MiniLmTask, timeoutS = 300) =>
	s.runInWorker<MiniLmReply>('/minilm-bench.js', t, timeoutS * 1000);

async function inChromium(texts: string[]): Promise<string[]> {
	const missed: string[] = [];
	const served: string[] = [];
	const tt = existsSync(TRAINTICKET) ? readTrainTicketLines() : [];
	await withBrowser(
		[ENTRY],
		async (s) => {
			const cold = await run(s, { task: 'load', threads: 1 });
			const coldModel = served.filter((p) => p.endsWith('.onnx')).length;
			const coldFiles = served.filter((p) => p.startsWith('/models/')).join(' ');
			served.length = 0;
			const warm = await run(s, { task: 'load', threads: 1 });
			const warmModel = served.filter((p) => p.endsWith('.onnx')).length;
			console.log(
				`  model load, cold: ${f(cold.seconds, 2)} s (Cache Storage had ${cold.cachedFiles} files; ${coldModel} .onnx request to the server)`
			);
			console.log(`    cold load asked the server for: ${coldFiles}`);
			console.log(
				`  model load, warm: ${f(warm.seconds, 2)} s (Cache Storage had ${warm.cachedFiles} files; ${warmModel} .onnx requests to the server)`
			);
			for (const threads of [1, 2]) {
				const r = await run(s, { task: 'speed', threads, texts });
				console.log(
					`  WASM ${threads} thread${threads > 1 ? 's' : ''} (isolated: ${r.crossOriginIsolated}): ${f(texts.length / r.seconds)} texts/s (${texts.length} texts in ${f(r.seconds, 2)} s)`
				);
			}
			if (!tt.length) {
				console.log('  1 M lines: SKIPPED (../shared/datasets/rca-nezha-trainticket missing)');
				return;
			}
			const r = await run(
				s,
				{
					task: 'lines',
					threads: 2,
					lines: LINES,
					messages: tt.map((l) => l.raw),
					services: tt.map((l) => l.service)
				},
				600
			);
			const templatesOnly = r.mineS! + r.embedTemplatesS! + r.indexS!;
			console.log(
				`  1 M lines (${tt.length} TrainTicket lines cycled) → ${r.templates} templates (what the logs worker embeds), WASM 2 threads, model loaded first in ${f(r.seconds)} s:`
			);
			console.log(
				`    mine ${f(r.mineS!)} s; embed ${r.templates} templates ${f(r.embedTemplatesS!)} s (${f(r.templates! / r.embedTemplatesS!)} texts/s); index + first query ${f(r.indexS!, 2)} s`
			);
			console.log(
				`    → searchable, templates embedded: ${f(templatesOnly)} s (target < ${BUDGET_S} s)`
			);
			if (templatesOnly > BUDGET_S)
				missed.push(
					`MISSED: 1 M lines → searchable (templates) ${f(templatesOnly)} s > ${BUDGET_S} s`
				);
		},
		{
			extra: staticFile,
			onRequest: (p) => served.push(p),
			onConsole: (t) => console.log(`    [browser] ${t}`)
		}
	);
	return missed;
}

async function webGpuParity(texts: string[]): Promise<void> {
	await withBrowser(
		[ENTRY],
		async (s) => {
			const r = await run(s, { task: 'webgpu', texts: texts.slice(0, 16) });
			if (r.skipped) return console.log(`  WebGPU: SKIPPED (${r.skipped})`);
			const min = Math.min(...(r.cosines ?? []));
			console.log(
				`  WebGPU (${r.adapter}, device ${r.device}) vs WASM on 16 log lines: min cosine ${min.toFixed(6)} (${min >= 0.99 ? 'parity holds' : 'PARITY FAILS'}); speed not measured (SwiftShader is a CPU emulation of a GPU)`
			);
		},
		{
			extra: staticFile,
			args: [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu']
		}
	);
}

async function inNode(texts: string[]): Promise<void> {
	const opts = {
		model: MINILM_MODEL,
		dtype: 'q8' as const,
		device: 'cpu' as const,
		localModelPath: MODELS,
		allowRemote: false,
		maxTokens: MINILM_MAX_TOKENS
	};
	let t0 = performance.now();
	const e = await loadTransformersEmbedder(opts);
	const first = (performance.now() - t0) / 1000;
	t0 = performance.now();
	await loadTransformersEmbedder(opts);
	const second = (performance.now() - t0) / 1000;
	await e.embed(texts.slice(0, 8));
	t0 = performance.now();
	await e.embed(texts);
	const s = (performance.now() - t0) / 1000;
	console.log(`  Node model load: ${f(first, 2)} s first, ${f(second, 2)} s again in one process`);
	console.log(
		`  Node (onnxruntime-node, CPU): ${f(texts.length / s)} texts/s (${texts.length} texts in ${f(s, 2)} s)`
	);
}

export async function minilmBench(): Promise<string[]> {
	console.log('\n== MiniLM q8 (shipped): load, texts/s, 1 M lines → searchable; target < 60 s ==');
	const fx = readParityFixture();
	const texts = [...fx.texts, ...fx.texts];
	const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
	console.log(
		`  speed texts: the parity fixture's ${fx.texts.length} log lines twice, mean ${f(chars, 0)} chars`
	);
	await inNode(texts);
	const missed = await inChromium(texts);
	await webGpuParity(texts);
	return missed;
}
