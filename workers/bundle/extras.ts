/**
 * The small JSON documents: topology.json, ground_truth.json, annotations.json (or the matching
 * keys of a single-JSON bundle). Shapes are checked with zod; cross-references (services, series)
 * only produce warnings because they do not make the bundle unusable.
 */
import { z } from 'zod';
import type { ParseContext } from './context';
import type { JsonDoc } from './issues';
import type { JsonPath } from './json-locate';
import { validateJson, warnUnknownKeys } from './json-doc';
import { TIMESTAMP_EXPECTED, parseTimestamp } from './time';
import type { Annotation, GroundTruth, Series, TopologyEdge } from './types';

const name = (what: string) => z.string({ error: what }).min(1, { error: what });
const timestamp = z.union([z.string(), z.number()], { error: TIMESTAMP_EXPECTED });

const topologySchema = z.object(
	{
		edges: z.array(
			z.object(
				{ from: name('a service name (the caller)'), to: name('a service name (the callee)') },
				{ error: 'an edge object {"from", "to"}' }
			),
			{ error: 'an array of edges' }
		)
	},
	{ error: 'an object {"edges": [...]}' }
);

const groundTruthSchema = z.object(
	{
		service: name('a service name').optional(),
		metric: name('a series key or metric name').optional(),
		ts: timestamp.optional(),
		fault: name('a fault type, e.g. "cpu_contention"').optional(),
		description: z.string({ error: 'a string' }).optional()
	},
	{ error: 'an object with service, metric, ts, fault and/or description' }
);

const annotationSchema = z.object(
	{
		id: name('a non-empty id'),
		ts: timestamp,
		end: timestamp.optional(),
		text: z.string({ error: 'a string' }),
		author: z.string({ error: 'a string' }).optional(),
		series: name('a series key').optional()
	},
	{ error: 'an annotation object {"id", "ts", "text", ...}' }
);
const annotationsSchema = z.array(annotationSchema, { error: 'an array of annotations' });

/** Where a document (or a key of a single-JSON bundle) lives. */
export interface DocAt {
	doc: JsonDoc;
	base: JsonPath;
}

export function readTopology(ctx: ParseContext, at: DocAt, value: unknown): TopologyEdge[] {
	const { doc, base } = at;
	const raw = validateJson(topologySchema, value, doc, base, ctx.issues);
	warnUnknownKeys(value, ['edges'], doc, base, ctx.issues);
	if (!raw) return [];
	const seen = new Set<string>();
	const edges: TopologyEdge[] = [];
	raw.edges.forEach((e, i) => {
		const path = [...base, 'edges', i];
		const key = `${e.from}\u0000${e.to}`;
		if (seen.has(key)) {
			ctx.issues.warn({ file: doc.file, json: { doc, path }, text: 'duplicate edge ignored' });
			return;
		}
		seen.add(key);
		for (const end of ['from', 'to'] as const) {
			if (ctx.isKnownService(e[end])) continue;
			ctx.issues.warn({
				file: doc.file,
				json: { doc, path: [...path, end] },
				got: e[end],
				text: `service "${e[end]}" is not listed in manifest.services; kept`
			});
		}
		edges.push({ from: e.from, to: e.to });
	});
	return edges;
}

export function readGroundTruth(
	ctx: ParseContext,
	at: DocAt,
	value: unknown
): GroundTruth | undefined {
	const { doc, base } = at;
	const raw = validateJson(groundTruthSchema, value, doc, base, ctx.issues);
	warnUnknownKeys(value, Object.keys(groundTruthSchema.shape), doc, base, ctx.issues);
	if (!raw) return undefined;
	const gt: GroundTruth = {};
	if (raw.service !== undefined) gt.service = raw.service;
	if (raw.metric !== undefined) gt.metric = raw.metric;
	if (raw.description !== undefined) gt.description = raw.description;
	if (raw.fault !== undefined) gt.fault = raw.fault;
	if (raw.ts !== undefined) {
		const t = parseTimestamp(raw.ts, ctx.tz);
		if (t === undefined) {
			const json = { doc, path: [...base, 'ts'] };
			ctx.issues.error({ file: doc.file, json, expected: TIMESTAMP_EXPECTED, got: raw.ts });
			return undefined;
		}
		gt.t = t;
	}
	if (gt.service !== undefined && !ctx.isKnownService(gt.service)) {
		ctx.issues.warn({
			file: doc.file,
			json: { doc, path: [...base, 'service'] },
			got: gt.service,
			text: `service "${gt.service}" is not listed in manifest.services`
		});
	}
	return gt;
}

export function readAnnotations(ctx: ParseContext, at: DocAt, value: unknown): Annotation[] {
	const { doc, base } = at;
	const raw = validateJson(annotationsSchema, value, doc, base, ctx.issues);
	if (!raw) return [];
	const known = Object.keys(annotationSchema.shape);
	(value as unknown[]).forEach((a, i) => warnUnknownKeys(a, known, doc, [...base, i], ctx.issues));
	const out: Annotation[] = [];
	const ids = new Set<string>();
	raw.forEach((a, i) => {
		const json = (key: string) => ({ doc, path: [...base, i, key] });
		const err = (key: string, expected: string, got: unknown) =>
			ctx.issues.error({ file: doc.file, json: json(key), expected, got });
		if (ids.has(a.id)) return err('id', 'a unique annotation id', a.id);
		ids.add(a.id);
		const t = parseTimestamp(a.ts, ctx.tz);
		if (t === undefined) return err('ts', TIMESTAMP_EXPECTED, a.ts);
		const ann: Annotation = { id: a.id, t, text: a.text };
		if (a.end !== undefined) {
			const end = parseTimestamp(a.end, ctx.tz);
			if (end === undefined) return err('end', TIMESTAMP_EXPECTED, a.end);
			if (end < t) return err('end', 'a time at or after ts', a.end);
			ann.end = end;
		}
		if (a.author !== undefined) ann.author = a.author;
		if (a.series !== undefined) ann.series = a.series;
		out.push(ann);
	});
	return out;
}

/** Warnings for references to series that the bundle does not contain. */
export function checkSeriesRefs(
	ctx: ParseContext,
	series: Series[],
	gt: { value?: GroundTruth; at?: DocAt },
	ann: { value: Annotation[]; at?: DocAt }
): void {
	const keys = new Set(series.map((s) => s.key));
	const metrics = new Set(series.map((s) => s.metric));
	const m = gt.value?.metric;
	if (m !== undefined && gt.at && !keys.has(m) && !metrics.has(m)) {
		const { doc, base } = gt.at;
		ctx.issues.warn({
			file: doc.file,
			json: { doc, path: [...base, 'metric'] },
			got: m,
			text: `metric "${m}" matches no series key or metric name in the bundle`
		});
	}
	if (!ann.at) return;
	const { doc, base } = ann.at;
	ann.value.forEach((a, i) => {
		if (a.series === undefined || keys.has(a.series)) return;
		ctx.issues.warn({
			file: doc.file,
			json: { doc, path: [...base, i, 'series'] },
			got: a.series,
			text: `series "${a.series}" does not exist in the bundle`
		});
	});
}
