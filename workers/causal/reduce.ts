/**
 * Fits a table to what PC can test. Fisher-z needs more rows than variables and no collinear
 * columns (latency P90/P95/P99 of one service often move together exactly); an incident window
 * of a few minutes at 1-minute scrapes gives neither. Rather than refuse the whole graph, this
 * leaves columns out, each with its reason: first near-duplicates (|r| ≥ 0.999 with a kept
 * column), then, beyond the row budget, the columns that changed least across the window
 * (difference of the first-half and second-half medians in robust units), then any column still
 * in an exact linear combination. Pure; used only when the cell asks for it.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { quantileSorted } from '../metrics/quantile';
import { correlationMatrix } from './fisherz';
import type { NumericTable } from './table';

export interface ReducedTable {
	table: NumericTable;
	dropped: { key: string; reason: string }[];
}

const DUPLICATE_R = 0.999;

const median = (a: Float64Array): number => quantileSorted(Float64Array.from(a).sort(), 0.5);

/** How much a column moved between the window's halves, in units of its spread. */
function change(col: Float64Array): number {
	const h = col.length >> 1;
	const a = median(col.subarray(0, h));
	const b = median(col.subarray(h));
	const sorted = Float64Array.from(col).sort();
	const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
	const sd = Math.sqrt(col.reduce((s, v) => s + (v - (a + b) / 2) ** 2, 0) / col.length);
	return Math.abs(b - a) / (iqr > 0 ? iqr : sd > 0 ? sd : 1);
}

const pick = (t: NumericTable, keep: number[]): NumericTable => ({
	names: keep.map((i) => t.names[i]),
	columns: keep.map((i) => t.columns[i]),
	rows: t.rows
});

export function reduceForPc(table: NumericTable): ReducedTable {
	const dropped: ReducedTable['dropped'] = [];
	const corr = correlationMatrix(table.columns);
	let keep: number[] = [];
	for (let i = 0; i < table.names.length; i++) {
		const twin = keep.find((j) => Math.abs(corr[i][j]) >= DUPLICATE_R);
		if (twin === undefined) keep.push(i);
		else
			dropped.push({
				key: table.names[i],
				reason: `moves with ${table.names[twin]} (|r| ≥ ${DUPLICATE_R})`
			});
	}
	// Fisher-z with k conditioning variables needs n - k - 3 > 0; keep room for the largest sets.
	const budget = Math.max(2, table.rows - 4);
	if (keep.length > budget) {
		const moved = keep.map((i) => ({ i, c: change(table.columns[i]) })).sort((x, y) => y.c - x.c);
		const out = new Set(moved.slice(budget).map((m) => m.i));
		for (const i of keep)
			if (out.has(i))
				dropped.push({
					key: table.names[i],
					reason: `${table.rows} rows allow ${budget} variables; it changed least across the window`
				});
		keep = keep.filter((i) => !out.has(i));
	}
	// Exact linear combinations of three or more columns: drop the most involved one until none.
	while (keep.length > 2) {
		const eig = new EigenvalueDecomposition(
			new Matrix(keep.map((i) => keep.map((j) => corr[i][j]))),
			{ assumeSymmetric: true }
		);
		const values = eig.realEigenvalues;
		const k = values.indexOf(Math.min(...values));
		if (values[k] > 1e-10) break;
		const vec = eig.eigenvectorMatrix.getColumn(k).map(Math.abs);
		const worst = vec.indexOf(Math.max(...vec));
		dropped.push({ key: table.names[keep[worst]], reason: 'a linear combination of other series' });
		keep = keep.filter((_, x) => x !== worst);
	}
	return { table: pick(table, keep), dropped };
}
