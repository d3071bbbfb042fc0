/** Seeded random numbers (mulberry32 + Box-Muller) so bootstraps and refuters are repeatable. */

import { mulberry32 } from '../shared/rng';

export type Rng = () => number;

/** A seeded uniform generator (mulberry32). */
export const seededRng = (seed: number): Rng => mulberry32(seed);

export function normal(rng: Rng): number {
	const u = Math.max(rng(), 1e-300);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A uniformly shuffled copy. */
export function shuffled(values: Float64Array, rng: Rng): Float64Array {
	const out = new Float64Array(values);
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
