/**
 * Loki `query_range` / `query` responses with resultType "streams": each stream has labels and
 * [nanosecond time, line] values, optionally with a third element of structured metadata (Loki 3;
 * with the categorize-labels encoding it is {structuredMetadata, parsed}). Labels give the service
 * and the level; every other label and the metadata are kept in the log row's `extra`.
 */
import type { Collected } from '../collected';
import { RangeTally, ServiceTally, type ParseContext } from '../context';
import { DEFAULT_LEVEL, levelFromWord } from '../log-table';
import { parseUnixNano, nanosToMs, UNIX_NANO_EXPECTED } from '../otlp';
import type { ApiResponse } from './api-responses';
import { isObject, stringLabels, sub, type DocPath } from './common';

/** Stream labels naming the service, in priority order (Loki 3 adds service_name itself). */
export const LOKI_SERVICE_LABELS = ['service_name', 'service', 'app', 'job', 'container', 'pod'];
/** Labels (or metadata keys) holding the level. */
export const LOKI_LEVEL_LABELS = ['level', 'detected_level', 'severity', 'lvl'];

/** A level word inside a logfmt/JSON line (`level=error`, `"level":"warn"`), or -1. */
export function levelInLine(line: string): number {
	const m = /\b(?:level|lvl|severity)"?\s*[=:]\s*"?([A-Za-z]+)/.exec(line.slice(0, 400));
	return m ? levelFromWord(m[1]) : -1;
}

/** Reads one streams response into the log table. */
export async function readLokiResponse(
	ctx: ParseContext,
	at: DocPath,
	r: ApiResponse,
	into: Collected,
	fallback: string
): Promise<void> {
	const file = at.doc.file;
	const result = (r.response.data as Record<string, unknown>).result;
	if (!Array.isArray(result)) {
		const expected = 'an array of streams (data.result of a Loki streams response)';
		ctx.issues.error({ file, json: sub(at, 'data', 'result'), expected, got: result });
		return;
	}
	const json = { doc: at.doc, path: [...at.path, 'data', 'result'] };
	const range = new RangeTally(ctx, file, json);
	const services = new ServiceTally(ctx, file, 'stream', json);
	const serviceLabels = r.rule.service ? [] : [...LOKI_SERVICE_LABELS];
	for (let i = 0; i < result.length; i++) {
		const sat = sub(at, 'data', 'result', i);
		const s = result[i];
		if (!isObject(s) || !isObject(s.stream) || !Array.isArray(s.values)) {
			const text =
				'this looks like a Loki streams response, but this item is not {"stream": {labels}, "values": [[ns, line], …]}';
			ctx.issues.error({ file, json: sat, text });
			continue;
		}
		const labels = stringLabels(s.stream);
		const key = serviceLabels.find((k) => (labels[k] ?? '') !== '');
		const service = key
			? labels[key]
			: r.rule.service
				? fillService(r.rule.service, labels)
				: fallback;
		services.check(service, i);
		const stream = { labels, serviceKey: key, service };
		for (let j = 0; j < s.values.length; j++) {
			const t = addLine(ctx, sub(sat, 'values', j), s.values[j], stream, into);
			if (t !== undefined) range.check(t, i);
			if ((j + 1) % 4096 === 0) await ctx.tick(4096, 0.5);
		}
		await ctx.tick(s.values.length % 4096, 0.5);
	}
	range.flush('log lines');
	services.flush('streams');
}

function fillService(template: string, labels: Record<string, string>): string {
	return template.replace(/\{([^{}]+)\}/g, (_, k: string) => labels[k] ?? '') || 'loki';
}

interface Stream {
	labels: Record<string, string>;
	serviceKey?: string;
	service: string;
}

/** Appends one [ns, line, metadata?] entry; returns its time, or undefined when it is bad. */
function addLine(
	ctx: ParseContext,
	at: DocPath,
	v: unknown,
	stream: Stream,
	into: Collected
): number | undefined {
	const file = at.doc.file;
	if (!Array.isArray(v) || v.length < 2 || v.length > 3 || typeof v[1] !== 'string') {
		const text = 'this looks like a Loki streams response, but it is not [nanosecond time, "line"]';
		ctx.issues.error({ file, json: at, got: v, text });
		return undefined;
	}
	const ns = parseUnixNano(v[0]);
	if (ns === undefined) {
		ctx.issues.error({ file, json: sub(at, 0), expected: UNIX_NANO_EXPECTED, got: v[0] });
		return undefined;
	}
	const meta = metadataOf(v[2]);
	const extra: Record<string, string> = {};
	for (const k in stream.labels) if (k !== stream.serviceKey) extra[k] = stream.labels[k];
	Object.assign(extra, meta);
	const levelKey = LOKI_LEVEL_LABELS.find((k) => extra[k] !== undefined);
	let level = levelKey ? levelFromWord(extra[levelKey]) : levelInLine(v[1]);
	if (level < 0) level = DEFAULT_LEVEL;
	if (levelKey) delete extra[levelKey];
	const t = Math.floor(nanosToMs(ns));
	const extraText = Object.keys(extra).length > 0 ? JSON.stringify(extra) : '';
	into.logs.add(t, level, stream.service, v[1], extraText);
	return t;
}

/** Structured metadata of an entry: a flat label object, or {structuredMetadata, parsed}. */
function metadataOf(v: unknown): Record<string, string> {
	if (!isObject(v)) return {};
	if (isObject(v.structuredMetadata) || isObject(v.parsed)) {
		return { ...stringLabels(v.structuredMetadata), ...stringLabels(v.parsed) };
	}
	return stringLabels(v);
}
