import { describe, expect, it } from 'vitest';
import { novelty } from '../../../workers/metrics/detectors/novelty';
import { mulberry32 } from '../../../workers/shared/rng';

/** The test by brute force: sort the look-back's kept, finite values on the point's side. */
function slow(
	v: Float64Array,
	z: Float64Array,
	i: number,
	rank: number,
	window: number,
	growth: number,
	out?: Uint8Array
): boolean {
	const from = Math.max(0, i - Math.max(window, Math.floor(growth * i)));
	const side = z[i] > 0 ? 1 : -1;
	const xs = [];
	for (let j = from; j < i; j++) if (Number.isFinite(v[j]) && !out?.[j]) xs.push(side * v[j]);
	xs.sort((a, b) => b - a);
	return i === 0 || xs.length < rank || side * v[i] > xs[rank - 1];
}

describe('novelty', () => {
	const u = mulberry32(3);
	const n = 700;
	const v = Float64Array.from({ length: n }, () =>
		u() < 0.05 ? NaN : Math.round(20 * (u() - 0.5))
	);
	const z = Float64Array.from(v, (x) => (x >= 0 ? 1 : -1));
	const out = Uint8Array.from({ length: n }, () => (u() < 0.2 ? 1 : 0));

	it('matches a sort of each look-back: ranks 1–3, fixed and growing, with points left out', () => {
		for (const rank of [1, 2, 3])
			for (const [window, growth] of [
				[5, 0],
				[40, 0],
				[40, 0.25],
				[1, 1]
			])
				for (const leftOut of [undefined, out]) {
					const isNew = novelty(v, z, { rank, window, growth, leftOut });
					for (let i = 0; i < n; i++)
						expect(isNew(i), `rank ${rank} w ${window} g ${growth} i ${i}`).toBe(
							slow(v, z, i, rank, window, growth, leftOut)
						);
				}
	});

	it('rank 0 calls everything new', () => {
		expect(novelty(v, z, { rank: 0, window: 10 })(5)).toBe(true);
	});

	// Why the detector leaves raised anomalies out: the second of two incidents a day apart is
	// not routine because the first one was as large.
	it('a second spike as large as an earlier, left-out one is new', () => {
		const x = new Float64Array(100);
		const zz = new Float64Array(100).fill(1);
		x[20] = 9;
		x[21] = 9;
		x[60] = 9;
		expect(novelty(x, zz, { rank: 2, window: 80 })(60)).toBe(false);
		const left = new Uint8Array(100);
		left[20] = left[21] = 1;
		expect(novelty(x, zz, { rank: 2, window: 80, leftOut: left })(60)).toBe(true);
	});
});
