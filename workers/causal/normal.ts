/**
 * Standard normal tail probabilities in double precision. erfc is computed with a series
 * (x < 3) or a continued fraction (x >= 3), both accurate to ~1e-15, because Fisher-z p-values
 * near alpha decide edges and priority orderings compare p-values exactly.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x) for 0 <= x < 3 from the all-positive series 2/sqrt(pi) e^{-x^2} sum 2^n x^{2n+1}/(2n+1)!!. */
function erfSeries(x: number): number {
	let term = x;
	let sum = x;
	for (let n = 1; n < 200; n++) {
		term *= (2 * x * x) / (2 * n + 1);
		sum += term;
		if (term < sum * 1e-17) break;
	}
	return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

/** erfc(x) for x >= 3 by the modified Lentz continued fraction. */
function erfcFraction(x: number): number {
	const tiny = 1e-300;
	// erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
	let f = x;
	let c = x;
	let d = 0;
	for (let k = 1; k < 500; k++) {
		const a = k / 2;
		d = x + a * d;
		d = Math.abs(d) < tiny ? tiny : d;
		c = x + a / c;
		c = Math.abs(c) < tiny ? tiny : c;
		d = 1 / d;
		const delta = c * d;
		f *= delta;
		if (Math.abs(delta - 1) < 1e-16) break;
	}
	return Math.exp(-x * x) / SQRT_PI / f;
}

/** Complementary error function. */
export function erfc(x: number): number {
	if (x < 0) return 2 - erfc(-x);
	if (x < 3) return 1 - erfSeries(x);
	return erfcFraction(x);
}

/** Standard normal CDF, rounded the way scipy's ndtr is for x > 0 (1 - tail). */
export function normCdf(x: number): number {
	if (x < 0) return 0.5 * erfc(-x / Math.SQRT2);
	return 1 - 0.5 * erfc(x / Math.SQRT2);
}

/** Two-sided p-value of a z statistic, as causal-learn computes it: 2 * (1 - cdf(|z|)). */
export function twoSidedP(z: number): number {
	return 2 * (1 - normCdf(Math.abs(z)));
}

/** Inverse of the standard normal CDF (Acklam's rational approximation + one Newton step). */
export function normQuantile(p: number): number {
	if (p <= 0 || p >= 1) throw new RangeError('quantile needs 0 < p < 1');
	const a = [
		-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
		2.506628277459239
	];
	const b = [
		-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572
	];
	const c = [
		-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
		4.374664141464968, 2.938163982698783
	];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const lo = 0.02425;
	let x: number;
	if (p < lo || p > 1 - lo) {
		const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
		x =
			(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		if (p > 1 - lo) x = -x;
	} else {
		const q = p - 0.5;
		const r = q * q;
		x =
			((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	const e = normCdf(x) - p;
	return x - e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
}

/**
 * The upper-tail normal deviate of a probability given by its logarithm: z with P(Z > z) = e^logP.
 * Works far below double precision's smallest p (a log-likelihood of −2000 gives z ≈ 63) by the
 * Mills-ratio asymptote there; −Infinity for logP ≥ 0.
 */
export function zFromLogP(logP: number): number {
	if (!(logP < 0)) return -Infinity;
	if (logP > -700) return -normQuantile(Math.exp(logP));
	// log p = −z²/2 − ln z − ½ ln 2π, solved by fixed-point iteration.
	let z = Math.sqrt(-2 * logP);
	for (let i = 0; i < 6; i++) z = Math.sqrt(-2 * logP - 2 * Math.log(z) - Math.log(2 * Math.PI));
	return z;
}
