/**
 * Jaeger JSON, as the Jaeger UI's "Download JSON" and its query API (/api/traces) write it:
 * data[] → { spans[], processes{} }. Times are epoch microseconds, the service sits on the span's
 * process, and status and kind are only conventions among the tags, so they are read leniently:
 * a tag we do not understand never refuses a bundle.
 */
import { RangeTally, ServiceTally, type ParseContext } from './context';
import { atRecord, type JsonDoc, type RecordAt } from './issues';
import { STATUS_ERROR, STATUS_UNSET, KIND_UNSPECIFIED, spanKindOf } from './span-codes';
import { FieldCheck, SPAN_ID_EXPECTED, TRACE_ID_EXPECTED, isObject } from './span-check';
import { MAX_SPAN_SERVICES, type SpanBuilder, type SpanRow } from './span-table';
import { SPAN_STATUS } from './types';

const MICROS_EXPECTED = 'epoch microseconds (a number)';
const DURATION_EXPECTED = 'a duration in microseconds (a number ≥ 0)';
const PROCESS_EXPECTED =
	'a processID naming an entry of the trace\'s "processes" with a serviceName';

/** Tags (a [{key, type, value}] list) → key → value. */
function tagMap(tags: unknown): Map<string, unknown> {
	const out = new Map<string, unknown>();
	if (!Array.isArray(tags)) return out;
	for (const t of tags) if (isObject(t) && typeof t.key === 'string') out.set(t.key, t.value);
	return out;
}

/**
 * Status from the tag conventions: OpenTracing's `error=true`, OpenTelemetry's
 * `otel.status_code`, or an HTTP status of 500 or more.
 */
function statusOf(tags: Map<string, unknown>): number {
	const error = tags.get('error');
	if (error === true || error === 'true') return STATUS_ERROR;
	const otel = tags.get('otel.status_code');
	if (typeof otel === 'string' && otel.toUpperCase() === 'ERROR') return STATUS_ERROR;
	for (const key of ['http.status_code', 'http.response.status_code']) {
		const code = Number(tags.get(key));
		if (Number.isFinite(code) && code >= 500) return STATUS_ERROR;
	}
	if (typeof otel === 'string' && otel.toUpperCase() === 'OK') return SPAN_STATUS.indexOf('ok');
	return STATUS_UNSET;
}

/** The parent: the first CHILD_OF reference, else the first FOLLOWS_FROM one ('' for a root). */
function parentOf(span: Record<string, unknown>): string {
	const refs = Array.isArray(span.references) ? span.references : [];
	for (const type of ['CHILD_OF', 'FOLLOWS_FROM']) {
		const ref: unknown = refs.find((r) => isObject(r) && r.refType === type);
		if (isObject(ref) && typeof ref.spanID === 'string') return ref.spanID;
	}
	// Some older exports carry the parent directly.
	return typeof span.parentSpanID === 'string' ? span.parentSpanID : '';
}

/** The span's service: an inline `process`, or processes[processID]. */
function serviceOf(span: Record<string, unknown>, processes: Record<string, unknown>) {
	const proc = isObject(span.process)
		? span.process
		: typeof span.processID === 'string'
			? processes[span.processID]
			: undefined;
	const name = isObject(proc) ? proc.serviceName : undefined;
	return typeof name === 'string' && name !== '' ? name : undefined;
}

/** One Jaeger span → a row, or undefined after reporting every bad field. */
function jaegerSpan(
	c: FieldCheck,
	span: Record<string, unknown>,
	processes: Record<string, unknown>
): SpanRow | undefined {
	const traceId = c.text(span.traceID, 'traceID', TRACE_ID_EXPECTED);
	const spanId = c.text(span.spanID, 'spanID', SPAN_ID_EXPECTED);
	const operation = span.operationName;
	if (typeof operation !== 'string') c.bad('operationName', 'an operation name string', operation);
	const start = span.startTime;
	const isMicros = typeof start === 'number' && Number.isFinite(start);
	if (!isMicros) c.bad('startTime', MICROS_EXPECTED, start);
	const duration = c.nonNegative(span.duration, 'duration', DURATION_EXPECTED);
	const service = serviceOf(span, processes);
	if (service === undefined) c.bad('processID', PROCESS_EXPECTED, span.processID);
	if (!c.ok) return undefined;
	const tags = tagMap(span.tags);
	const kind = spanKindOf(tags.get('span.kind'));
	return {
		traceId: traceId!,
		spanId: spanId!,
		parentId: parentOf(span),
		service: service!,
		operation: operation as string,
		start: (start as number) / 1000,
		duration: duration! / 1000,
		status: statusOf(tags),
		kind: kind < 0 ? KIND_UNSPECIFIED : kind
	};
}

/** Per-document state: where spans go and the per-file tallies. */
interface JaegerSink {
	ctx: ParseContext;
	doc: JsonDoc;
	spans: SpanBuilder;
	range: RangeTally;
	services: ServiceTally;
}

/** The spans of data[index]; returns how many span records it held. */
async function readTrace(sink: JaegerSink, trace: unknown, index: number): Promise<number> {
	const { ctx, doc } = sink;
	const path = ['data', index];
	const list = isObject(trace) ? trace.spans : undefined;
	if (!Array.isArray(list)) {
		const expected = 'a trace object with a "spans" array';
		ctx.issues.error({ file: doc.file, json: { doc, path }, expected, got: trace });
		return 0;
	}
	const processes = isObject(trace) && isObject(trace.processes) ? trace.processes : {};
	for (let k = 0; k < list.length; k++) {
		const at: RecordAt = { file: doc.file, json: { doc, path: [...path, 'spans', k] } };
		const span: unknown = list[k];
		if (!isObject(span)) {
			ctx.issues.error({ ...atRecord(at), expected: 'a Jaeger span object', got: span });
			continue;
		}
		const c = new FieldCheck(ctx.issues, at);
		const row = jaegerSpan(c, span, processes);
		if (!row) continue;
		if (!sink.spans.canAddService(row.service)) {
			const expected = `at most ${MAX_SPAN_SERVICES} distinct services across all spans`;
			c.bad('processID', expected, row.service);
			continue;
		}
		sink.range.check(row.start, index);
		sink.services.check(row.service, index);
		sink.spans.add(row);
		if ((k + 1) % 2048 === 0) await ctx.tick(2048, 0.5);
	}
	await ctx.tick(list.length % 2048, 0.5);
	return list.length;
}

/** Reads the `data` array of a Jaeger JSON document; returns how many span records it held. */
export async function readJaegerTraces(
	ctx: ParseContext,
	doc: JsonDoc,
	data: unknown[],
	spans: SpanBuilder
): Promise<number> {
	const json = { doc, path: ['data'] };
	const sink: JaegerSink = {
		ctx,
		doc,
		spans,
		range: new RangeTally(ctx, doc.file, json),
		services: new ServiceTally(ctx, doc.file, 'processes', json)
	};
	let count = 0;
	for (let i = 0; i < data.length; i++) count += await readTrace(sink, data[i], i);
	sink.range.flush('spans');
	sink.services.flush('spans');
	return count;
}
