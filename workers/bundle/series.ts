/**
 * Accumulates metric points per series key while files are read, then finalises each series:
 * stable sort by time, merge duplicate timestamps (last value wins), pack into typed arrays.
 */
import type { Issues } from './issues';
import type { Series } from './types';

/** Points of one series as read so far, with where it was first defined. */
export interface SeriesAcc {
	key: string;
	service: string;
	metric: string;
	unit?: string;
	/** File that defines the series; a second file using the key is an error. */
	file: string;
	/** Where the series was first defined (wide header column, long row, JSON item). */
	origin: SeriesOrigin;
	t: number[];
	v: number[];
}

/** Where a series key was claimed, for the duplicate-key error message. */
export interface SeriesOrigin {
	file: string;
	line?: number;
	field?: string;
	fieldKind?: 'column' | 'field';
	/** Extra path for JSON sources (issue line resolved later). */
	json?: Parameters<Issues['error']>[0]['json'];
}

export class SeriesStore {
	private readonly byKey = new Map<string, SeriesAcc>();

	constructor(private readonly issues: Issues) {}

	/**
	 * Returns the accumulator for (service, metric) in `file`, creating it; reports an error and
	 * returns undefined when another file (or a different service/metric split) owns the key.
	 */
	claim(service: string, metric: string, file: string, at: SeriesOrigin): SeriesAcc | undefined {
		const key = `${service}.${metric}`;
		const acc = this.byKey.get(key);
		if (!acc) {
			const created: SeriesAcc = { key, service, metric, file, origin: at, t: [], v: [] };
			this.byKey.set(key, created);
			return created;
		}
		if (acc.file === file && acc.service === service && acc.metric === metric) return acc;
		this.issues.error({
			...at,
			expected: 'a series key defined only once in the bundle',
			got: key,
			text:
				acc.file === file
					? `series key "${key}" is ambiguous: service "${acc.service}" + metric "${acc.metric}" and service "${service}" + metric "${metric}"`
					: `duplicate series "${key}": already defined in ${acc.file}`
		});
		return undefined;
	}

	/** Finalised series in key order. */
	finish(): Series[] {
		const out: Series[] = [];
		const keys = [...this.byKey.keys()].sort();
		for (const key of keys) {
			const acc = this.byKey.get(key)!;
			const { t, v, duplicates } = sortAndMerge(acc.t, acc.v);
			if (duplicates > 0) {
				this.issues.warn({
					...duplicateAt(acc),
					text: `series "${key}" has ${duplicates} duplicate timestamp${duplicates === 1 ? '' : 's'}; kept the last value of each`
				});
			}
			const s: Series = { key, service: acc.service, metric: acc.metric, t, v };
			if (acc.unit !== undefined) s.unit = acc.unit;
			out.push(s);
		}
		return out;
	}
}

/** Wide CSV: the header column; JSON: the series item; long CSV: the file (rows vary). */
function duplicateAt(acc: SeriesAcc): SeriesOrigin {
	const o = acc.origin;
	if (o.json) return { file: o.file, json: o.json };
	if (o.line === 1) return { file: o.file, line: 1, field: o.field, fieldKind: o.fieldKind };
	return { file: o.file };
}

/** Sorts points stably by time and merges equal times keeping the value read last. */
export function sortAndMerge(
	t: number[],
	v: number[]
): { t: Float64Array; v: Float64Array; duplicates: number } {
	const n = t.length;
	let order: Uint32Array | undefined;
	for (let i = 1; i < n; i++) {
		if (t[i] < t[i - 1]) {
			order = stableOrder(t);
			break;
		}
	}
	const ot = new Float64Array(n);
	const ov = new Float64Array(n);
	let m = 0;
	for (let k = 0; k < n; k++) {
		const i = order ? order[k] : k;
		// Equal times are adjacent after the stable sort, in reading order: overwrite = last wins.
		if (m > 0 && ot[m - 1] === t[i]) ov[m - 1] = v[i];
		else {
			ot[m] = t[i];
			ov[m] = v[i];
			m++;
		}
	}
	if (m === n) return { t: ot, v: ov, duplicates: 0 };
	return { t: ot.slice(0, m), v: ov.slice(0, m), duplicates: n - m };
}

/** Indices that sort `t` ascending, ties in original order. */
export function stableOrder(t: ArrayLike<number>): Uint32Array {
	const idx = new Uint32Array(t.length);
	for (let i = 0; i < idx.length; i++) idx[i] = i;
	// TypedArray sort is stable per spec, and the index tiebreak makes that explicit.
	return idx.sort((a, b) => t[a] - t[b] || a - b);
}
