/**
 * Seeded pseudo-random numbers for the demo generator. Everything random in the demo comes from
 * here so that one seed always yields byte-identical files (Math.random is never used).
 */
import { mulberry32 } from '../shared/rng';

/** A seeded random source. */
export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Standard normal N(0, 1). */
	gauss(): number;
	/** Uniform integer in [lo, hi] (both inclusive). */
	int(lo: number, hi: number): number;
	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** Poisson-distributed count with mean `lambda` (small lambdas only: Knuth's method). */
	poisson(lambda: number): number;
	/** `n` lowercase hex digits (trace ids, commit hashes). */
	hex(n: number): string;
}

/** FNV-1a over a label, mixed with the seed, so each component draws from its own stream. */
function deriveSeed(seed: number, label: string): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < label.length; i++) {
		h ^= label.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * A random stream for one component (`label`). Separate streams keep, say, the metrics unchanged
 * when someone edits how logs are generated.
 */
export function createRng(seed: number, label: string): Rng {
	const u = mulberry32(deriveSeed(seed, label));
	let spare: number | undefined;
	const rng: Rng = {
		next: u,
		gauss() {
			// Box-Muller yields two normals per draw; keep the second for the next call.
			if (spare !== undefined) {
				const s = spare;
				spare = undefined;
				return s;
			}
			const u1 = 1 - u();
			const u2 = u();
			const r = Math.sqrt(-2 * Math.log(u1));
			spare = r * Math.sin(2 * Math.PI * u2);
			return r * Math.cos(2 * Math.PI * u2);
		},
		int: (lo, hi) => lo + Math.floor(u() * (hi - lo + 1)),
		pick: (items) => items[Math.floor(u() * items.length)],
		poisson(lambda) {
			const limit = Math.exp(-lambda);
			let k = 0;
			let p = u();
			while (p > limit) {
				k++;
				p *= u();
			}
			return k;
		},
		hex(n) {
			let s = '';
			for (let i = 0; i < n; i++) s += Math.floor(u() * 16).toString(16);
			return s;
		}
	};
	return rng;
}
