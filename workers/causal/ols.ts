/**
 * Ordinary least squares with an intercept via a QR decomposition (ml-matrix), with classical
 * standard errors. Collinear designs are refused by name instead of returning NaN or huge noise.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import { DataError } from './table';

/** OLS fit of y on [1, X]. */
export interface OlsFit {
	/** Coefficients: [intercept, ...one per column of X]. */
	coef: number[];
	/** Standard errors, same order. */
	se: number[];
	/** Residual degrees of freedom. */
	df: number;
	/** Residual variance. */
	sigma2: number;
	r2: number;
}

/** Fits y ~ 1 + X. `names` label the columns of X for the collinearity message. */
export function ols(y: Float64Array, xs: Float64Array[], names: string[]): OlsFit {
	const n = y.length;
	const k = xs.length + 1;
	if (n <= k)
		throw new DataError(`${n} rows for ${k} coefficients: need more rows than coefficients`);
	const design = new Matrix(n, k);
	for (let r = 0; r < n; r++) {
		design.set(r, 0, 1);
		for (let j = 1; j < k; j++) design.set(r, j, xs[j - 1][r]);
	}
	const qr = new QrDecomposition(design);
	const R = qr.upperTriangularMatrix;
	const scale = Math.max(...Array.from({ length: k }, (_, j) => Math.abs(R.get(j, j))));
	for (let j = 0; j < k; j++) {
		if (Math.abs(R.get(j, j)) <= 1e-10 * scale) {
			const what = j === 0 ? 'the intercept' : `"${names[j - 1]}"`;
			throw new DataError(
				`${what} is a linear combination of the other regressors (collinear or constant); drop it`
			);
		}
	}
	const beta = qr.solve(Matrix.columnVector(Array.from(y))).getColumn(0);
	let rss = 0;
	let mean = 0;
	for (let r = 0; r < n; r++) mean += y[r];
	mean /= n;
	let tss = 0;
	for (let r = 0; r < n; r++) {
		let fit = beta[0];
		for (let j = 1; j < k; j++) fit += beta[j] * xs[j - 1][r];
		rss += (y[r] - fit) ** 2;
		tss += (y[r] - mean) ** 2;
	}
	const df = n - k;
	const sigma2 = rss / df;
	// (X'X)^-1 = R^-1 R^-T; only its diagonal is needed.
	const rInv = upperInverse(R, k);
	const se = Array.from({ length: k }, (_, i) => {
		let s = 0;
		for (let j = i; j < k; j++) s += rInv[i][j] ** 2;
		return Math.sqrt(sigma2 * s);
	});
	return { coef: beta, se, df, sigma2, r2: tss > 0 ? 1 - rss / tss : 0 };
}

function upperInverse(R: Matrix, k: number): number[][] {
	const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	for (let i = k - 1; i >= 0; i--) {
		inv[i][i] = 1 / R.get(i, i);
		for (let j = i + 1; j < k; j++) {
			let s = 0;
			for (let m = i + 1; m <= j; m++) s += R.get(i, m) * inv[m][j];
			inv[i][j] = -s / R.get(i, i);
		}
	}
	return inv;
}
