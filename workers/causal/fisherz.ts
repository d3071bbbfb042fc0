/**
 * Fisher-z conditional-independence test, as causal-learn's `FisherZ` (cit.py): partial
 * correlation from the inverse of the sub-matrix of the full-data correlation matrix over
 * [X, Y] + S, statistic sqrt(n - |S| - 3) * |atanh(r)|, p = 2 (1 - Phi(stat)). p-values are
 * cached under the sorted (X, Y, S) key, which also makes the test exactly symmetric.
 */
import { EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix';
import { twoSidedP } from './normal';
import { DataError, type NumericTable } from './table';

/** A conditional-independence test: p-value of X _||_ Y | S. */
export type CiTest = (x: number, y: number, s: readonly number[]) => number;

/** Pearson correlation matrix of the columns (numpy.corrcoef of data.T). */
export function correlationMatrix(columns: Float64Array[]): Float64Array[] {
	const p = columns.length;
	const n = columns[0]?.length ?? 0;
	const centred = columns.map((col) => {
		let mean = 0;
		for (let r = 0; r < n; r++) mean += col[r];
		mean /= n;
		const c = new Float64Array(n);
		for (let r = 0; r < n; r++) c[r] = col[r] - mean;
		return c;
	});
	const cov: Float64Array[] = Array.from({ length: p }, () => new Float64Array(p));
	for (let i = 0; i < p; i++) {
		for (let j = i; j < p; j++) {
			let s = 0;
			const a = centred[i];
			const b = centred[j];
			for (let r = 0; r < n; r++) s += a[r] * b[r];
			cov[i][j] = s;
			cov[j][i] = s;
		}
	}
	const sd = cov.map((row, i) => Math.sqrt(row[i]));
	return cov.map((row, i) => row.map((v, j) => v / (sd[i] * sd[j])));
}

const EPS = 2.220446049250313e-16;

/** Fisher-z test over a table; counts the tests it actually computed (cache misses). */
export class FisherZ {
	readonly corr: Float64Array[];
	readonly n: number;
	private readonly cache = new Map<string, number>();
	/** Tests computed (not served from the cache). */
	computed = 0;

	/** From a table, or from a correlation matrix and its sample size (all the test needs). */
	constructor(source: NumericTable | { corr: Float64Array[]; n: number }) {
		if ('corr' in source) {
			this.corr = source.corr;
			this.n = source.n;
		} else {
			this.corr = correlationMatrix(source.columns);
			this.n = source.rows;
		}
	}

	/**
	 * Refuses (near-)collinear variables, which would otherwise give |r| = 1 partial correlations
	 * and arbitrary p-values: the smallest eigenvalue of the correlation matrix must not vanish.
	 */
	checkCollinearity(names: string[]): void {
		const eig = new EigenvalueDecomposition(new Matrix(this.corr.map((r) => Array.from(r))), {
			assumeSymmetric: true
		});
		const values = eig.realEigenvalues;
		const k = values.indexOf(Math.min(...values));
		if (values[k] > 1e-10) return;
		const vec = eig.eigenvectorMatrix.getColumn(k);
		const involved = names.filter((_, i) => Math.abs(vec[i]) > 0.05);
		throw new DataError(
			`collinear columns (singular correlation matrix): ${involved.join(', ')}; drop one of them`
		);
	}

	readonly test: CiTest = (x, y, s) => {
		const [a, b] = x < y ? [x, y] : [y, x];
		const cond = [...new Set(s)].sort((u, v) => u - v);
		const key = `${a},${b}|${cond.join(',')}`;
		const hit = this.cache.get(key);
		if (hit !== undefined) return hit;
		const p = this.pValue(a, b, cond);
		this.cache.set(key, p);
		return p;
	};

	/** Partial correlation of a and b given cond. */
	partialCorrelation(a: number, b: number, cond: readonly number[]): number {
		const vars = [a, b, ...cond];
		const sub = new Matrix(vars.map((i) => vars.map((j) => this.corr[i][j])));
		const inv = inverse(sub);
		const r = -inv.get(0, 1) / Math.sqrt(Math.abs(inv.get(0, 0) * inv.get(1, 1)));
		if (!Number.isFinite(r)) {
			throw new DataError(
				'the correlation matrix is singular (collinear columns); drop one of the collinear variables'
			);
		}
		return r;
	}

	private pValue(a: number, b: number, cond: number[]): number {
		this.computed++;
		let r = this.partialCorrelation(a, b, cond);
		if (Math.abs(r) >= 1) r = (1 - EPS) * Math.sign(r);
		const z = 0.5 * Math.log((1 + r) / (1 - r));
		const stat = Math.sqrt(this.n - cond.length - 3) * Math.abs(z);
		return twoSidedP(stat);
	}
}
