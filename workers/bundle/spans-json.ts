/**
 * Span records in our own flat shape: traces/*.jsonl lines and the `traces` array of a single-JSON
 * bundle share this one normaliser (as logs do), so both accept exactly the same fields and
 * aliases. Unlike log records, unknown fields are dropped silently: span exports carry many
 * attributes and the SpanTable has no column for them.
 */
import type { FileText } from './text';
import { RangeTally, ServiceTally, iso, type ParseContext } from './context';
import type { Issues, JsonDoc } from './issues';
import { atRecord, type RecordAt } from './issues';
import { forEachJsonLine } from './jsonl';
import {
	KIND_EXPECTED,
	STATUS_ERROR,
	STATUS_EXPECTED,
	spanKindOf,
	spanStatusOf
} from './span-codes';
import { FieldCheck, SPAN_ID_EXPECTED, TRACE_ID_EXPECTED, firstKey, recordPos } from './span-check';
import { MAX_SPAN_SERVICES, type SpanBuilder } from './span-table';
import { TIMESTAMP_EXPECTED, parseFineTimestamp, type TimeZone } from './time';

/** The checks of one flat record, which keeps the record at hand for alias lookups. */
class RecordCheck extends FieldCheck {
	constructor(
		issues: Issues,
		at: RecordAt,
		readonly rec: Record<string, unknown>
	) {
		super(issues, at);
	}
}

/** Accepted names of each field, in priority order (the first is the documented one). */
export const SPAN_FIELD_KEYS = {
	traceId: ['traceId', 'trace_id', 'traceID'],
	spanId: ['spanId', 'span_id', 'spanID'],
	parentId: ['parentId', 'parentSpanId', 'parent_id', 'parentSpanID'],
	service: ['service', 'serviceName', 'service.name'],
	operation: ['operation', 'name', 'operationName'],
	start: ['start', 'ts', 'timestamp', 'startTime'],
	durationMs: ['durationMs', 'duration_ms'],
	end: ['end', 'endTime']
} as const;

const DURATION_EXPECTED = 'a duration in milliseconds (a number ≥ 0)';
const PARENT_EXPECTED = 'a parent span id string (or null, "" or "root" for a root span)';

/** Per-file state of the span normaliser. */
export interface SpanSink {
	ctx: ParseContext;
	spans: SpanBuilder;
	/** Service for records without one (the file's base name when it is a manifest service). */
	defaultService?: string;
	range: RangeTally;
	services: ServiceTally;
}

function parentOf(c: RecordCheck): string | undefined {
	const k = firstKey(c.rec, SPAN_FIELD_KEYS.parentId);
	const v = k === undefined ? undefined : c.rec[k];
	if (v === undefined || v === null || v === '' || v === 'root') return '';
	return typeof v === 'string' ? v : c.bad(k!, PARENT_EXPECTED, v);
}

function serviceOf(c: RecordCheck, fallback: string | undefined): string | undefined {
	const k = firstKey(c.rec, SPAN_FIELD_KEYS.service);
	const v = k === undefined ? undefined : c.rec[k];
	if (typeof v === 'string' && v !== '') return v;
	if (v === undefined && fallback !== undefined) return fallback;
	return c.bad(k ?? 'service', 'a service name (or a file named after a manifest service)', v);
}

/** `durationMs` when present, else `end` − start. */
function durationOf(c: RecordCheck, start: number | undefined, tz: TimeZone): number | undefined {
	const dk = firstKey(c.rec, SPAN_FIELD_KEYS.durationMs);
	if (dk !== undefined) return c.nonNegative(c.rec[dk], dk, DURATION_EXPECTED);
	const ek = firstKey(c.rec, SPAN_FIELD_KEYS.end);
	if (ek === undefined) {
		return c.bad('durationMs', 'a "durationMs" number or an "end" timestamp', undefined);
	}
	const raw = c.rec[ek];
	const end = parseFineTimestamp(raw, tz);
	if (end === undefined) return c.bad(ek, TIMESTAMP_EXPECTED, raw);
	if (start === undefined) return undefined;
	return end >= start ? end - start : c.bad(ek, `a time at or after start (${iso(start)})`, raw);
}

