/**
 * Window statistics per series, computed with danfojs (mean, median, min, max) plus our own p95.
 * Pure apart from the lazy library load; the worker, the Node runner and tests all call it.
 */
import type { TimeRange } from '../bundle/types';
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import type { SeriesData, TableColumn, TableOutput } from '../shared/outputs';
import { loadDanfo } from './danfo';
import { lowerBound, quantileSorted, upperBound } from './quantile';

/** Numeric columns of the stats table, in order. */
export const STAT_COLUMNS = ['n', 'missing', 'mean', 'p50', 'p95', 'min', 'max'] as const;
type StatName = (typeof STAT_COLUMNS)[number];

/** Columns that carry the series' own unit (counts do not). */
const VALUE_COLUMNS: readonly StatName[] = ['mean', 'p50', 'p95', 'min', 'max'];

/** The values of `s` inside `range` (inclusive at both ends), NaN gaps removed and counted. */
export function sliceWindow(
	s: SeriesData,
	range?: TimeRange
): { values: Float64Array; missing: number } {
	const from = range ? lowerBound(s.t, range.start) : 0;
	const to = range ? upperBound(s.t, range.end) : s.t.length;
	const values = new Float64Array(Math.max(0, to - from));
	let n = 0;
	for (let i = from; i < to; i++) if (!Number.isNaN(s.v[i])) values[n++] = s.v[i];
	return { values: values.subarray(0, n), missing: Math.max(0, to - from) - n };
}

export async function windowStats(
	series: SeriesData[],
	range?: TimeRange,
	signal: CancelSignal = neverCancelled
): Promise<TableOutput> {
	const { dfd } = await loadDanfo();
	const rows = series.length;
	const names: string[] = [];
	const cols = Object.fromEntries(STAT_COLUMNS.map((c) => [c, new Float64Array(rows)])) as Record<
		StatName,
		Float64Array
	>;
	for (let r = 0; r < rows; r++) {
		await signal.checkpoint();
		const s = series[r];
		const { values, missing } = sliceWindow(s, range);
		names.push(s.key);
		cols.n[r] = values.length;
		cols.missing[r] = missing;
		if (values.length === 0) {
			// danfojs throws on empty reductions; an empty window is a normal answer, not an error.
			for (const c of VALUE_COLUMNS) cols[c][r] = NaN;
			continue;
		}
		// A plain array: danfojs keeps typed arrays as-is and mathjs' median rejects them.
		const ds = new dfd.Series(Array.from(values));
		cols.mean[r] = ds.mean();
		cols.p50[r] = ds.median();
		cols.min[r] = ds.min();
		cols.max[r] = ds.max();
		cols.p95[r] = quantileSorted(values.slice().sort(), 0.95);
	}
	// A unit only fits a column when every row shares it.
	const units = new Set(series.map((s) => s.unit));
	const unit = units.size === 1 ? [...units][0] : undefined;
	const columns: TableColumn[] = [
		{ name: 'series', type: 'string' },
		...STAT_COLUMNS.map((name): TableColumn => {
			const withUnit = unit !== undefined && VALUE_COLUMNS.includes(name);
			return withUnit ? { name, type: 'number', unit } : { name, type: 'number' };
		})
	];
	return {
		type: 'table',
		title: 'Window statistics',
		length: rows,
		columns,
		data: { series: names, ...cols }
	};
}
