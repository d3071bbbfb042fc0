/** Seeded random numbers (mulberry32 + Box-Muller) so bootstraps and refuters are repeatable. */

export type Rng = () => number;

export function seededRng(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

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
