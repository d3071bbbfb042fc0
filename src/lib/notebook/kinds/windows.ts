/**
 * Windows cell: sliding-window statistics (mean, p50, p95, max, rate of change) per series of a
 * data cell, as a table of the latest window plus a sparkline per series. Runs in the metrics
 * worker (danfojs stays off the page); the Node runner calls the same code in-process.
 */
import { z } from 'zod';
import { AGGREGATES, type Aggregate } from '$workers/shared/outputs-metrics';
import { matchesAny } from '../support/glob';
import { dataInput } from './chart';
import { asOfSchema } from './forecast';
import type { CellKind } from './kind';

/** The demo's golden signals: latency, traffic, errors, saturation. */
export const GOLDEN_SIGNALS = ['edge.*', 'api.*'];

const schema = z.object({
	series: z.array(z.string().min(1)).default(() => [...GOLDEN_SIGNALS]),
	windowMinutes: z
		.number()
		.positive()
		.max(7 * 24 * 60)
		.default(5),
	stepSeconds: z.number().min(0).max(86_400).default(0),
	aggregate: z.enum(AGGREGATES as [Aggregate, ...Aggregate[]]).default('mean'),
	asOf: asOfSchema
});

export type WindowsParams = z.infer<typeof schema>;

export const windowsKind: CellKind<WindowsParams> = {
	kind: 'windows',
	label: 'Windows',
	description: 'Sliding-window mean, p50, p95, max and rate of change per series.',
	schema,
	inputs: [{ slot: 'data', accepts: ['data'], required: true, label: 'Data' }],
	fields: [
		{ key: 'series', label: 'Series', type: 'series', help: 'Globs; empty = all' },
		{ key: 'windowMinutes', label: 'Window (min)', type: 'number' },
		{ key: 'stepSeconds', label: 'Step (s)', type: 'number', help: '0 = the natural step' },
		{ key: 'aggregate', label: 'Per step', type: 'select', options: [...AGGREGATES] },
		{ key: 'asOf', label: 'As of', type: 'text', help: 'ISO time; only data up to it is used' }
	],
	hasSource: false,
	readsIncident: false,
	output: 'windows',
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const p = ctx.params;
		const series = input.series.filter((s) => matchesAny(s.key, p.series));
		if (series.length === 0) throw new Error(`no series matches ${p.series.join(', ')}`);
		const opts = {
			windowMs: p.windowMinutes * 60_000,
			stepMs: p.stepSeconds * 1000,
			aggregate: p.aggregate,
			asOf: p.asOf
		};
		return ctx.compute.metrics.windows(series, opts, ctx.jobId);
	}
};
