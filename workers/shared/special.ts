/**
 * Special functions shared by the statistics of several domains: log Γ and the beta-binomial
 * tails. Tails are summed in log space from the boundary outwards and stop once the terms no longer
 * matter, so a p-value of 1e-40 is as exact as one of 0.04.
 */

/** log Γ(x), Lanczos approximation (g = 7, 9 terms). */
export function lgamma(x: number): number {
	const g = [
		0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
		-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
		1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
	x -= 1;
	let a = g[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += g[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const lbeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);
const lchoose = (n: number, k: number) => lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);

/** log P(X = k) for X ~ BetaBinomial(n, α, β). */
export function betaBinomialLogPmf(k: number, n: number, alpha: number, beta: number): number {
	if (k < 0 || k > n) return -Infinity;
	return lchoose(n, k) + lbeta(k + alpha, n - k + beta) - lbeta(alpha, beta);
}

/** log of Σ exp(terms) over j = from, from+step, … while inside [0, n], stopping when negligible. */
function logTail(from: number, step: 1 | -1, n: number, alpha: number, beta: number): number {
	let acc = -Infinity;
	for (let j = from; j >= 0 && j <= n; j += step) {
		const t = betaBinomialLogPmf(j, n, alpha, beta);
		const hi = Math.max(acc, t);
		acc = hi + Math.log(Math.exp(acc - hi) + Math.exp(t - hi));
		if (t < acc - 40) break; // unimodal: every further term is smaller still
	}
	return Math.min(0, acc);
}

/** log P(X ≤ k) for X ~ BetaBinomial(n, α, β); meant for k at or below the mean. */
export function betaBinomialLogCdf(k: number, n: number, alpha: number, beta: number): number {
	if (k >= n) return 0;
	return logTail(Math.floor(k), -1, n, alpha, beta);
}

/** log P(X ≥ k) for X ~ BetaBinomial(n, α, β); meant for k at or above the mean. */
export function betaBinomialLogSf(k: number, n: number, alpha: number, beta: number): number {
	if (k <= 0) return 0;
	return logTail(Math.ceil(k), 1, n, alpha, beta);
}
