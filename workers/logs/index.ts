/**
 * Logs worker entry (browser only): exposes the logs API over comlink. It opens the workbench
 * database once, and chooses the embedder once per preference: MiniLM from our own origin
 * (static/models/ served as /models/), then the Hugging Face hub, else the lexical embedder.
 * onnxruntime-web's wasm files are bundled by Vite and served from our origin, never a CDN.
 */
import { expose } from 'comlink';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { EmbedderChoice } from '../embed/api';
import { LexicalEmbedder } from '../embed/lexical';
import { selectEmbedder } from '../embed/select';
import { MINILM_MODEL } from '../embed/transformers';
import { openAitiaDb, type AitiaDb } from '../storage/db';
import type { EmbedderPreference } from './api';
import { createLogsApi } from './service';

const LOCAL_MODELS = '/models/';
const HUB_CONFIG = `https://huggingface.co/${MINILM_MODEL}/resolve/main/config.json`;
/** How long the hub may take to answer before it counts as unreachable. */
const HUB_PROBE_MS = 4000;

let db: Promise<AitiaDb> | undefined;
function openDb(): Promise<AitiaDb> {
	db ??= openAitiaDb().catch((err: unknown) => {
		db = undefined; // let a later call retry
		throw new Error(`Could not open the local database (IndexedDB): ${(err as Error).message}`);
	});
	return db;
}

/** Whether a URL answers 200 with a JSON body (a missing static file answers 404 or HTML). */
async function reachable(url: string, timeoutMs: number): Promise<boolean> {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		return res.ok && (res.headers.get('content-type') ?? '').includes('json');
	} catch {
		return false;
	}
}

async function choose(prefer: EmbedderPreference): Promise<EmbedderChoice> {
	if (prefer === 'lexical') return selectEmbedder({ prefer: 'lexical', allowHub: false });
	// Probing first avoids loading transformers.js and ORT only to find no model anywhere.
	const local = await reachable(`${LOCAL_MODELS}${MINILM_MODEL}/config.json`, 10_000);
	const hub = !local && (await reachable(HUB_CONFIG, HUB_PROBE_MS));
	if (!local && !hub) {
		return {
			embedder: new LexicalEmbedder(),
			reason: `MiniLM is not self-hosted under ${LOCAL_MODELS} (npm run model:fetch) and the Hugging Face hub is unreachable; using the lexical embedder`
		};
	}
	return selectEmbedder({
		prefer: 'auto',
		localModelPath: local ? LOCAL_MODELS : undefined,
		allowHub: hub,
		wasmPaths: { mjs: ortMjsUrl, wasm: ortWasmUrl }
	});
}

const choices = new Map<EmbedderPreference, Promise<EmbedderChoice>>();

expose(
	createLogsApi({
		db: openDb,
		embedder(prefer) {
			let c = choices.get(prefer);
			if (!c) choices.set(prefer, (c = choose(prefer)));
			return c;
		}
	})
);