/** Validates one record and appends it to the span table; reports every bad field. */
export function addSpanRecord(sink: SpanSink, value: unknown, at: RecordAt): void {
	const { issues } = sink.ctx;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		issues.error({ ...atRecord(at), expected: 'a JSON object (one span)', got: value });
		return;
	}
	const c = new RecordCheck(issues, at, value as Record<string, unknown>);
	const traceId = c.textOf(c.rec, SPAN_FIELD_KEYS.traceId, TRACE_ID_EXPECTED);
	const spanId = c.textOf(c.rec, SPAN_FIELD_KEYS.spanId, SPAN_ID_EXPECTED);
	const parentId = parentOf(c);
	const service = serviceOf(c, sink.defaultService);
	const operation = c.textOf(c.rec, SPAN_FIELD_KEYS.operation, 'a non-empty operation name');
	const startKey = firstKey(c.rec, SPAN_FIELD_KEYS.start);
	const rawStart = startKey === undefined ? undefined : c.rec[startKey];
	const start = parseFineTimestamp(rawStart, sink.ctx.tz);
	if (start === undefined) c.bad(startKey ?? 'start', TIMESTAMP_EXPECTED, rawStart);
	const duration = durationOf(c, start, sink.ctx.tz);
	let status = spanStatusOf(c.rec.status);
	if (status < 0) c.bad('status', STATUS_EXPECTED, c.rec.status);
	if (c.rec.error === true) status = STATUS_ERROR;
	const kind = spanKindOf(c.rec.kind);
	if (kind < 0) c.bad('kind', KIND_EXPECTED, c.rec.kind);
	if (c.ok && !sink.spans.canAddService(service!)) {
		c.bad('service', `at most ${MAX_SPAN_SERVICES} distinct services across all spans`, service);
	}
	if (!c.ok) return;
	const pos = recordPos(at);
	sink.range.check(start!, pos);
	sink.services.check(service!, pos);
	sink.spans.add({
		traceId: traceId!,
		spanId: spanId!,
		parentId: parentId!,
		service: service!,
		operation: operation!,
		start: start!,
		duration: duration!,
		status,
		kind
	});
}

/** Reads traces/*.jsonl. */
export async function readSpansJsonl(
	ctx: ParseContext,
	file: string,
	text: FileText,
	spans: SpanBuilder,
	defaultService: string | undefined
): Promise<void> {
	const sink: SpanSink = {
		ctx,
		spans,
		defaultService,
		range: new RangeTally(ctx, file),
		services: new ServiceTally(ctx, file, 'service')
	};
	const n = await forEachJsonLine(ctx, file, text, (value, line) =>
		addSpanRecord(sink, value, { file, line })
	);
	if (n === 0) ctx.issues.warn({ file, text: 'has no spans; skipped' });
	sink.range.flush('spans');
	sink.services.flush('spans');
}

/** The `traces` array of a single-JSON bundle (no file-name fallback for `service`). */
export async function readSpanArray(
	ctx: ParseContext,
	doc: JsonDoc,
	items: unknown[],
	spans: SpanBuilder
): Promise<void> {
	const json = { doc, path: ['traces'] };
	const sink: SpanSink = {
		ctx,
		spans,
		range: new RangeTally(ctx, doc.file, json),
		services: new ServiceTally(ctx, doc.file, 'service', json)
	};
	for (let i = 0; i < items.length; i++) {
		addSpanRecord(sink, items[i], { file: doc.file, json: { doc, path: ['traces', i] } });
		if ((i + 1) % 2048 === 0) await ctx.tick(2048, 0.8);
	}
	await ctx.tick(items.length % 2048, 0.8);
	sink.range.flush('spans');
	sink.services.flush('spans');
}
