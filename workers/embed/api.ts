/**
 * Contract of the embedding worker. Types only; the UI imports this file with `import type`.
 * Every vector set names the embedder that made it: vectors of different embedders are never
 * compared or stored in one index.
 */

/** Something that turns texts into unit-length vectors. */
export interface Embedder {
	/** Identifies the model and its settings, e.g. 'minilm-l6-v2/q8/wasm' or 'lexical-hash-v1'. */
	readonly name: string;
	/** Vector width. */
	readonly dim: number;
	/** Embeds texts; row i of the result (dim floats, L2 norm 1) belongs to texts[i]. */
	embed(texts: string[]): Promise<Float32Array>;
}

/** What `loadEmbedder` reports about its choice. */
export interface EmbedderChoice {
	embedder: Embedder;
	/** Why this embedder was used (e.g. why MiniLM could not be loaded). */
	reason: string;
}

/** Embedded texts plus the name of the embedder (for outputs and the index). */
export interface EmbeddingBatch {
	/** Embedder name; see Embedder.name. */
	embedder: string;
	/** Vector width. */
	dim: number;
	/** Row-major vectors, texts.length × dim. */
	vectors: Float32Array;
}
