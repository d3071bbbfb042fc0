/**
 * NAB's shipped `windowedGaussian` detector (nab/detectors/gaussian), ported only to check the
 * scorer port against NAB's stored per-file scores. Its score comes from nupic's table-based
 * normal tail probability, which is exactly 0 (score exactly 1.0, NAB's threshold for it) when
 * round(10·|z|) > 70 under the mean and population σ of the previous values. The stored results
 * match the version with a 6 400-point window, i.e. an expanding window on these files (all shorter);
 * the 1 000-point version in NAB's current tree does not reproduce them.
 */

/** Python 2 `round`: halves away from zero. */
const round2 = (x: number) => Math.sign(x) * Math.floor(Math.abs(x) + 0.5);

/** Rows at which windowedGaussian's score is 1.0 (its NAB threshold). */
export function windowedGaussianAlerts(v: Float64Array, windowSize = 6400): Uint8Array {
	const out = new Uint8Array(v.length);
	const win: number[] = [];
	let mean = 0;
	let std = 1;
	for (let i = 0; i < v.length; i++) {
		const x = v[i];
		if (win.length > 0 && round2((10 * Math.abs(x - mean)) / std) > 70) out[i] = 1;
		win.push(x);
		if (win.length > windowSize) win.shift();
		// Recomputed from scratch, as numpy does, so rounding matches at the 7σ boundary.
		mean = win.reduce((a, b) => a + b, 0) / win.length;
		std = Math.sqrt(win.reduce((a, b) => a + (b - mean) ** 2, 0) / win.length);
		if (std === 0) std = 0.000001;
	}
	return out;
}
