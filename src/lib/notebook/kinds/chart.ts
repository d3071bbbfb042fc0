/**
 * Chart cell: turns a data cell's series into a chart-ready, decimated time series set. Drawing is
 * done by the UI (src/lib/charts); this only decides what is drawn. Optional `anomalies` and
 * `forecast` inputs add overlays: shaded anomalies, threshold / SLO lines, the forecast band.
 */
import { z } from 'zod';
import { buildOverlays } from '$workers/shared/overlays';
import type { AnomaliesOutput, DataOutput, ForecastOutput, SeriesData } from '../outputs';
import { decimateMinMax } from '../support/decimate';
import { matchesAny } from '../support/glob';
import { incidentWindows } from '../support/windows';
import type { CellKind } from './kind';

const schema = z.object({
	title: z.string().optional(),
	series: z.array(z.string().min(1)).default(() => []),
	normalize: z.boolean().default(false),
	showEvents: z.boolean().default(true),
	showWindows: z.boolean().default(true),
	maxPoints: z.number().int().min(10).max(100_000).default(1500)
});

export type ChartParams = z.infer<typeof schema>;

/** The `data` input, checked: the graph checks wiring, but a stale cache entry could be anything. */
export function dataInput(inputs: Record<string, unknown>): DataOutput {
	const input = inputs.data as DataOutput | undefined;
	if (input?.type !== 'data') throw new Error('input "data" must be the output of a data cell');
	return input;
}

/** An optional overlay input, checked like `data` (a stale cache entry could be anything). */
function overlayInput<T extends AnomaliesOutput | ForecastOutput>(
	inputs: Record<string, unknown>,
	slot: 'anomalies' | 'forecast'
): T | undefined {
	const input = inputs[slot] as T | undefined;
	if (input === undefined) return undefined;
	if (input.type !== slot) throw new Error(`input "${slot}" must be the output of a ${slot} cell`);
	return input;
}

export function decimateSeries(series: SeriesData, maxPoints: number): SeriesData {
	const { t, v } = decimateMinMax(series.t, series.v, maxPoints);
	return t === series.t ? series : { ...series, t, v };
}

export const chartKind: CellKind<ChartParams> = {
	kind: 'chart',
	label: 'Chart',
	description: 'Plot series over time, with events and the baseline / incident windows.',
	schema,
	inputs: [
		{ slot: 'data', accepts: ['data'], required: true, label: 'Data' },
		{ slot: 'anomalies', accepts: ['anomalies'], required: false, label: 'Anomalies overlay' },
		{ slot: 'forecast', accepts: ['forecast'], required: false, label: 'Forecast overlay' }
	],
	fields: [
		{ key: 'title', label: 'Title', type: 'text' },
		{ key: 'series', label: 'Series', type: 'series', help: 'Subset of the input; empty = all' },
		{ key: 'normalize', label: 'Normalise each series', type: 'boolean' },
		{ key: 'showEvents', label: 'Show events', type: 'boolean' },
		{ key: 'showWindows', label: 'Shade baseline / incident', type: 'boolean' },
		{ key: 'maxPoints', label: 'Max points per series', type: 'number' }
	],
	hasSource: false,
	// The data input's hash already carries the incident's content hash.
	readsIncident: false,
	live: true,
	output: 'timeseries',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const { params } = ctx;
		const series: SeriesData[] = [];
		for (const s of input.series) {
			if (!matchesAny(s.key, params.series)) continue;
			await ctx.signal.checkpoint();
			series.push(decimateSeries(s, params.maxPoints));
		}
		const windows = params.showWindows
			? incidentWindows(await ctx.compute.data.incident(ctx.incidentId))
			: undefined;
		const overlays = buildOverlays(
			series.map((s) => s.key),
			overlayInput<AnomaliesOutput>(ctx.inputs, 'anomalies'),
			overlayInput<ForecastOutput>(ctx.inputs, 'forecast')
		);
		// A forecast looks ahead: widen the time axis to its projection.
		const ahead = overlays?.forecast?.t.at(-1) ?? -Infinity;
		return {
			type: 'timeseries',
			title: params.title,
			range: { start: input.range.start, end: Math.max(input.range.end, ahead) },
			series,
			events: params.showEvents ? input.events : [],
			normalize: params.normalize,
			windows,
			overlays
		};
	}
};
