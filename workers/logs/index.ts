/**
 * Logs worker entry (browser only): exposes the logs API over comlink. It opens the workbench
 * database once, and chooses the embedder once per preference: MiniLM from our own origin
 * (static/models/ served as /models/, shipped with the app), else the lexical embedder. The
 * Hugging Face hub is never asked, so the page contacts no other origin. onnxruntime-web's wasm
 * files are bundled by Vite and served from our origin, never a CDN. Model files are kept in Cache
 * Storage after the first load, and vectors in IndexedDB (`embeddings`), keyed by text hash.
 */
import { expose } from 'comlink';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { EmbedderChoice } from '../embed/api';
import { CachedEmbedder, cacheModelId } from '../embed/cache';
import { LexicalEmbedder } from '../embed/lexical';
import { selectEmbedder } from '../embed/select';
import { MINILM_BROWSER_CACHE, MINILM_MODEL, MINILM_REVISION } from '../embed/transformers';
import { openAitiaDb, type AitiaDb } from '../storage/db';
import { dropOtherModels, idbVectorStore } from '../storage/embeddings';
import type { EmbedderPreference } from './api';
import { createLogsApi } from './service';
import type { Progress } from '../shared/progress';

const LOCAL_MODELS = '/models/';

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

async function choose(prefer: EmbedderPreference, onProgress?: Progress): Promise<EmbedderChoice> {
	if (prefer === 'lexical') return selectEmbedder({ prefer: 'lexical', allowHub: false });
	// One probe, once per worker: a missing model is one 404, never a retry loop, and ORT is not
	// loaded only to find no model.
	if (!(await reachable(`${LOCAL_MODELS}${MINILM_MODEL}/config.json`, 10_000))) {
		return {
			embedder: new LexicalEmbedder(),
			reason: `MiniLM is not served under ${LOCAL_MODELS}${MINILM_MODEL}/ (static/models/ missing from this build); using the lexical embedder, which matches words, not meaning`
		};
	}
	const choice = await selectEmbedder({
		prefer: 'auto',
		localModelPath: LOCAL_MODELS,
		allowHub: false,
		// Absolute URLs: ORT treats a relative one as cross-origin and re-imports it from a blob:
		// URL, which the Content-Security-Policy (script-src 'self') refuses.
		wasmPaths: {
			mjs: new URL(ortMjsUrl, self.location.href).href,
			wasm: new URL(ortWasmUrl, self.location.href).href
		},
		// After the first load the model files come from Cache Storage (per weights revision).
		browserCache: MINILM_BROWSER_CACHE,
		onProgress: (f, label) => onProgress?.(f, `loading MiniLM from this server: ${label}`),
		// ORT defaults to half the cores; a cross-origin isolated page (COOP/COEP on every response)
		// may use them all for the one model this worker runs.
		numThreads: self.crossOriginIsolated ? Math.max(1, navigator.hardwareConcurrency || 1) : 1
	});
	if (choice.embedder instanceof LexicalEmbedder) return choice;
	// Vectors persist in IndexedDB by (model, weights revision, text hash): a reload or a
	// re-import embeds no text twice.
	const model = cacheModelId(choice.embedder.name, MINILM_REVISION);
	const store = idbVectorStore(openDb, model);
	// Vectors of other model ids are an older build's (see embeddings.ts); a failure costs nothing.
	void openDb()
		.then((db) => dropOtherModels(db, model))
		.catch(() => 0);
	return { ...choice, embedder: new CachedEmbedder(choice.embedder, undefined, store) };
}

const choices = new Map<EmbedderPreference, Promise<EmbedderChoice>>();

expose(
	createLogsApi({
		db: openDb,
		embedder(prefer, onProgress) {
			let c = choices.get(prefer);
			if (!c) choices.set(prefer, (c = choose(prefer, onProgress)));
			return c;
		}
	})
);
