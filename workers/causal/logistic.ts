/**
 * Logistic regression by iteratively reweighted least squares (Newton's method), for propensity
 * scores. A small ridge term keeps the step defined under (quasi-)separation, and fitted
 * probabilities are clipped away from 0 and 1 so matching on the logit never sees infinity.
 */
import { Matrix, solve } from 'ml-matrix';

/** A fitted logistic model. */
export interface LogisticFit {
	coef: number[];
	/** Fitted probabilities, clipped to [1e-6, 1 - 1e-6]. */
	p: Float64Array;
	iterations: number;
	converged: boolean;
}

const clip = (v: number) => Math.min(1 - 1e-6, Math.max(1e-6, v));

export function logistic(
	t: Float64Array,
	xs: Float64Array[],
	maxIter = 50,
	ridge = 1e-8
): LogisticFit {
	const n = t.length;
	const k = xs.length + 1;
	const x = (r: number, j: number) => (j === 0 ? 1 : xs[j - 1][r]);
	let beta = new Array<number>(k).fill(0);
	const p = new Float64Array(n);
	let converged = false;
	let iter = 0;
	for (; iter < maxIter && !converged; iter++) {
		const H = Matrix.zeros(k, k);
		const g = new Array<number>(k).fill(0);
		for (let r = 0; r < n; r++) {
			let eta = 0;
			for (let j = 0; j < k; j++) eta += beta[j] * x(r, j);
			const pr = 1 / (1 + Math.exp(-eta));
			p[r] = pr;
			const w = pr * (1 - pr);
			for (let a = 0; a < k; a++) {
				g[a] += (t[r] - pr) * x(r, a);
				for (let b = a; b < k; b++) H.set(a, b, H.get(a, b) + w * x(r, a) * x(r, b));
			}
		}
		for (let a = 0; a < k; a++) {
			H.set(a, a, H.get(a, a) + ridge * n);
			for (let b = 0; b < a; b++) H.set(a, b, H.get(b, a));
		}
		const step = solve(H, Matrix.columnVector(g)).getColumn(0);
		beta = beta.map((b, j) => b + step[j]);
		converged = Math.max(...step.map(Math.abs)) < 1e-8;
	}
	for (let r = 0; r < n; r++) {
		let eta = 0;
		for (let j = 0; j < k; j++) eta += beta[j] * x(r, j);
		p[r] = clip(1 / (1 + Math.exp(-eta)));
	}
	return { coef: beta, p, iterations: iter, converged };
}
