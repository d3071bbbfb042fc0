/**
 * Anomalies cell: one detector over chosen series of a data cell — the seed's threshold trigger
 * (per-series levels, minimum duration) or a robust detector (rolling MAD, N-sigma against the
 * incident's baseline window). `asOf` cuts the data first, so a replay never sees the future.
 * Detection runs in the metrics worker (workers/metrics/cell-requests.ts).
 */
import { z } from 'zod';
import { DEFAULT_THRESHOLD, DEFAULT_Z } from '$workers/shared/outputs-metrics';
import { matchesAny } from '../support/glob';
import { namedWindow } from '../support/windows';
import { dataInput } from './chart';
import { asOfSchema } from './forecast';
import { selectedKeys, userFacingSeries } from '../support/suggest';
import type { CellKind } from './kind';

/** Per-series thresholds: a record, or text like "edge.latency_ms=800, api.pool_wait_ms=250". */
export const thresholdsSchema = z
	.union([z.record(z.string(), z.number()), z.string()])
	.default({})
	.transform((x, ctx) => {
		if (typeof x !== 'string') return x;
		const out: Record<string, number> = {};
		for (const part of x
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)) {
			const m = /^(.+?)\s*=\s*(-?[\d.]+(?:e-?\d+)?)$/i.exec(part);
			if (!m)
				ctx.addIssue({ code: 'custom', message: `thresholds: expected key=value, got "${part}"` });
			else out[m[1]] = Number(m[2]);
		}
		return out;
	});

const schema = z.object({
	series: z.array(z.string().min(1)).default(() => ['edge.latency_ms']),
	detector: z.enum(['threshold', 'mad', 'nsigma', 'auto']).default('threshold'),
	threshold: z.number().default(DEFAULT_THRESHOLD),
	thresholds: thresholdsSchema,
	direction: z.enum(['auto', 'above', 'below', 'both']).default('auto'),
	minDurationMinutes: z.number().min(0).default(2),
	z: z.number().positive().default(DEFAULT_Z),
	asOf: asOfSchema
});

export type AnomaliesParams = z.infer<typeof schema>;

export const anomaliesKind: CellKind<AnomaliesParams> = {
	kind: 'anomalies',
	label: 'Anomalies',
	description:
		'Detect anomalies: latency above a threshold for a minimum duration, or robust MAD / N-sigma.',
	schema,
	inputs: [{ slot: 'data', accepts: ['data'], required: true, label: 'Data' }],
	fields: [
		{ key: 'series', label: 'Series', type: 'series' },
		{
			key: 'detector',
			label: 'Detector',
			type: 'select',
			options: ['threshold', 'mad', 'nsigma', 'auto'],
			help: 'auto: seasonal residuals with novelty and recurrence tests (the NAB default)'
		},
		{
			key: 'threshold',
			label: 'Threshold',
			type: 'number',
			help: 'Default level (threshold detector)'
		},
		{
			key: 'thresholds',
			label: 'Per-series thresholds',
			type: 'text',
			help: 'key=value, key=value'
		},
		{
			key: 'direction',
			label: 'Direction',
			type: 'select',
			options: ['auto', 'above', 'below', 'both']
		},
		{ key: 'minDurationMinutes', label: 'Minimum duration (min)', type: 'number' },
		{
			key: 'z',
			label: '|z| / N (auto, mad, nsigma)',
			type: 'number',
			help: 'Cut-off: lower finds more, with more false alerts (3.5: Iglewicz & Hoaglin)'
		},
		{ key: 'asOf', label: 'As of', type: 'text', help: 'ISO time; only data up to it is used' }
	],
	hasSource: false,
	readsIncident: false,
	output: 'anomalies',
	// On what users feel, the detector the NAB evaluation measures and the CLI defaults to
	// (docs/metrics.md): the fixed threshold default only fits the demo.
	suggest(env) {
		const series = userFacingSeries(selectedKeys(env));
		return series ? { series: [series], detector: 'auto' } : {};
	},
	async run(ctx) {
		const input = dataInput(ctx.inputs);
		const p = ctx.params;
		const picked = input.series.filter((s) => matchesAny(s.key, p.series));
		if (picked.length === 0) throw new Error(`no series matches ${p.series.join(', ')}`);
		// The robust detectors measure "normal" on the incident's baseline window when it has one.
		const known = namedWindow(await ctx.compute.data.incident(ctx.incidentId), 'baseline');
		// `auto` learns normal from each series' own history (seasonal residuals), not a window.
		const usable = known && (p.asOf === undefined || known.start <= p.asOf) ? known : undefined;
		const baseline = p.detector === 'auto' ? undefined : usable;
		const levels: Record<string, number> = {};
		for (const s of picked) levels[s.key] = p.thresholds[s.key] ?? p.threshold;
		const { series, anomalies } = await ctx.compute.metrics.anomalies(
			{
				series: picked,
				detector: p.detector,
				levels,
				direction: p.direction,
				minDurationMs: p.minDurationMinutes * 60_000,
				z: p.z,
				baseline,
				asOf: p.asOf
			},
			ctx.jobId
		);
		const thresholds = p.detector === 'threshold' ? levels : {};
		const detector = p.detector;
		return { type: 'anomalies', detector, series, anomalies, thresholds, baseline, asOf: p.asOf };
	}
};
