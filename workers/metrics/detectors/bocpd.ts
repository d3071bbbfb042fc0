/**
 * Bayesian online change-point detection (Adams & MacKay 2007, "Bayesian Online Changepoint
 * Detection", arXiv:0710.3742) with a Normal-Gamma model (unknown mean and variance; Student-t
 * predictive) and a constant hazard. The run-length posterior is truncated at `maxRun` (the
 * tail's mass folds into the last cell), so each point costs O(maxRun).
 * A change is reported when the posterior puts most of its mass on a run that started within the
 * last `lag` points: a lone spike moves the mass for one point only, a level shift keeps it there.
 */

export interface BocpdOptions {
	/** Expected run length between changes, points (hazard = 1/λ). Default 250. */
	lambda?: number;
	/** Run lengths kept. Default 200. */
	maxRun?: number;
	/** Points a new regime must persist before it is reported. Default 3. */
	lag?: number;
	/** Posterior mass on runs of 1..lag points that reports a change. Default 0.5. */
	minMass?: number;
}

/** One detected change: where the new regime starts and when it was known. */
export interface ChangePoint {
	/** Index of the first point of the new regime. */
	onset: number;
	/** Index at which the detector reported it (onset + lag at the earliest). */
	at: number;
}

/** ln Γ by Lanczos (g = 7, n = 9). */
function lnGamma(x: number): number {
	const c = [
		0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
		-176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
		1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
	const y = x - 1;
	let a = c[0];
	const tt = y + 7.5;
	for (let i = 1; i < 9; i++) a += c[i] / (y + i);
	return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(tt) - tt + Math.log(a);
}

/**
 * Change points of `x` (already centred and scaled to about unit variance; NaN = missing, skipped).
 * Prior: mean 0, κ 1, α 1, β 1.
 */
export function bocpd(x: Float64Array, opts: BocpdOptions = {}): ChangePoint[] {
	const h = 1 / (opts.lambda ?? 250);
	const R = opts.maxRun ?? 200;
	const lag = opts.lag ?? 3;
	const minMass = opts.minMass ?? 0.5;
	let p = new Float64Array(R + 1);
	p[0] = 1;
	let mu = new Float64Array(R + 1);
	let ka = new Float64Array(R + 1).fill(1);
	let al = new Float64Array(R + 1).fill(1);
	let be = new Float64Array(R + 1).fill(1);
	let n = 1;
	// α of run r is 1 + r/2 whatever the data, so the Student-t's Γ ratio is a table.
	const lgRatio = Float64Array.from({ length: R + 1 }, (_, r) => {
		const nu = 2 * (1 + r / 2);
		return lnGamma((nu + 1) / 2) - lnGamma(nu / 2);
	});
	const out: ChangePoint[] = [];
	let lastOnset = -Infinity;
	for (let i = 0; i < x.length; i++) {
		const xi = x[i];
		if (!Number.isFinite(xi)) continue;
		const np = new Float64Array(R + 1);
		let cp = 0;
		for (let r = 0; r < n; r++) {
			const nu = 2 * al[r];
			const s2 = (be[r] * (ka[r] + 1)) / (al[r] * ka[r]);
			const d = (xi - mu[r]) ** 2 / (nu * s2);
			const lp = lgRatio[r] - 0.5 * Math.log(Math.PI * nu * s2) - ((nu + 1) / 2) * Math.log1p(d);
			const pr = p[r] * Math.exp(lp);
			cp += pr * h;
			np[Math.min(r + 1, R)] += pr * (1 - h);
		}
		np[0] = cp;
		let z = 0;
		for (let r = 0; r <= R; r++) z += np[r];
		for (let r = 0; r <= R; r++) np[r] = z > 0 ? np[r] / z : r === 0 ? 1 : 0;
		[mu, ka, al, be] = updateParams(mu, ka, al, be, xi, R);
		p = np;
		n = Math.min(n + 1, R + 1);
		let recent = 0;
		for (let r = 1; r <= lag; r++) recent += p[r];
		const onset = i - lag + 1;
		if (recent >= minMass && onset > lastOnset + lag) {
			out.push({ onset: Math.max(0, onset), at: i });
			lastOnset = onset;
		}
	}
	return out;
}

/** Posterior parameters after observing x: run r + 1 extends run r; run 0 restarts at the prior. */
function updateParams(
	mu: Float64Array,
	ka: Float64Array,
	al: Float64Array,
	be: Float64Array,
	x: number,
	R: number
): Float64Array<ArrayBuffer>[] {
	const m2 = new Float64Array(R + 1);
	const k2 = new Float64Array(R + 1).fill(1);
	const a2 = new Float64Array(R + 1).fill(1);
	const b2 = new Float64Array(R + 1).fill(1);
	for (let r = R - 1; r >= 0; r--) {
		const j = r + 1;
		m2[j] = (ka[r] * mu[r] + x) / (ka[r] + 1);
		k2[j] = ka[r] + 1;
		a2[j] = al[r] + 0.5;
		b2[j] = be[r] + (ka[r] * (x - mu[r]) ** 2) / (2 * (ka[r] + 1));
	}
	return [m2, k2, a2, b2];
}
