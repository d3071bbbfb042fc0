/**
 * OTLP/JSON trace exports (what an OpenTelemetry Collector's file exporter or an
 * `ExportTraceServiceRequest` body looks like): resourceSpans[] → scopeSpans[] → spans[]. The
 * service of a span is its resource's `service.name`. Read as-is so users can drop collector
 * output into traces/ without converting it.
 */
import { RangeTally, ServiceTally, type ParseContext } from './context';
import { atRecord, type JsonDoc, type RecordAt } from './issues';
import type { JsonPath } from './json-locate';
import { UNIX_NANO_EXPECTED, nanosToMs, parseUnixNano, stringAttribute } from './otlp';
import { KIND_EXPECTED, STATUS_EXPECTED, spanKindOf, spanStatusOf } from './span-codes';
import { FieldCheck, SPAN_ID_EXPECTED, TRACE_ID_EXPECTED, isObject } from './span-check';
import { MAX_SPAN_SERVICES, type SpanBuilder, type SpanRow } from './span-table';

/** Where the spans of one resource go, and the service they belong to. */
interface ResourceSink {
	ctx: ParseContext;
	doc: JsonDoc;
	spans: SpanBuilder;
	service: string;
	/** Index of the resource in resourceSpans (the tallies' position). */
	index: number;
	range: RangeTally;
	services: ServiceTally;
}

/** One OTLP span → a row, or undefined after reporting every bad field. */
function otlpSpan(
	c: FieldCheck,
	span: Record<string, unknown>,
	service: string
): SpanRow | undefined {
	const traceId = c.text(span.traceId, 'traceId', TRACE_ID_EXPECTED);
	const spanId = c.text(span.spanId, 'spanId', SPAN_ID_EXPECTED);
	const parent = span.parentSpanId ?? '';
	if (typeof parent !== 'string') c.bad('parentSpanId', 'a span id string ("" for a root)', parent);
	if (typeof span.name !== 'string') c.bad('name', 'a span name string', span.name);
	const kind = spanKindOf(span.kind);
	if (kind < 0) c.bad('kind', KIND_EXPECTED, span.kind);
	const start = parseUnixNano(span.startTimeUnixNano);
	if (start === undefined) c.bad('startTimeUnixNano', UNIX_NANO_EXPECTED, span.startTimeUnixNano);
	const end = parseUnixNano(span.endTimeUnixNano);
	if (end === undefined) c.bad('endTimeUnixNano', UNIX_NANO_EXPECTED, span.endTimeUnixNano);
	else if (start !== undefined && end < start) {
		c.bad('endTimeUnixNano', 'a time at or after startTimeUnixNano', span.endTimeUnixNano);
	}
	const rawStatus = span.status ?? {};
	const code = isObject(rawStatus) ? rawStatus.code : rawStatus;
	const status = spanStatusOf(code);
	if (status < 0) c.bad(isObject(rawStatus) ? ['status', 'code'] : 'status', STATUS_EXPECTED, code);
	if (!c.ok) return undefined;
	return {
		traceId: traceId!,
		spanId: spanId!,
		parentId: parent as string,
		service,
		operation: span.name as string,
		start: nanosToMs(start!),
		duration: nanosToMs(end! - start!),
		status,
		kind
	};
}

/** The spans of one scopeSpans entry. */
async function readScope(sink: ResourceSink, spans: unknown[], path: JsonPath): Promise<void> {
	const { ctx, doc } = sink;
	for (let k = 0; k < spans.length; k++) {
		const at: RecordAt = { file: doc.file, json: { doc, path: [...path, k] } };
		const span = spans[k];
		if (!isObject(span)) {
			ctx.issues.error({ ...atRecord(at), expected: 'an OTLP span object', got: span });
			continue;
		}
		const row = otlpSpan(new FieldCheck(ctx.issues, at), span, sink.service);
		if (!row) continue;
		sink.range.check(row.start, sink.index);
		sink.services.check(row.service, sink.index);
		sink.spans.add(row);
		if ((k + 1) % 2048 === 0) await ctx.tick(2048, 0.5);
	}
	await ctx.tick(spans.length % 2048, 0.5);
}

/** `service.name` of a resource, else the file's fallback; reports a resource without either. */
function resourceService(
	sink: Pick<ResourceSink, 'ctx' | 'doc' | 'spans'>,
	r: Record<string, unknown>,
	path: JsonPath,
	fallback: string | undefined
): string | undefined {
	const { ctx, doc } = sink;
	const attrs = isObject(r.resource) ? r.resource.attributes : undefined;
	const service = stringAttribute(attrs, 'service.name') ?? fallback;
	const json = { doc, path: [...path, 'resource'] };
	if (service === undefined) {
		const expected =
			'a "service.name" resource attribute (or a file named after a manifest service)';
		ctx.issues.error({ file: doc.file, json, expected, got: r.resource });
	} else if (!sink.spans.canAddService(service)) {
		const expected = `at most ${MAX_SPAN_SERVICES} distinct services across all spans`;
		ctx.issues.error({ file: doc.file, json, expected, got: service });
		return undefined;
	}
	return service;
}

/**
 * Reads the `resourceSpans` array of an OTLP/JSON document; returns how many span records it
 * held (valid or not). Older exporters call scopeSpans `instrumentationLibrarySpans`.
 */
export async function readOtlpTraces(
	ctx: ParseContext,
	doc: JsonDoc,
	resourceSpans: unknown[],
	spans: SpanBuilder,
	fallback: string | undefined
): Promise<number> {
	const json = { doc, path: ['resourceSpans'] };
	const base = { ctx, doc, spans };
	const range = new RangeTally(ctx, doc.file, json);
	const services = new ServiceTally(ctx, doc.file, 'resource', json);
	let count = 0;
	for (let index = 0; index < resourceSpans.length; index++) {
		const path = ['resourceSpans', index];
		const r = resourceSpans[index];
		if (!isObject(r)) {
			const expected = 'a ResourceSpans object {"resource", "scopeSpans"}';
			ctx.issues.error({ file: doc.file, json: { doc, path }, expected, got: r });
			continue;
		}
		const service = resourceService(base, r, path, fallback);
		if (service === undefined) continue;
		const sink: ResourceSink = { ...base, service, index, range, services };
		const key = r.scopeSpans === undefined ? 'instrumentationLibrarySpans' : 'scopeSpans';
		const scopes = r[key] ?? [];
		if (!Array.isArray(scopes)) {
			const at = { doc, path: [...path, key] };
			ctx.issues.error({
				file: doc.file,
				json: at,
				expected: 'an array of ScopeSpans',
				got: scopes
			});
			continue;
		}
		for (let j = 0; j < scopes.length; j++) {
			const scopePath = [...path, key, j];
			const scope: unknown = scopes[j];
			const list = isObject(scope) ? (scope.spans ?? []) : undefined;
			if (!Array.isArray(list)) {
				const at = { doc, path: scopePath };
				const expected = 'a ScopeSpans object with a "spans" array';
				ctx.issues.error({ file: doc.file, json: at, expected, got: scope });
				continue;
			}
			count += list.length;
			await readScope(sink, list, [...scopePath, 'spans']);
		}
	}
	range.flush('spans');
	services.flush('spans');
	return count;
}
