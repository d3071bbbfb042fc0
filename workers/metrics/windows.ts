/**
 * Sliding windows per series for the `windows` cell: resample to a fixed step (gaps stay gaps),
 * then trailing mean, p50, p95, max and rate of change over the window on typed arrays (danfojs
 * has no rolling operations). The table row of a series describes its latest window (as of
 * `asOf`); danfojs, the dataframe layer inside this worker, computes that row's mean, median and
 * max from the window's values, so the table agrees with the stats cell's definitions.
 */
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import type { SeriesData, TableColumn } from '../shared/outputs';
import type { WindowsOutput } from '../shared/outputs-metrics';
import { loadDanfo } from './danfo';
import { upperBound } from './quantile';
import { medianStep, resample, type Aggregate } from './resample';
import { rollingMax, rollingMean, rollingQuantiles, rollingRate } from './rolling';

export interface WindowsOptions {
	/** Window length, ms. */
	windowMs: number;
	/** Resampling step, ms; 0 or undefined = each series' median sampling step. */
	stepMs?: number;
	/** How samples in one step are combined. Default 'mean'. */
	aggregate?: Aggregate;
	/** Use only samples at or before this time (epoch ms). */
	asOf?: number;
}

/** Numeric columns of the windows table, in order. */
export const WINDOW_COLUMNS = ['mean', 'p50', 'p95', 'max', 'ratePerMin', 'n'] as const;

/** The trailing-window statistics of one series on its resampled grid. */
export interface SeriesWindows {
	t: Float64Array;
	v: Float64Array;
	mean: Float64Array;
	p50: Float64Array;
	p95: Float64Array;
	max: Float64Array;
	/** Rate of change per minute over the window, on real bucket times. */
	ratePerMin: Float64Array;
	stepMs: number;
	points: number;
}

/** Resamples `s` (cut at asOf) and computes every rolling column; pure typed-array work. */
export function seriesWindows(s: SeriesData, opts: WindowsOptions): SeriesWindows {
	if (!(opts.windowMs > 0)) throw new RangeError('windows: the window must be positive');
	const end = opts.asOf === undefined ? s.t.length : upperBound(s.t, opts.asOf);
	const t = s.t.subarray(0, end);
	const natural = medianStep(t);
	const stepMs = opts.stepMs || (Number.isFinite(natural) ? natural : opts.windowMs);
	const grid = resample(t, s.v.subarray(0, end), stepMs, opts.aggregate ?? 'mean');
	// A window of w buckets; it needs half its values, so a mostly-missing window shows as a gap.
	const points = Math.max(1, Math.round(opts.windowMs / stepMs));
	const roll = { window: points, minPeriods: Math.ceil(points / 2) };
	const [p50, p95] = rollingQuantiles(grid.v, [0.5, 0.95], roll);
	return {
		t: grid.t,
		v: grid.v,
		mean: rollingMean(grid.v, roll),
		p50,
		p95,
		max: rollingMax(grid.v, roll),
		ratePerMin: rollingRate(grid.t, grid.v, { window: points }).map((x) => x * 60),
		stepMs,
		points
	};
}

export async function computeWindows(
	series: SeriesData[],
	opts: WindowsOptions,
	signal: CancelSignal = neverCancelled
): Promise<WindowsOutput> {
	const { dfd } = await loadDanfo();
	const names: string[] = [];
	const cols = Object.fromEntries(
		WINDOW_COLUMNS.map((c) => [c, new Float64Array(series.length).fill(NaN)])
	) as Record<(typeof WINDOW_COLUMNS)[number], Float64Array>;
	const sparklines: WindowsOutput['sparklines'] = [];
	let stepMs = 0;
	for (const [r, s] of series.entries()) {
		await signal.checkpoint();
		const w = seriesWindows(s, opts);
		stepMs = Math.max(stepMs, w.stepMs);
		names.push(s.key);
		sparklines.push({ key: s.key, unit: s.unit, t: w.t, v: w.v, p95: w.p95 });
		const last = w.t.length - 1;
		const values = Array.from(w.v.subarray(Math.max(0, last - w.points + 1))).filter(
			Number.isFinite
		);
		cols.n[r] = values.length;
		if (values.length === 0) continue; // a window without data is a gap, not zeros
		const ds = new dfd.Series(values);
		cols.mean[r] = ds.mean();
		cols.p50[r] = ds.median();
		cols.max[r] = ds.max();
		cols.p95[r] = w.p95[last];
		cols.ratePerMin[r] = w.ratePerMin[last];
	}
	const units = new Set(series.map((s) => s.unit));
	const unit = units.size === 1 ? [...units][0] : undefined;
	const columns: TableColumn[] = [
		{ name: 'series', type: 'string' },
		...WINDOW_COLUMNS.map((name): TableColumn => {
			if (name === 'n' || unit === undefined) return { name, type: 'number' };
			return { name, type: 'number', unit: name === 'ratePerMin' ? `${unit}/min` : unit };
		})
	];
	const table = {
		type: 'table' as const,
		title: `Last ${Math.round(opts.windowMs / 60_000)} min window`,
		length: series.length,
		columns,
		data: { series: names, ...cols }
	};
	return { type: 'windows', table, sparklines, windowMs: opts.windowMs, stepMs, asOf: opts.asOf };
}
