/**
 * The one entry point for exports that are not in our own bundle formats: folder.ts hands over
 * files of the layout folders, and the single-file path (single.ts) files dropped on their own.
 * The content decides the reader (detect.ts); the file name only gives the fallback service.
 */
import type { Collected } from '../collected';
import type { ParseContext } from '../context';
import { parseJsonDocument } from '../json-doc';
import type { FileRole } from '../layout';
import { readOtlpTraces } from '../traces-otlp';
import { readJaegerTraces } from '../traces-jaeger';
import { apiResponses } from './api-responses';
import { readCloudWatch } from './cloudwatch';
import { fileStem, type DocPath } from './common';
import { readDatadogQuery } from './datadog';
import {
	SOURCE_EXPECTED,
	detectJson,
	detectJsonLines,
	detectText,
	looksLikeJson,
	type JsonSourceKind
} from './detect';
import { readEsLines, readEsSearch } from './elasticsearch';
import { readGrafanaCsv } from './grafana-csv';
import { readJournald } from './journald';
import { readK8sEventLines, readK8sEvents } from './k8s-events';
import { readLokiResponse } from './loki';
import { readExposition } from './openmetrics';
import { readOtlpLogs } from './otlp-logs';
import { readOtlpMetrics } from './otlp-metrics';
import { readPromResponse } from './prometheus';

/**
 * Hook of folder.ts: reads `metrics/`, `logs/`, `events/` files that are exports of other tools.
 * Returns false when the file is in one of our own formats (the built-in reader takes it).
 */
export async function readDetectedFile(
	ctx: ParseContext,
	file: string,
	text: string,
	role: FileRole,
	into: Collected
): Promise<boolean> {
	if (!isForeignExport(text, role)) return false;
	const fallback = fileStem(file);
	if (role === 'metrics-csv') await readGrafanaCsv(ctx, file, text, into, fallback);
	else if (role === 'logs-jsonl' || role === 'events-jsonl') {
		await readLinesSource(ctx, file, text, into, fallback);
	} else await readSourceText(ctx, file, text, into, fallback);
	return true;
}

/**
 * True when a file of this role is another tool's export, which readDetectedFile reads. Only the
 * first lines are looked at, so the start of a file read in pieces is enough.
 */
export function isForeignExport(head: string, role: FileRole): boolean {
	if (role === 'metrics-csv') return detectText(head) === 'grafana-csv';
	if (role === 'logs-jsonl' || role === 'events-jsonl') return detectJsonLines(head) !== undefined;
	return role === 'source';
}

/** Reads any supported export by content; reports an error when it is none of them. */
export async function readSourceText(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected,
	fallback: string
): Promise<JsonSourceKind | string | undefined> {
	if (looksLikeJson(text) && detectJsonLines(text) === undefined) {
		const parsed = parseJsonDocument(file, text, ctx.issues);
		if (!parsed.ok) return undefined;
		const at = { doc: parsed.doc, path: [] };
		return readSourceJson(ctx, at, parsed.value, into, fallback);
	}
	if (await readLinesSource(ctx, file, text, into, fallback)) return detectJsonLines(text);
	const kind = detectText(text);
	if (kind === 'grafana-csv') await readGrafanaCsv(ctx, file, text, into, fallback);
	else if (kind === 'openmetrics') await readExposition(ctx, file, text, into, fallback);
	else ctx.issues.error({ file, line: 1, expected: SOURCE_EXPECTED, got: text.slice(0, 80) });
	return kind;
}

async function readLinesSource(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected,
	fallback: string
): Promise<boolean> {
	const kind = detectJsonLines(text);
	if (kind === 'journald') await readJournald(ctx, file, text, into);
	else if (kind === 'elasticsearch') await readEsLines(ctx, file, text, into, fallback);
	else if (kind === 'k8s-events') await readK8sEventLines(ctx, file, text, into);
	return kind !== undefined;
}

/** Reads a parsed JSON export; returns its kind (undefined after reporting an error). */
export async function readSourceJson(
	ctx: ParseContext,
	at: DocPath,
	value: unknown,
	into: Collected,
	fallback: string
): Promise<JsonSourceKind | undefined> {
	const kind = detectJson(value);
	const file = at.doc.file;
	const doc = at.doc;
	const root = value as Record<string, unknown>;
	switch (kind) {
		case 'prometheus':
		case 'loki':
			for (const r of apiResponses(value) ?? []) {
				const rat = { doc, path: r.path };
				const data = r.response.data as Record<string, unknown> | undefined;
				if (data?.resultType === 'streams') await readLokiResponse(ctx, rat, r, into, fallback);
				else await readPromResponse(ctx, rat, r, into, fallback);
			}
			break;
		case 'otlp-logs':
			await readOtlpLogs(ctx, at, root.resourceLogs as unknown[], into, fallback);
			break;
		case 'otlp-metrics':
			await readOtlpMetrics(ctx, at, root.resourceMetrics as unknown[], into, fallback);
			break;
		case 'otlp-traces':
			await readOtlpTraces(ctx, doc, root.resourceSpans as unknown[], into.traces, fallback);
			break;
		case 'jaeger':
			await readJaegerTraces(ctx, doc, root.data as unknown[], into.traces);
			break;
		case 'elasticsearch':
			await readEsSearch(ctx, at, value, into, fallback);
			break;
		case 'k8s-events':
			readK8sEvents(ctx, at, root.items as unknown[], into);
			break;
		case 'cloudwatch':
			await readCloudWatch(ctx, at, root, into, fallback);
			break;
		case 'datadog':
			await readDatadogQuery(ctx, at, root, into, fallback);
			break;
		case 'bundle':
		case undefined:
			ctx.issues.error({ file, json: at, expected: SOURCE_EXPECTED, got: value });
			return undefined;
	}
	return kind;
}
