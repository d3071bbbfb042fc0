/**
 * The Node implementation of Compute (the headless runner's): the same worker modules the
 * browser uses, called in-process — data, metrics, causal and logs, nothing optional. The logs service needs IndexedDB, so the bundle is also put
 * into an in-memory IndexedDB (fake-indexeddb) — the very code path the browser's logs worker takes.
 */
import 'fake-indexeddb/auto';
import type { Bundle, BundleIssue } from '$workers/bundle/types';
import { createMemorySource } from '$workers/data/memory-source';
import type { EmbedderChoice } from '$workers/embed/api';
import { CachedEmbedder, cacheModelId } from '$workers/embed/cache';
import { LexicalEmbedder } from '$workers/embed/lexical';
import { selectEmbedder } from '$workers/embed/select';
import { MINILM_REVISION } from '$workers/embed/transformers';
import type { EmbedderPreference } from '$workers/logs/api';
import { createLogsApi } from '$workers/logs/service';
import { createCausalApi } from '$workers/causal/service';
import { createMetricsApi } from '$workers/metrics/service';
import { openAitiaDb } from '$workers/storage/db';
import { putBundle } from '$workers/storage/incidents';
import type { Compute } from '$lib/notebook/kinds/kind';
import { fileVectorStore } from './embed-file-store';

export interface LoadedBundle {
	bundle: Bundle;
	contentHash: string;
	bytes: number;
	source: string;
	warnings: BundleIssue[];
}

/**
 * MiniLM behind the embedding cache: in memory always, and on disk under `cacheDir` when given
 * (the CLI passes `AITIA_EMBED_CACHE`), so repeated runs embed no text twice.
 */
export async function cachedChoice(
	choice: EmbedderChoice,
	cacheDir = process.env.AITIA_EMBED_CACHE
): Promise<EmbedderChoice> {
	const e = choice.embedder;
	if (e instanceof LexicalEmbedder) return choice;
	const store = cacheDir
		? fileVectorStore(cacheDir, cacheModelId(e.name, MINILM_REVISION), e.dim)
		: undefined;
	return { ...choice, embedder: new CachedEmbedder(e, undefined, store) };
}

/** Compute over one bundle; `models` is where a self-hosted MiniLM would be (else lexical). */
export function nodeCompute(loaded: LoadedBundle, models = 'static/models/'): Compute {
	const choices = new Map<EmbedderPreference, Promise<EmbedderChoice>>();
	const embedder = (prefer: EmbedderPreference) => {
		let choice = choices.get(prefer);
		if (!choice) {
			choice = selectEmbedder({ prefer, localModelPath: models, allowHub: false }).then((c) =>
				cachedChoice(c)
			);
			choices.set(prefer, choice);
		}
		return choice;
	};
	const metrics = createMetricsApi();
	let db: ReturnType<typeof openAitiaDb> | undefined;
	const openDb = () =>
		(db ??= openAitiaDb({ name: `aitia-cli-${process.pid}-${Date.now()}` }).then(async (d) => {
			const { bundle, ...origin } = loaded;
			await putBundle(d, bundle, origin);
			return d;
		}));
	return {
		data: createMemorySource([loaded]),
		metrics,
		causal: createCausalApi(),
		logs: createLogsApi({ db: openDb, embedder })
	};
}
