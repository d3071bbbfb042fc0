/**
 * Turns time series into a numeric table for PC and effect estimation: the densest series sets
 * the time grid, every other series is sampled onto it by its last value at or before each grid
 * time (series are often scraped at different rates; gaps are bridged by the last finite value),
 * and grid rows before every series has started are dropped. Constant series are left out with a note rather than failing the whole run.
 */
import type { Series } from '../bundle/types';
import type { NumericTable } from './table';

/** The aligned table and what was left out. */
export interface AlignedTable {
	table: NumericTable;
	/** Grid times (epoch ms) of the table rows. */
	t: Float64Array;
	/** Keys dropped, with the reason. */
	dropped: { key: string; reason: string }[];
}

/** Last finite value at or before each grid time (gaps in a series are bridged the same way). */
function sampleOnto(grid: Float64Array, s: Series): Float64Array {
	const out = new Float64Array(grid.length).fill(NaN);
	let j = -1;
	let last = NaN;
	for (let i = 0; i < grid.length; i++) {
		while (j + 1 < s.t.length && s.t[j + 1] <= grid[i]) {
			j++;
			if (Number.isFinite(s.v[j])) last = s.v[j];
		}
		out[i] = last;
	}
	return out;
}

export function alignSeries(
	series: Series[],
	range?: { start: number; end: number }
): AlignedTable {
	const inRange = (t: number) => !range || (t >= range.start && t <= range.end);
	const densest = [...series].sort((a, b) => b.t.length - a.t.length)[0];
	const dropped: AlignedTable['dropped'] = [];
	if (!densest)
		return { table: { names: [], columns: [], rows: 0 }, t: new Float64Array(), dropped };
	const grid = densest.t.filter(inRange);
	let cols = series.map((s) => ({ key: s.key, v: sampleOnto(grid, s) }));
	let first = 0;
	for (const c of cols) {
		let k = 0;
		while (k < c.v.length && !Number.isFinite(c.v[k])) k++;
		first = Math.max(first, k);
	}
	cols = cols.map((c) => ({ key: c.key, v: c.v.slice(first) }));
	const kept = cols.filter((c) => {
		const finite = c.v.filter(Number.isFinite);
		if (finite.length < c.v.length) {
			dropped.push({ key: c.key, reason: 'has gaps (missing values) in the window' });
			return false;
		}
		if (finite.every((v) => v === finite[0])) {
			dropped.push({ key: c.key, reason: 'is constant in the window' });
			return false;
		}
		return true;
	});
	const t = grid.slice(first);
	return {
		table: { names: kept.map((c) => c.key), columns: kept.map((c) => c.v), rows: t.length },
		t,
		dropped
	};
}
