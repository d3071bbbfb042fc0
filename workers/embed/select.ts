/**
 * Picks the embedder: MiniLM from our own origin (static/models/), then from the hub, else the
 * lexical embedder, and says why. The choice is made once per worker.
 */
import type { EmbedderChoice } from './api';
import { LexicalEmbedder } from './lexical';
import {
	loadTransformersEmbedder,
	MINILM_MAX_TOKENS,
	MINILM_MODEL,
	type TransformersOptions
} from './transformers';

/** Options for choosing an embedder. */
export interface SelectOptions {
	/** 'lexical' skips MiniLM entirely; 'auto' tries it first. */
	prefer: 'auto' | 'lexical';
	/** Self-hosted model root ('/models/' in the browser). */
	localModelPath?: string;
	/** Whether to try the Hugging Face hub after the local copy. */
	allowHub: boolean;
	/** onnxruntime-web asset URLs from our origin. */
	wasmPaths?: TransformersOptions['wasmPaths'];
	numThreads?: TransformersOptions['numThreads'];
	browserCache?: TransformersOptions['browserCache'];
	onProgress?: TransformersOptions['onProgress'];
}

/** Loads MiniLM if possible, else the lexical embedder; never throws. */
export async function selectEmbedder(o: SelectOptions): Promise<EmbedderChoice> {
	if (o.prefer === 'lexical')
		return { embedder: new LexicalEmbedder(), reason: 'lexical embedder requested' };
	const errors: string[] = [];
	const sources: { label: string; local?: string; remote: boolean }[] = [];
	if (o.localModelPath !== undefined)
		sources.push({ label: 'self-hosted', local: o.localModelPath, remote: false });
	if (o.allowHub) sources.push({ label: 'Hugging Face hub', remote: true });
	for (const s of sources) {
		try {
			const embedder = await loadTransformersEmbedder({
				model: MINILM_MODEL,
				dtype: 'q8',
				device: 'auto',
				maxTokens: MINILM_MAX_TOKENS,
				localModelPath: s.local,
				allowRemote: s.remote,
				wasmPaths: o.wasmPaths,
				numThreads: o.numThreads,
				browserCache: o.browserCache,
				onProgress: o.onProgress
			});
			return { embedder, reason: `MiniLM loaded (${s.label})` };
		} catch (e) {
			errors.push(`${s.label}: ${(e as Error).message.split('\n')[0]}`);
		}
	}
	return {
		embedder: new LexicalEmbedder(),
		reason: `MiniLM could not be loaded (${errors.join('; ') || 'no source configured'}); using the lexical embedder`
	};
}
