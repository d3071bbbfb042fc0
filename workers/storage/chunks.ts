/**
 * Cutting a bundle into storage records. Every array stored is a fresh `slice`: a `subarray` view
 * would make structured clone copy (and persist) the whole underlying buffer for every chunk.
 */
import type { LogTable, Series, SpanTable } from '../bundle/types';
import { LOG_LEVELS } from '../bundle/types';
import type {
	LogChunkRecord,
	LogChunkSummary,
	SeriesChunkRecord,
	SeriesMetaRecord,
	SpanChunkRecord,
	SpanChunkSummary
} from './records';

/** Metadata record of one series, cut into chunks of `chunkRows` points. */
export function seriesMeta(
	incidentId: string,
	s: Series,
	order: number,
	chunkRows: number
): SeriesMetaRecord {
	const n = s.t.length;
	const chunks = Math.ceil(n / chunkRows);
	const chunkBounds = new Float64Array(chunks * 2);
	for (let c = 0; c < chunks; c++) {
		chunkBounds[2 * c] = s.t[c * chunkRows];
		chunkBounds[2 * c + 1] = s.t[Math.min(n, (c + 1) * chunkRows) - 1];
	}
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		const x = s.v[i];
		if (x < min) min = x;
		if (x > max) max = x;
	}
	const meta: SeriesMetaRecord = {
		incidentId,
		key: s.key,
		service: s.service,
		metric: s.metric,
		order,
		n,
		tMin: n ? s.t[0] : NaN,
		tMax: n ? s.t[n - 1] : NaN,
		// Comparisons with NaN are false, so an all-gap series leaves min > max.
		min: min <= max ? min : NaN,
		max: min <= max ? max : NaN,
		chunks,
		chunkBounds
	};
	if (s.unit !== undefined) meta.unit = s.unit;
	return meta;
}

/** Chunk `chunk` of a series. */
export function seriesChunk(
	incidentId: string,
	s: Series,
	chunk: number,
	chunkRows: number
): SeriesChunkRecord {
	const from = chunk * chunkRows;
	const to = Math.min(s.t.length, from + chunkRows);
	return { incidentId, seriesKey: s.key, chunk, t: s.t.slice(from, to), v: s.v.slice(from, to) };
}

/** Concatenates strings[from..to) into one string plus n + 1 offsets. */
export function packStrings(
	strings: string[],
	from: number,
	to: number
): { text: string; offsets: Uint32Array } {
	const offsets = new Uint32Array(to - from + 1);
	let pos = 0;
	for (let i = from; i < to; i++) {
		offsets[i - from] = pos;
		pos += strings[i].length;
	}
	offsets[to - from] = pos;
	return { text: strings.slice(from, to).join(''), offsets };
}

/** Number of chunks `rows` rows make. */
export function chunkCount(rows: number, chunkRows: number): number {
	return Math.ceil(rows / chunkRows);
}

/** Chunk `chunk` of the log table, with its summary for the incident record. */
export function logChunk(
	incidentId: string,
	logs: LogTable,
	chunk: number,
	chunkRows: number
): { record: LogChunkRecord; summary: LogChunkSummary } {
	const from = chunk * chunkRows;
	return logRecord(incidentId, logs, from, Math.min(logs.length, from + chunkRows), chunk);
}

/** Rows [from, to) of a log table as chunk number `chunk` under `key`, with its summary. */
export function logRecord(
	key: string,
	logs: LogTable,
	from: number,
	to: number,
	chunk: number
): { record: LogChunkRecord; summary: LogChunkSummary } {
	const level = logs.level.slice(from, to);
	const levelCounts = new Array<number>(LOG_LEVELS.length).fill(0);
	for (let i = 0; i < level.length; i++) levelCounts[level[i]]++;
	const messages = packStrings(logs.message, from, to);
	const extras = packStrings(logs.extra, from, to);
	const tMin = logs.t[from];
	const tMax = logs.t[to - 1];
	const record: LogChunkRecord = {
		incidentId: key,
		chunk,
		n: to - from,
		tMin,
		tMax,
		t: logs.t.slice(from, to),
		level,
		service: logs.service.slice(from, to),
		services: logs.services,
		messages: messages.text,
		messageOffsets: messages.offsets,
		extras: extras.text,
		extraOffsets: extras.offsets
	};
	return { record, summary: { n: to - from, tMin, tMax, levelCounts } };
}

/** Chunk `chunk` of the span table, with its summary for the incident record. */
export function spanChunk(
	incidentId: string,
	spans: SpanTable,
	chunk: number,
	chunkRows: number
): { record: SpanChunkRecord; summary: SpanChunkSummary } {
	const from = chunk * chunkRows;
	return spanRecord(incidentId, spans, from, Math.min(spans.length, from + chunkRows), chunk);
}

/** Rows [from, to) of a span table as chunk number `chunk` under `key`, with its summary. */
export function spanRecord(
	key: string,
	spans: SpanTable,
	from: number,
	to: number,
	chunk: number
): { record: SpanChunkRecord; summary: SpanChunkSummary } {
	const traceIds = packStrings(spans.traceId, from, to);
	const spanIds = packStrings(spans.spanId, from, to);
	const parentIds = packStrings(spans.parentId, from, to);
	const summary = { n: to - from, tMin: spans.start[from], tMax: spans.start[to - 1] };
	const record: SpanChunkRecord = {
		incidentId: key,
		chunk,
		n: to - from,
		start: spans.start.slice(from, to),
		duration: spans.duration.slice(from, to),
		service: spans.service.slice(from, to),
		operation: spans.operation.slice(from, to),
		status: spans.status.slice(from, to),
		kind: spans.kind.slice(from, to),
		traceIds: traceIds.text,
		traceIdOffsets: traceIds.offsets,
		spanIds: spanIds.text,
		spanIdOffsets: spanIds.offsets,
		parentIds: parentIds.text,
		parentIdOffsets: parentIds.offsets
	};
	return { record, summary };
}
