/**
 * An embedder that needs no weights: hashed word unigrams, word bigrams and character trigrams
 * (feature hashing with a sign bit, Weinberger et al. 2009) into 384 dimensions, L2-normalised.
 * Used when MiniLM cannot be loaded. It matches by shared words and word pieces, not by meaning,
 * and every result it produces says so through its name.
 */
import type { Embedder } from './api';

export const LEXICAL_NAME = 'lexical-hash-v1';
export const LEXICAL_DIM = 384;

/** Feature weights: whole words count most, bigrams keep some order, trigrams catch inflections. */
const W_WORD = 1;
const W_BIGRAM = 0.7;
const W_TRIGRAM = 0.35;

/** 32-bit FNV-1a over the UTF-16 code units of a string. */
function fnv1a(s: string, seed = 0x811c9dc5): number {
	let h = seed >>> 0;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

function addFeature(v: Float32Array, feature: string, weight: number): void {
	const h = fnv1a(feature);
	const sign = h & 0x80000000 ? -1 : 1;
	v[h % v.length] += sign * weight;
}

/** Lower-cased words; digits are dropped so values do not dominate the vector. */
export function lexicalWords(text: string): string[] {
	return text.toLowerCase().match(/[a-z][a-z_]*/g) ?? [];
}

/** Embeds one text into `out` (length = dim), L2-normalised; all zeros for a text without words. */
export function lexicalVector(text: string, out: Float32Array): void {
	out.fill(0);
	const words = lexicalWords(text);
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		addFeature(out, `w:${w}`, W_WORD);
		if (i > 0) addFeature(out, `b:${words[i - 1]} ${w}`, W_BIGRAM);
		const padded = `<${w}>`;
		for (let j = 0; j + 3 <= padded.length; j++)
			addFeature(out, `c:${padded.slice(j, j + 3)}`, W_TRIGRAM);
	}
	let norm = 0;
	for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
	if (norm === 0) return;
	const inv = 1 / Math.sqrt(norm);
	for (let i = 0; i < out.length; i++) out[i] *= inv;
}

export class LexicalEmbedder implements Embedder {
	readonly name = LEXICAL_NAME;
	readonly dim = LEXICAL_DIM;

	async embed(texts: string[]): Promise<Float32Array> {
		const out = new Float32Array(texts.length * this.dim);
		for (let i = 0; i < texts.length; i++) {
			lexicalVector(texts[i], out.subarray(i * this.dim, (i + 1) * this.dim));
		}
		return out;
	}
}
