/**
 * Shapes of the records kept in IndexedDB. Bulk data is stored as columnar typed-array chunks (one
 * record per ~65k points, log lines or spans), never one record per row: structured clone of a few large
 * typed arrays is orders of magnitude cheaper than of millions of small objects.
 */
import type { Annotation, GroundTruth, IncidentEvent, TopologyEdge } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import type { CellOutput } from '../shared/outputs';

/** Rows per chunk (series points, log lines, spans) unless a caller asks otherwise. */
export const DEFAULT_CHUNK_ROWS = 65_536;

/** Per-chunk summary of the logs, kept on the incident so range reads can skip whole chunks. */
export interface LogChunkSummary {
	/** Lines in the chunk. */
	n: number;
	/** First and last timestamp in the chunk (logs are sorted by time). */
	tMin: number;
	tMax: number;
	/** Lines per level, indexed like LOG_LEVELS: counts for fully covered chunks need no read. */
	levelCounts: number[];
}

/** Per-chunk summary of the spans, kept on the incident so range reads can skip whole chunks. */
export interface SpanChunkSummary {
	/** Spans in the chunk. */
	n: number;
	/** First and last start time in the chunk (spans are sorted by start). */
	tMin: number;
	tMax: number;
}

/** One incident: its summary (minus events, which live in `events`) plus small bundle parts. */
export interface IncidentRecord {
	/** Manifest id; the store's key. */
	id: string;
	/** The library summary; `events` is joined from the `events` store on read. */
	info: Omit<IncidentInfo, 'events'>;
	/** Service dependencies. */
	topology: TopologyEdge[];
	/** The known root cause, if the bundle had one. */
	groundTruth?: GroundTruth;
	/** Analyst notes from the bundle. */
	annotations: Annotation[];
	/** Dictionary of service names the log chunks index into. */
	logServices: string[];
	/** One entry per log chunk, in chunk order. */
	logChunks: LogChunkSummary[];
	/** Dictionary of service names the span chunks index into (schema v4; [] before). */
	spanServices: string[];
	/** Dictionary of operation names the span chunks index into. */
	spanOperations: string[];
	/** One entry per span chunk, in chunk order ([] for incidents without traces). */
	spanChunks: SpanChunkSummary[];
	/**
	 * First key part of this incident's log and span chunks: a staging key (staging.ts) the
	 * import wrote them under before this record made them visible. Absent in records written
	 * before staged imports: their chunks are keyed by `id`.
	 */
	chunkKey?: string;
}

/** The first key part of an incident's log and span chunks (see IncidentRecord.chunkKey). */
export function chunkKeyOf(record: IncidentRecord): string {
	return record.chunkKey ?? record.id;
}

/** Metadata of one stored series; key [incidentId, key]. */
export interface SeriesMetaRecord {
	/** Owning incident. */
	incidentId: string;
	/** `${service}.${metric}`. */
	key: string;
	service: string;
	metric: string;
	/** Unit if known. */
	unit?: string;
	/** Position in the bundle's series list, so reads can restore bundle order. */
	order: number;
	/** Number of points. */
	n: number;
	/** First and last timestamp (NaN when empty). */
	tMin: number;
	tMax: number;
	/** Smallest and largest non-NaN value (NaN when there is none). */
	min: number;
	max: number;
	/** Number of chunks in `seriesChunks`. */
	chunks: number;
	/** [tMin0, tMax0, tMin1, tMax1, ...]: lets a range read fetch only overlapping chunks. */
	chunkBounds: Float64Array;
}

/** A run of consecutive points of one series; key [incidentId, seriesKey, chunk]. */
export interface SeriesChunkRecord {
	/** Owning incident. */
	incidentId: string;
	/** Key of the series. */
	seriesKey: string;
	/** 0-based chunk index. */
	chunk: number;
	/** Timestamps, epoch ms, increasing. */
	t: Float64Array;
	/** Values, NaN = gap. */
	v: Float64Array;
}

