/**
 * Forecast cell: the OLS latency forecaster (workers/metrics/forecast.ts) on one series of a data
 * cell. Shows the forecast "as of" a moment (default: the end of the data) and, with `replay`, the
 * first moment the forecaster — fed only the data up to each sample — would have raised the
 * predictive alert. The fitting runs in the metrics worker (workers/metrics/cell-requests.ts).
 */
import { z } from 'zod';
import { dataInput } from './chart';
import { selectedKeys, userFacingSeries } from '../support/suggest';
import type { CellKind } from './kind';

/** An as-of time: epoch ms or an ISO string (zone-less = UTC). */
export const asOfSchema = z
	.union([z.number(), z.string().min(1)])
	.optional()
	.transform((x, ctx) => {
		if (x === undefined || typeof x === 'number') return x;
		const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(x) ? x : `${x.replace(' ', 'T')}Z`);
		if (Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: `asOf: not a time: ${x}` });
		return t;
	});

const schema = z.object({
	series: z.string().min(1).default('edge.latency_ms'),
	window: z.number().int().min(2).max(10_000).default(50),
	horizonMinutes: z
		.number()
		.positive()
		.max(7 * 24 * 60)
		.default(30),
	// null (an empty field: NaN, or null once saved as JSON) = no SLO: the projection, no breach.
	slo: z
		.preprocess((x) => (typeof x === 'number' && Number.isNaN(x) ? null : x), z.number().nullable())
		.default(1000),
	confidence: z.number().min(0.5).max(0.999).default(0.9),
	asOf: asOfSchema,
	replay: z.boolean().default(true),
	// Which points are fitted (workers/metrics/forecast-fit.ts); notebooks saved before it existed
	// read as the default.
	fit: z.enum(['regime', 'recent']).default('regime')
});

export type ForecastParams = z.infer<typeof schema>;

export const forecastKind: CellKind<ForecastParams> = {
	kind: 'forecast',
	label: 'Forecast',
	description:
		'Project a series 30 min ahead (a line through the current regime, since an anomaly began or the last 50 points) and warn before the SLO breaks.',
	schema,
	inputs: [{ slot: 'data', accepts: ['data'], required: true, label: 'Data' }],
	fields: [
		{ key: 'series', label: 'Series', type: 'text', help: 'Series key, e.g. edge.latency_ms' },
		{ key: 'window', label: 'Points fitted', type: 'number', help: 'At most this many' },
		{
			key: 'fit',
			label: 'Fit',
			type: 'select',
			options: ['regime', 'recent'],
			help: 'regime: since an anomaly began (or after it ended), by the anomaly detector; recent: the last points'
		},
		{ key: 'horizonMinutes', label: 'Horizon (min)', type: 'number' },
		{ key: 'slo', label: 'SLO', type: 'number', help: 'In the series’ unit; empty = none' },
		{ key: 'confidence', label: 'Interval confidence', type: 'number' },
		{ key: 'asOf', label: 'As of', type: 'text', help: 'ISO time; only data up to it is used' },
		{ key: 'replay', label: 'Find the first alert (replay)', type: 'boolean' }
	],
	hasSource: false,
	readsIncident: false,
	output: 'forecast',
	suggest(env) {
		const series = userFacingSeries(selectedKeys(env));
		return series ? { series } : {};
	},
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const p = ctx.params;
		const s = input.series.find((x) => x.key === p.series);
		if (!s) throw new Error(`the data cell has no series "${p.series}"`);
		const horizonMs = p.horizonMinutes * 60_000;
		const reply = await ctx.compute.metrics.forecast(
			{
				series: s,
				window: p.window,
				horizonMs,
				slo: p.slo,
				confidence: p.confidence,
				asOf: p.asOf,
				replay: p.replay,
				fit: p.fit
			},
			ctx.jobId,
			ctx.onProgress
		);
		return {
			type: 'forecast',
			series: reply.series,
			forecast: reply.forecast,
			horizonMs,
			firstAlert: reply.firstAlert,
			...(p.replay ? { replayed: true as const } : {}),
			asOf: p.asOf,
			band: reply.band
		};
	}
};
