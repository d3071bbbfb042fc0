/**
 * The MiniLM parity fixture (tests/fixtures/embed/minilm-parity.json): 120 log lines and their
 * sentence-transformers vectors, written by tests/eval/semantic/export_model.py so that CI checks
 * parity without Python. Vectors are float16: rounding moves a cosine by ~1e-7, far below the
 * 1e-4 tolerance checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ParityFixture {
	reference: string;
	dim: number;
	model_quantized_sha256: string;
	texts: string[];
	/** Decoded reference vectors, texts.length × dim. */
	vectors: Float32Array;
}

/** IEEE 754 half → number (the fixture has no NaN or infinities). */
function halfToFloat(h: number): number {
	const sign = h & 0x8000 ? -1 : 1;
	const exp = (h >> 10) & 0x1f;
	const frac = h & 0x3ff;
	if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
	return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

export function decodeHalves(base64: string): Float32Array {
	const bytes = Buffer.from(base64, 'base64');
	const out = new Float32Array(bytes.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = halfToFloat(bytes.readUInt16LE(i * 2));
	return out;
}

export function readParityFixture(): ParityFixture {
	const file = fileURLToPath(new URL('../../fixtures/embed/minilm-parity.json', import.meta.url));
	const raw = JSON.parse(readFileSync(file, 'utf8')) as Omit<ParityFixture, 'vectors'> & {
		vectors: string;
	};
	return { ...raw, vectors: decodeHalves(raw.vectors) };
}

/** Cosine of row i of a and b (neither needs unit length). */
export function rowCosines(a: ArrayLike<number>, b: ArrayLike<number>, dim: number): number[] {
	const out: number[] = [];
	for (let i = 0; i * dim < b.length; i++) {
		let ab = 0;
		let aa = 0;
		let bb = 0;
		for (let j = i * dim; j < (i + 1) * dim; j++) {
			ab += a[j] * b[j];
			aa += a[j] * a[j];
			bb += b[j] * b[j];
		}
		out.push(ab / Math.sqrt(aa * bb));
	}
	return out;
}