/** A run of consecutive log lines; key [incidentId, chunk]. */
export interface LogChunkRecord {
	/** Owning incident's chunk key (IncidentRecord.chunkKey, or its id in older records). */
	incidentId: string;
	/** 0-based chunk index. */
	chunk: number;
	/** Lines in this chunk. */
	n: number;
	/** First and last timestamp in the chunk. */
	tMin: number;
	tMax: number;
	/** Timestamps, epoch ms. */
	t: Float64Array;
	/** Index into LOG_LEVELS. */
	level: Uint8Array;
	/** Index into `services`. */
	service: Uint16Array;
	/** Service dictionary (the bundle's, so every chunk can be decoded on its own). */
	services: string[];
	/** All messages concatenated: one string clones far faster than n small ones. */
	messages: string;
	/** n + 1 UTF-16 offsets into `messages`; line i is messages.slice(off[i], off[i+1]). */
	messageOffsets: Uint32Array;
	/** All extras (JSON object strings, '' when none) concatenated like `messages`. */
	extras: string;
	/** n + 1 offsets into `extras`. */
	extraOffsets: Uint32Array;
}

/**
 * A run of consecutive spans (sorted by start); key [incidentId, chunk]. The dictionaries live
 * on the incident record: operations can number thousands, too many to repeat per chunk.
 */
export interface SpanChunkRecord {
	/** Owning incident's chunk key (IncidentRecord.chunkKey, or its id in older records). */
	incidentId: string;
	/** 0-based chunk index. */
	chunk: number;
	/** Spans in this chunk. */
	n: number;
	/** Start, epoch ms (fractions kept). */
	start: Float64Array;
	/** Duration, ms. */
	duration: Float64Array;
	/** Index into IncidentRecord.spanServices. */
	service: Uint16Array;
	/** Index into IncidentRecord.spanOperations. */
	operation: Uint32Array;
	/** Index into SPAN_STATUS. */
	status: Uint8Array;
	/** Index into SPAN_KINDS. */
	kind: Uint8Array;
	/** Trace ids concatenated (one string clones far faster than n small ones). */
	traceIds: string;
	/** n + 1 offsets into `traceIds`. */
	traceIdOffsets: Uint32Array;
	/** Span ids concatenated like `traceIds`. */
	spanIds: string;
	/** n + 1 offsets into `spanIds`. */
	spanIdOffsets: Uint32Array;
	/** Parent ids ('' for roots) concatenated like `traceIds`. */
	parentIds: string;
	/** n + 1 offsets into `parentIds`. */
	parentIdOffsets: Uint32Array;
}

/** All events of one incident; key incidentId. */
export interface EventsRecord {
	/** Owning incident; the store's key. */
	incidentId: string;
	/** The bundle's events, in order. */
	events: IncidentEvent[];
}

/** A notebook document: opaque JSON to storage apart from these fields. */
export interface NotebookRecord {
	/** Notebook id; the store's key. */
	id: string;
	/** Incident the notebook analyses (indexed). */
	incidentId: string;
	/** Title shown in the library. */
	title: string;
	/** ISO time of the last save. */
	updatedAt: string;
	/** Everything else (cells, format, version ...) is kept as given. */
	[field: string]: unknown;
}

/** A cached cell output; key hash. */
export interface OutputRecord {
	/** Hash of (kind, params, source, input hashes). */
	hash: string;
	/** The output itself; typed arrays survive structured clone. */
	output: CellOutput;
	/** ISO time it was stored. */
	createdAt: string;
	/** Approximate stored size, for cache eviction. */
	bytes: number;
	/** Incident the output was computed for (eviction is per incident); absent in old records. */
	incidentId?: string;
	/** ISO time it was last read or written (least recently used goes first). */
	usedAt?: string;
}

/** A key/value setting such as 'demoSeeded'. */
export interface MetaRecord {
	/** Setting name; the store's key. */
	key: string;
	/** Any structured-cloneable value. */
	value: unknown;
}
