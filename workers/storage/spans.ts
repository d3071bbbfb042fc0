/**
 * Reading stored spans back as a SpanTable, fetching only the chunks whose start times overlap
 * the requested range (the summaries on the incident record say which, without reading them).
 */
import type { SpanTable, TimeRange } from '../bundle/types';
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import { spanOf } from '../shared/bisect';
import type { AitiaDb } from './db';
import { chunkKeyOf, type SpanChunkRecord } from './records';

/** Copies strings [from, to) of a packed column into `out` at `at`. */
function unpack(
	out: string[],
	at: number,
	text: string,
	offsets: Uint32Array,
	from: number,
	to: number
): void {
	for (let i = from; i < to; i++) out[at + i - from] = text.slice(offsets[i], offsets[i + 1]);
}

/** A span table of `n` rows, all zero, over the given dictionaries (filled in by the caller). */
export function emptySpanTable(n: number, services: string[], operations: string[]): SpanTable {
	return {
		length: n,
		traceId: new Array<string>(n),
		spanId: new Array<string>(n),
		parentId: new Array<string>(n),
		service: new Uint16Array(n),
		services,
		operation: new Uint32Array(n),
		operations,
		start: new Float64Array(n),
		duration: new Float64Array(n),
		status: new Uint8Array(n),
		kind: new Uint8Array(n)
	};
}

/** Rows [from, to) of chunk `c` into `table` at `at`. */
function copyChunk(table: SpanTable, at: number, c: SpanChunkRecord, from: number, to: number) {
	table.start.set(c.start.subarray(from, to), at);
	table.duration.set(c.duration.subarray(from, to), at);
	table.service.set(c.service.subarray(from, to), at);
	table.operation.set(c.operation.subarray(from, to), at);
	table.status.set(c.status.subarray(from, to), at);
	table.kind.set(c.kind.subarray(from, to), at);
	unpack(table.traceId, at, c.traceIds, c.traceIdOffsets, from, to);
	unpack(table.spanId, at, c.spanIds, c.spanIdOffsets, from, to);
	unpack(table.parentId, at, c.parentIds, c.parentIdOffsets, from, to);
}

/**
 * The spans of an incident that start inside `range` (inclusive; all spans when absent), sorted
 * by start, with the incident's full service and operation dictionaries.
 */
export async function readSpans(
	db: AitiaDb,
	incidentId: string,
	range?: TimeRange,
	signal: CancelSignal = neverCancelled
): Promise<SpanTable> {
	const tx = db.transaction(['incidents', 'spanChunks']);
	const record = await tx.objectStore('incidents').get(incidentId);
	if (!record) throw new Error(`Incident '${incidentId}' is not stored.`);
	const store = tx.objectStore('spanChunks');
	const key = chunkKeyOf(record);
	const parts: { chunk: SpanChunkRecord; from: number; to: number }[] = [];
	for (let i = 0; i < record.spanChunks.length; i++) {
		const s = record.spanChunks[i];
		if (range && (s.tMax < range.start || s.tMin > range.end)) continue;
		signal.throwIfCancelled();
		const chunk = await store.get([key, i]);
		if (!chunk) throw new Error(`Span chunk ${i} of incident '${incidentId}' is missing.`);
		const [from, to] = range ? spanOf(chunk.start, range.start, range.end) : [0, chunk.n];
		parts.push({ chunk, from, to });
	}
	const n = parts.reduce((sum, p) => sum + p.to - p.from, 0);
	const table = emptySpanTable(n, record.spanServices, record.spanOperations);
	let at = 0;
	for (const { chunk, from, to } of parts) {
		copyChunk(table, at, chunk, from, to);
		at += to - from;
	}
	return table;
}
