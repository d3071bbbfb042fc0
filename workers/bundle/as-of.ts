/**
 * What was known at a replay cursor, for the readers that hand whole tables to a computation (the
 * root-cause evidence): log lines written by then, and spans that had ended by then (a span still
 * running has no duration yet; tracers report spans when they end).
 */
import { upperBound } from '../shared/bisect';
import type { LogTable, SpanTable } from './types';

/** Lines at or before `asOf` (log tables are sorted by time). */
export function logsUpTo(logs: LogTable, asOf: number): LogTable {
	const lo = upperBound(logs.t, asOf);
	if (lo === logs.length) return logs;
	return {
		length: lo,
		t: logs.t.slice(0, lo),
		level: logs.level.slice(0, lo),
		service: logs.service.slice(0, lo),
		services: logs.services,
		message: logs.message.slice(0, lo),
		extra: logs.extra.slice(0, lo)
	};
}

/** Spans that ended at or before `asOf`. */
export function spansEndedBy(spans: SpanTable, asOf: number): SpanTable {
	const keep: number[] = [];
	for (let i = 0; i < spans.length; i++)
		if (spans.start[i] + spans.duration[i] <= asOf) keep.push(i);
	if (keep.length === spans.length) return spans;
	const pick = <T>(a: T[]) => keep.map((i) => a[i]);
	return {
		length: keep.length,
		traceId: pick(spans.traceId),
		spanId: pick(spans.spanId),
		parentId: pick(spans.parentId),
		service: Uint16Array.from(keep, (i) => spans.service[i]),
		services: spans.services,
		operation: Uint32Array.from(keep, (i) => spans.operation[i]),
		operations: spans.operations,
		start: Float64Array.from(keep, (i) => spans.start[i]),
		duration: Float64Array.from(keep, (i) => spans.duration[i]),
		status: Uint8Array.from(keep, (i) => spans.status[i]),
		kind: Uint8Array.from(keep, (i) => spans.kind[i])
	};
}
