/**
 * Which span a log line was written in. Instrumented services put the trace and span ids into
 * every line (OTLP log records carry them as fields; the OTLP reader stores them as `trace_id` /
 * `span_id`; ECS documents use `trace.id` / `span.id`; hand-rolled JSON uses `traceId`, `traceID`
 * …), all of which end up in the line's `extra` JSON. A line with a span id that names a known span
 * joins it; a line with only a trace id joins the innermost span of its own service in that trace
 * that was open at the line's time. Lines without ids, or whose span is unknown, stay unlinked.
 */
import type { LogTable, SpanTable } from '../bundle/types';

const TRACE_KEYS = ['trace_id', 'traceId', 'traceID', 'trace.id', 'traceid'];
const SPAN_KEYS = ['span_id', 'spanId', 'spanID', 'span.id', 'spanid'];

export interface TraceLinks {
	/** Per log line, the index of its span in the span table, or −1. */
	span: Int32Array;
	/** Lines linked. */
	linked: number;
}

/** The trace and span ids a line's extra fields name, if any. */
export function idsOf(extra: string): { trace?: string; span?: string } {
	if (!extra || !/trace/i.test(extra)) return {};
	let rec: unknown;
	try {
		rec = JSON.parse(extra);
	} catch {
		return {};
	}
	if (typeof rec !== 'object' || rec === null) return {};
	const r = rec as Record<string, unknown>;
	const pick = (keys: string[], nested: string) => {
		for (const k of keys) if (typeof r[k] === 'string' && r[k] !== '') return r[k] as string;
		const o = r[nested];
		if (typeof o === 'object' && o !== null) {
			const id = (o as Record<string, unknown>).id;
			if (typeof id === 'string' && id !== '') return id;
		}
		return undefined;
	};
	return { trace: pick(TRACE_KEYS, 'trace'), span: pick(SPAN_KEYS, 'span') };
}

/** `byId` maps `${traceId}\0${spanId}` to a span index (the caller has built it already). */
export function traceLinks(
	logs: LogTable,
	spans: SpanTable,
	byId: Map<string, number>
): TraceLinks {
	const span = new Int32Array(logs.length).fill(-1);
	let linked = 0;
	let byTrace: Map<string, number[]> | undefined;
	const serviceIndex = new Map(spans.services.map((s, i) => [s, i]));
	for (let j = 0; j < logs.length; j++) {
		const ids = idsOf(logs.extra[j]);
		if (!ids.trace) continue;
		let found = ids.span !== undefined ? byId.get(`${ids.trace}\u0000${ids.span}`) : undefined;
		if (found === undefined) {
			const own = serviceIndex.get(logs.services[logs.service[j]]);
			if (own === undefined) continue;
			if (!byTrace) {
				byTrace = new Map();
				for (let i = 0; i < spans.length; i++) {
					const list =
						byTrace.get(spans.traceId[i]) ??
						byTrace.set(spans.traceId[i], []).get(spans.traceId[i])!;
					list.push(i);
				}
			}
			const t = logs.t[j];
			for (const i of byTrace.get(ids.trace) ?? []) {
				if (
					spans.service[i] !== own ||
					t < spans.start[i] ||
					t > spans.start[i] + spans.duration[i]
				)
					continue;
				if (found === undefined || spans.start[i] > spans.start[found]) found = i;
			}
		}
		if (found === undefined) continue;
		span[j] = found;
		linked++;
	}
	return { span, linked };
}
