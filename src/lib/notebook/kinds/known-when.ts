/**
 * "What did we know when": replays the root-cause ranking at successive moments of the incident
 * window (each seeing only data up to that moment, as the replay cursor does) and says when it
 * first named the eventual root cause — the top of the wired ranking, or a service typed here —
 * and from when it kept naming it; with the anomalies and forecast cells wired, when the first
 * anomaly started and when the forecaster first alerted. So a postmortem can say "we could have
 * known at 04:16". At a replay cursor it replays only up to the cursor.
 */
import { z } from 'zod';
import { sliceSeries } from '$workers/shared/select';
import type { AnomaliesOutput, ForecastOutput, RootCauseOutput, TableOutput } from '../outputs';
import { dataInput } from './chart';
import type { CellKind, RunContext } from './kind';

const schema = z.object({
	/** The eventual root cause (service); empty = the wired ranking's first. */
	rootCause: z.string().default(''),
	/** Minutes between replayed moments; 0 = about 60 moments over the incident window. */
	stepMinutes: z.number().min(0).default(0)
});

export type KnownWhenParams = z.infer<typeof schema>;

interface Row {
	moment: string;
	at: number;
	detail: string;
	/** Which source the moment comes from (its colour on the strip). */
	kind: 'ranking' | 'anomaly' | 'forecast' | 'onset';
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ') + 'Z';

export const knownWhenKind: CellKind<KnownWhenParams> = {
	kind: 'known-when',
	label: 'What did we know when',
	description:
		'Replays the ranking moment by moment: when it first named the root cause, when the first anomaly started, when the forecaster alerted.',
	schema,
	inputs: [
		{ slot: 'data', accepts: ['data'], required: true, label: 'Data' },
		{ slot: 'ranking', accepts: ['root-cause'], required: true, label: 'Root-cause ranking' },
		{ slot: 'anomalies', accepts: ['anomalies'], required: false, label: 'Anomalies' },
		{ slot: 'forecast', accepts: ['forecast'], required: false, label: 'Forecast' }
	],
	fields: [
		{
			key: 'rootCause',
			label: 'Root cause (service)',
			type: 'text',
			help: 'empty: the ranking’s first'
		},
		{ key: 'stepMinutes', label: 'Step (min)', type: 'number', help: '0: about 60 moments' }
	],
	hasSource: false,
	readsIncident: true,
	time: 'cursor',
	output: 'table',
	async run(ctx) {
		const ranking = ctx.inputs.ranking as RootCauseOutput;
		const truth = ctx.params.rootCause.trim() || ranking.candidates[0]?.service;
		if (!truth) throw new Error('The ranking names no service; type the root cause here.');
		const onset = ranking.windows.onset;
		const rows: Row[] = [
			...(await rankingMoments(ctx, ranking, truth)),
			...anomalyMoments(ctx.inputs.anomalies as AnomaliesOutput | undefined),
			...forecastMoments(ctx.inputs.forecast as ForecastOutput | undefined)
		].sort((a, b) => a.at - b.at);
		if (onset !== undefined)
			rows.push({ moment: 'declared onset', at: onset, detail: '', kind: 'onset' });
		rows.sort((a, b) => a.at - b.at);
		const table: TableOutput = {
			type: 'table',
			title: `What did we know when (root cause: ${truth})`,
			length: rows.length,
			columns: [
				{ name: 'moment', type: 'string' },
				{ name: 'at', type: 'string' },
				{ name: 'minutes vs onset', type: 'number' },
				{ name: 'detail', type: 'string' }
			],
			data: {
				moment: rows.map((r) => r.moment),
				at: rows.map((r) => iso(r.at)),
				'minutes vs onset': Float64Array.from(rows, (r) =>
					onset === undefined ? NaN : Math.round((r.at - onset) / 6_000) / 10
				),
				detail: rows.map((r) => r.detail)
			},
			strip: {
				// The incident window (up to the cursor), widened to every moment.
				range: {
					start: Math.min(ranking.windows.incident.start, ...rows.map((r) => r.at)),
					end: Math.max(
						Math.min(ranking.windows.incident.end, ctx.asOf ?? Infinity),
						...rows.map((r) => r.at)
					)
				},
				moments: rows.map((r) => ({ t: r.at, label: r.moment, kind: r.kind }))
			}
		};
		return table;
	}
};

/** The ranking at successive moments: when it first named `truth`, and from when it kept it. */
async function rankingMoments(
	ctx: RunContext<KnownWhenParams>,
	ranking: RootCauseOutput,
	truth: string
): Promise<Row[]> {
	const data = dataInput(ctx.inputs);
	const { baseline, incident } = ranking.windows;
	const end = Math.min(incident.end, ctx.asOf ?? Infinity);
	const span = end - incident.start;
	const step =
		ctx.params.stepMinutes > 0
			? ctx.params.stepMinutes * 60_000
			: Math.max(60_000, Math.ceil(span / 60 / 60_000) * 60_000);
	const info = await ctx.compute.data.incident(ctx.incidentId);
	const moments: number[] = [];
	for (let t = incident.start + step; t < end; t += step) moments.push(t);
	moments.push(end);
	const tops: { t: number; top?: string }[] = [];
	for (const [k, t] of moments.entries()) {
		await ctx.signal.checkpoint();
		ctx.onProgress?.(k / moments.length, `ranking as of ${iso(t)}`);
		const { windows, extras } = await ctx.compute.data.rcaEvidence(
			ctx.incidentId,
			{
				overrides: {
					baseline: `${baseline.start}..${baseline.end}`,
					incident: `${incident.start}..${incident.end}`
				},
				use: { logs: true, traces: true },
				asOf: t
			},
			ctx.jobId
		);
		const series = data.series.map((s) => sliceSeries(s, { start: -Infinity, end: t }));
		const result = await ctx.compute.causal.rank(
			{
				series: [...series, ...extras.series],
				windows,
				topology: info.topology?.length ? info.topology : extras.edges,
				evidence: extras.evidence,
				symptom: ranking.symptom?.auto ? undefined : ranking.symptom?.key,
				method: ranking.method
			},
			ctx.jobId
		);
		tops.push({ t, top: result.candidates[0]?.service });
	}
	const rows: Row[] = [];
	const first = tops.find((x) => x.top === truth);
	const lastMiss = tops.findLastIndex((x) => x.top !== truth);
	const kept = tops[lastMiss + 1];
	const kind = 'ranking' as const;
	if (first) rows.push({ moment: 'ranking first named it', at: first.t, detail: truth, kind });
	if (kept && kept !== first)
		rows.push({ moment: 'ranking named it from then on', at: kept.t, detail: truth, kind });
	if (!first)
		rows.push({
			moment: 'ranking never named it',
			at: end,
			detail: `replayed ${tops.length} moments every ${step / 60_000} min`,
			kind
		});
	const before = first ? tops.slice(0, tops.indexOf(first)).map((x) => x.top) : [];
	const named = [...new Set(before.filter((s): s is string => !!s))];
	if (named.length && first)
		rows[0].detail = `${truth} (before that: ${named.slice(0, 3).join(', ')})`;
	return rows;
}

function anomalyMoments(out: AnomaliesOutput | undefined): Row[] {
	const first = out?.anomalies.reduce<AnomaliesOutput['anomalies'][number] | undefined>(
		(a, b) => (!a || b.start < a.start ? b : a),
		undefined
	);
	return first
		? [{ moment: 'first anomaly started', at: first.start, detail: first.key, kind: 'anomaly' }]
		: [];
}

function forecastMoments(out: ForecastOutput | undefined): Row[] {
	const alert = out?.firstAlert;
	return alert
		? [{ moment: 'forecaster first alerted', at: alert.at, detail: alert.key, kind: 'forecast' }]
		: [];
}
