/**
 * Ordinary least squares of y on time, and the Student-t quantile its prediction interval needs.
 * Times are centred on their mean (seconds) before fitting: epoch milliseconds squared lose every
 * significant digit of the slope in double precision.
 */

import { lgamma } from '../shared/special';

/** An OLS fit y = intercept + slope · (t − t0) / 1000, with what prediction intervals need. */
export interface OlsFit {
	/** Points used (finite y). */
	n: number;
	/** Reference time, epoch ms (mean of the fitted t). */
	t0: number;
	/** Slope per second. */
	slope: number;
	/** Value at t0. */
	intercept: number;
	/** Residual standard error sqrt(SSE / (n − 2)); 0 when n <= 2. */
	sigma: number;
	/** Σ (x − x̄)² of the centred times in seconds (0 for a single time). */
	sxx: number;
}

/** Fits finite (t, y) pairs; throws with no finite points. */
export function olsFit(t: Float64Array, y: Float64Array): OlsFit {
	let n = 0;
	let st = 0;
	for (let i = 0; i < t.length; i++) {
		if (!Number.isFinite(y[i])) continue;
		n++;
		st += t[i];
	}
	if (n === 0) throw new Error('cannot fit a line: no finite values');
	const t0 = st / n;
	let sx = 0;
	let sy = 0;
	for (let i = 0; i < t.length; i++) {
		if (!Number.isFinite(y[i])) continue;
		sx += (t[i] - t0) / 1000;
		sy += y[i];
	}
	const mx = sx / n;
	const my = sy / n;
	let sxx = 0;
	let sxy = 0;
	for (let i = 0; i < t.length; i++) {
		if (!Number.isFinite(y[i])) continue;
		const dx = (t[i] - t0) / 1000 - mx;
		sxx += dx * dx;
		sxy += dx * (y[i] - my);
	}
	// One distinct time (or one point): no slope can be estimated; treat the series as flat.
	const slope = sxx > 0 ? sxy / sxx : 0;
	const intercept = my - slope * mx;
	let sse = 0;
	for (let i = 0; i < t.length; i++) {
		if (!Number.isFinite(y[i])) continue;
		const r = y[i] - (intercept + slope * ((t[i] - t0) / 1000));
		sse += r * r;
	}
	return { n, t0, slope, intercept, sigma: n > 2 ? Math.sqrt(sse / (n - 2)) : 0, sxx };
}

/** Fitted value at time t (epoch ms). */
export function predict(fit: OlsFit, t: number): number {
	return fit.intercept + fit.slope * ((t - fit.t0) / 1000);
}

/** Half-width of the prediction interval for a new observation at t: q · σ · sqrt(1 + 1/n + dx²/Sxx). */
export function predictionHalfWidth(fit: OlsFit, t: number, q: number): number {
	if (fit.sigma === 0) return 0;
	const dx = (t - fit.t0) / 1000;
	const lever = fit.sxx > 0 ? (dx * dx) / fit.sxx : 0;
	return q * fit.sigma * Math.sqrt(1 + 1 / fit.n + lever);
}

/** Regularised incomplete beta I_x(a, b) (continued fraction, Numerical Recipes' betacf). */
function incBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const lbeta = lgamma(a + b) - lgamma(a) - lgamma(b);
	const front = Math.exp(lbeta + a * Math.log(x) + b * Math.log(1 - x));
	if (x > (a + 1) / (a + b + 2)) return 1 - incBeta(1 - x, b, a);
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
	let h = d;
	for (let m = 1; m <= 300; m++) {
		for (const num of [
			(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
			(-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
		]) {
			d = 1 + num * d;
			d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
			c = 1 + num / c;
			if (Math.abs(c) < 1e-300) c = 1e-300;
			h *= d * c;
		}
		if (Math.abs(d * c - 1) < 1e-14) break;
	}
	return (front * h) / a;
}

/** CDF of Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
	const tail = 0.5 * incBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t (bisection on the CDF; |error| < 1e-10). */
export function tQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`quantile level must be in (0, 1), got ${p}`);
	let lo = -1e4;
	let hi = 1e4;
	for (let i = 0; i < 200 && hi - lo > 1e-11; i++) {
		const mid = (lo + hi) / 2;
		if (tCdf(mid, df) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}
