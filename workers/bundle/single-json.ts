/**
 * The single-JSON bundle: one document holding everything the folder layout holds. It is not
 * rewritten into virtual files; instead each section goes through the same normalisers as the
 * folder files, so issues can point at real JSON paths ("metrics[2].points[17][1]") and lines.
 */
import { z } from 'zod';
import type { ParseContext } from './context';
import { RangeTally, ServiceTally } from './context';
import { addEventRecord, eventSink } from './events';
import { readAnnotations, readGroundTruth, readTopology } from './extras';
import type { JsonDoc } from './issues';
import { validateJson, warnUnknownKeys } from './json-doc';
import { addLogRecord, type LogRecordSink } from './logs-json';
import { readManifest } from './manifest';
import { readManifestlessJson } from './sources/single';
import { readSpanArray } from './spans-json';
import type { Collected } from './collected';
import { TIMESTAMP_EXPECTED, parseTimestamp } from './time';
import { VALUE_EXPECTED, parseJsonValue } from './values';

/** Top-level keys of a single-JSON bundle. */
export const SINGLE_JSON_KEYS = [
	'manifest',
	'metrics',
	'logs',
	'events',
	'traces',
	'topology',
	'groundTruth',
	'annotations'
];

const nonEmpty = (what: string) => z.string({ error: what }).min(1, { error: what });
const metricSchema = z.object(
	{
		service: nonEmpty('a service name'),
		metric: nonEmpty('a metric name'),
		unit: z.string({ error: 'a unit string' }).optional(),
		points: z.array(z.unknown(), { error: 'an array of [timestamp, value] pairs' })
	},
	{ error: 'a series object {"service", "metric", "points"}' }
);
const METRIC_KEYS = Object.keys(metricSchema.shape);
const topSchema = z.object(
	{
		manifest: z.unknown(),
		metrics: z.array(z.unknown(), { error: 'an array of series' }).optional(),
		logs: z.array(z.unknown(), { error: 'an array of log records' }).optional(),
		events: z.array(z.unknown(), { error: 'an array of events' }).optional(),
		traces: z.array(z.unknown(), { error: 'an array of spans' }).optional()
	},
	{ error: 'a JSON object with "manifest", "metrics", "logs", ... keys' }
);

const TICK = 2048;

export async function readSingleJson(
	ctx: ParseContext,
	doc: JsonDoc,
	value: unknown,
	into: Collected
): Promise<void> {
	// A Prometheus/Loki/OTLP/… export dropped on its own: read it with a proposed manifest.
	if (await readManifestlessJson(ctx, doc, value, into)) return;
	const top = validateJson(topSchema, value, doc, [], ctx.issues);
	if (!top) return;
	warnUnknownKeys(value, SINGLE_JSON_KEYS, doc, [], ctx.issues);
	const root = value as Record<string, unknown>;
	if (root.manifest === undefined) {
		ctx.issues.error({
			file: doc.file,
			json: { doc, path: ['manifest'] },
			expected: 'a "manifest" object',
			got: undefined
		});
	} else {
		into.manifest = readManifest(ctx, doc, root.manifest, ['manifest']);
	}
	await readMetrics(ctx, doc, top.metrics ?? [], into);
	const logs = top.logs ?? [];
	const logSink: LogRecordSink = {
		ctx,
		logs: into.logs,
		range: new RangeTally(ctx, doc.file, { doc, path: ['logs'] }),
		services: new ServiceTally(ctx, doc.file, 'service', { doc, path: ['logs'] })
	};
	for (let i = 0; i < logs.length; i++) {
		addLogRecord(logSink, logs[i], { file: doc.file, json: { doc, path: ['logs', i] } });
		if ((i + 1) % TICK === 0) await ctx.tick(TICK, 0.5);
	}
	await ctx.tick(logs.length % TICK, 0.7);
	logSink.range.flush('log lines');
	logSink.services.flush('log lines');
	const events = top.events ?? [];
	const evSink = eventSink(ctx, into.events, doc.file, { doc, path: ['events'] });
	events.forEach((e, i) =>
		addEventRecord(evSink, e, { file: doc.file, json: { doc, path: ['events', i] } })
	);
	await ctx.tick(events.length, 0.9);
	evSink.range.flush('events');
	evSink.services.flush('events');
	await readSpanArray(ctx, doc, top.traces ?? [], into.traces);
	if (root.topology !== undefined) {
		into.topology = readTopology(ctx, { doc, base: ['topology'] }, root.topology);
	}
	if (root.groundTruth !== undefined) {
		const at = { doc, base: ['groundTruth'] };
		into.groundTruth = { value: readGroundTruth(ctx, at, root.groundTruth), at };
	}
	if (root.annotations !== undefined) {
		const at = { doc, base: ['annotations'] };
		into.annotations = { value: readAnnotations(ctx, at, root.annotations), at };
	}
}

async function readMetrics(
	ctx: ParseContext,
	doc: JsonDoc,
	metrics: unknown[],
	into: Collected
): Promise<void> {
	const file = doc.file;
	const services = new ServiceTally(ctx, file, 'service', { doc, path: ['metrics'] });
	for (let i = 0; i < metrics.length; i++) {
		const m = validateJson(metricSchema, metrics[i], doc, ['metrics', i], ctx.issues);
		if (!m) continue;
		warnUnknownKeys(metrics[i], METRIC_KEYS, doc, ['metrics', i], ctx.issues);
		const at = { file, json: { doc, path: ['metrics', i] } };
		const acc = into.store.claim(m.service, m.metric, file, at);
		if (!acc) continue;
		if (m.unit !== undefined && m.unit !== '') acc.unit = m.unit;
		services.check(m.service, i);
		const range = new RangeTally(ctx, file, { doc, path: ['metrics', i, 'points'] });
		const pts = m.points;
		for (let j = 0; j < pts.length; j++) {
			const p = pts[j];
			const path = ['metrics', i, 'points', j];
			if (!Array.isArray(p) || p.length !== 2) {
				const expected = 'a [timestamp, value] pair';
				ctx.issues.error({ file, json: { doc, path }, expected, got: p });
				continue;
			}
			const t = parseTimestamp(p[0], ctx.tz);
			const v = parseJsonValue(p[1]);
			if (t === undefined) {
				const json = { doc, path: [...path, 0] };
				ctx.issues.error({ file, json, expected: TIMESTAMP_EXPECTED, got: p[0] });
			}
			if (v === undefined) {
				ctx.issues.error({
					file,
					json: { doc, path: [...path, 1] },
					expected: VALUE_EXPECTED,
					got: p[1]
				});
			}
			if (t === undefined || v === undefined) continue;
			range.check(t, j);
			acc.t.push(t);
			acc.v.push(v);
			if ((j + 1) % TICK === 0) await ctx.tick(TICK, 0.3);
		}
		await ctx.tick(pts.length % TICK, 0.3);
		range.flush('points');
	}
	services.flush('series');
}
