/**
 * Axis helpers for the time-series chart: where a line must break (missing samples, not only
 * NaN), tick labels in the series' unit, and a 24-hour time axis. Pure, so they are unit-tested.
 */
import * as d3 from 'd3';

/** A line breaks where samples are missing for more than this many sampling steps. */
export const GAP_STEPS = 3;

/**
 * Indices to draw with -1 where the line must break: between two samples further apart than
 * GAP_STEPS typical steps. The typical step is the 90th percentile of the spacings, not the
 * median, because min/max decimation emits pairs of close points per bucket.
 */
export function withGaps(t: ArrayLike<number>): number[] {
	const n = t.length;
	// Plain loops: this runs for every series on every redraw (Array.from with a mapper is slow).
	const idx = new Array<number>(n);
	for (let j = 0; j < n; j++) idx[j] = j;
	if (n < 3) return idx;
	const steps = new Float64Array(n - 1);
	for (let j = 0; j < n - 1; j++) steps[j] = t[j + 1] - t[j];
	steps.sort();
	const step = steps[Math.floor(0.9 * (steps.length - 1))];
	if (!(step > 0)) return idx;
	const out: number[] = [0];
	for (let j = 1; j < n; j++) {
		if (t[j] - t[j - 1] > GAP_STEPS * step) out.push(-1);
		out.push(j);
	}
	return out;
}

/** Samples of `withGaps` indices with no drawable neighbour (a gap or NaN on both sides). */
export function isolated(idx: number[], v: ArrayLike<number>): number[] {
	const ok = (k: number) => k >= 0 && k < idx.length && idx[k] >= 0 && !Number.isNaN(v[idx[k]]);
	return idx.filter((_, k) => ok(k) && !ok(k - 1) && !ok(k + 1));
}

const BYTES = new Set(['b', 'byte', 'bytes']);
const MS = new Set(['ms', 'msec', 'milliseconds']);
const SEC = new Set(['s', 'sec', 'secs', 'seconds']);
const trim = d3.format('~r');
const short = (v: number) => trim(Number(v.toPrecision(3)));

/** Bytes in binary units (MiB, not 1e6), the way memory and disk are reported. */
export function formatBytesIEC(v: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let k = 0;
	while (Math.abs(v) >= 1024 && k < units.length - 1) {
		v /= 1024;
		k++;
	}
	return `${short(v)} ${units[k]}`;
}

/** A duration in ms as ms below a second, else s (or min above ten minutes). */
export function formatMs(v: number): string {
	const a = Math.abs(v);
	if (a < 1000) return `${short(v)} ms`;
	if (a < 600_000) return `${short(v / 1000)} s`;
	return `${short(v / 60_000)} min`;
}

/** Tick labels for a y axis whose series all share `unit` (undefined: mixed or unknown). */
export function valueTickFormat(unit: string | undefined): (v: d3.NumberValue) => string {
	const u = unit?.trim().toLowerCase() ?? '';
	if (BYTES.has(u)) return (v) => formatBytesIEC(+v);
	if (MS.has(u)) return (v) => formatMs(+v);
	if (SEC.has(u)) return (v) => formatMs(+v * 1000);
	const si = d3.format('~s');
	// Other units stay off the ticks: the legend and read-out carry them, the margin is narrow.
	return u === '%' ? (v) => `${si(v)}%` : si;
}

/** The one unit all series share, or undefined. */
export function sharedUnit(series: { unit?: string }[]): string | undefined {
	const units = new Set(series.map((s) => s.unit ?? ''));
	return units.size === 1 ? series[0]?.unit || undefined : undefined;
}

const hm = d3.utcFormat('%H:%M');
const hms = d3.utcFormat('%H:%M:%S');
const day = d3.utcFormat('%b %d');

/** 24-hour UTC tick labels: the date at midnight, seconds only when a tick needs them. */
export function timeTick(d: Date | d3.NumberValue): string {
	const date = d instanceof Date ? d : new Date(+d);
	if (date.getUTCSeconds() || date.getUTCMilliseconds()) return hms(date);
	if (!date.getUTCHours() && !date.getUTCMinutes()) return day(date);
	return hm(date);
}
