/**
 * The in-memory, normalised incident bundle: what every parser produces and every consumer reads.
 * Times are epoch milliseconds (UTC) everywhere; files on disk may use ISO 8601 strings instead.
 * Series, logs and spans are columnar (typed arrays) so they can be transferred to and from
 * workers cheaply.
 */

/** The `format` value of every bundle manifest. */
export const BUNDLE_FORMAT = 'aitia.bundle';
/** Format version our tools write (2 added traces/). */
export const BUNDLE_VERSION = 2;
/** Versions the parser accepts: v1 bundles are read unchanged (they simply have no traces). */
export const SUPPORTED_BUNDLE_VERSIONS: readonly number[] = [1, 2];

/** The seed paper's four golden signals; any other metric name is allowed as well. */
export const GOLDEN_SIGNALS = [
	'latency_ms',
	'throughput_rpm',
	'db_lock_ms',
	'pool_wait_ms'
] as const;

/** Log levels in severity order; a log row stores the index into this list. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A closed time interval, epoch ms. */
export interface TimeRange {
	/** Inclusive start, epoch ms. */
	start: number;
	/** Inclusive end, epoch ms. */
	end: number;
}

export interface Manifest {
	/** Always 'aitia.bundle'. */
	format: typeof BUNDLE_FORMAT;
	/** Format version (1 or 2; see SUPPORTED_BUNDLE_VERSIONS). */
	version: number;
	/** Stable incident id: [a-z0-9][a-z0-9._-]*, at most 64 characters. */
	id: string;
	/** Human title shown in the library. */
	title: string;
	/** Optional longer description (plain text / markdown). */
	description?: string;
	/** Services involved; series, logs and events name services from this list (others are warned about). */
	services: string[];
	/** The period the bundle covers. */
	timeRange: TimeRange;
	/** IANA time zone used for timestamps written without an offset, and for display. */
	timezone: string;
	/** When the incident started (first user-visible impact), if known. */
	onset?: number;
	/** A normal period to compare the incident against (root-cause ranking uses it). */
	baseline?: TimeRange;
	/** The period searched for the cause (v2; default: from a little before the onset to the end). */
	incident?: TimeRange;
}

/** One metric series of one service, sorted by time; NaN marks a missing value (gap). */
export interface Series {
	/** `${service}.${metric}`: unique within a bundle. */
	key: string;
	service: string;
	metric: string;
	/** Unit if known (e.g. 'ms', 'rpm'). */
	unit?: string;
	/** Timestamps, epoch ms, strictly increasing after parsing (duplicates merged). */
	t: Float64Array;
	/** Values; NaN = missing. */
	v: Float64Array;
}

/** All log lines of a bundle in columnar form, sorted by time (stable for equal times). */
export interface LogTable {
	/** Number of rows. */
	length: number;
	/** Timestamps, epoch ms. */
	t: Float64Array;
	/** Index into LOG_LEVELS. */
	level: Uint8Array;
	/** Index into `services`. */
	service: Uint16Array;
	/** Dictionary of service names used by `service`. */
	services: string[];
	/** The message text of each line. */
	message: string[];
	/** Extra JSON fields of each line, serialised as a JSON object string; '' when none. */
	extra: string[];
}

/** Span status in OTLP code order (0 unset, 1 ok, 2 error); a span row stores the index. */
export const SPAN_STATUS = ['unset', 'ok', 'error'] as const;
export type SpanStatus = (typeof SPAN_STATUS)[number];

/** Span kinds in OTLP enum order (SPAN_KIND_UNSPECIFIED = 0 … CONSUMER = 5); rows store the index. */
export const SPAN_KINDS = [
	'unspecified',
	'internal',
	'server',
	'client',
	'producer',
	'consumer'
] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/** All spans of a bundle, columnar, sorted by start time (stable). */
export interface SpanTable {
	/** Number of spans. */
	length: number;
	/** Trace id of each span, as written in the source (OTLP/Jaeger: lower-case hex). */
	traceId: string[];
	/** Span id, unique within its trace. */
	spanId: string[];
	/** Parent span id; '' for a root span. */
	parentId: string[];
	/** Index into `services`. */
	service: Uint16Array;
	/** Dictionary of service names used by `service`. */
	services: string[];
	/** Index into `operations`. */
	operation: Uint32Array;
	/** Dictionary of operation (span) names used by `operation`. */
	operations: string[];
	/** Start, epoch ms (fractions kept: spans are sub-millisecond). */
	start: Float64Array;
	/** Duration, ms (fractions kept); never negative. */
	duration: Float64Array;
	/** Index into SPAN_STATUS. */
	status: Uint8Array;
	/** Index into SPAN_KINDS. */
	kind: Uint8Array;
}

/** A discrete happening: deploy, config change, physical report, alert ... */
export interface IncidentEvent {
	/** When it happened, epoch ms. */
	t: number;
	/** Optional end for events with a duration, epoch ms. */
	end?: number;
	/** Kind, free text but conventionally one of: deploy, config, physical, alert, scaling, note. */
	kind: string;
	/** Short title ("coolant leak in rack B4"). */
	title: string;
	/** The service it concerns, if any. */
	service?: string;
	/** Longer text. */
	detail?: string;
	/** Any further fields from the source, kept as they were. */
	attrs?: Record<string, unknown>;
}

/** A service dependency: `from` calls `to`. */
export interface TopologyEdge {
	from: string;
	to: string;
}

/** The known root cause, for evaluation. */
export interface GroundTruth {
	/** Root-cause service, if known. */
	service?: string;
	/** Root-cause metric (series key or metric name), if known. */
	metric?: string;
	/** When the fault was injected / began, if known. */
	t?: number;
	/** Fault type, free text (e.g. cpu_contention, network_delay, exception): scorecards group by it. */
	fault?: string;
	/** Free-text explanation (the causal chain). */
	description?: string;
}

/** A note pinned to a time (or range) by an analyst. */
export interface Annotation {
	id: string;
	t: number;
	end?: number;
	text: string;
	author?: string;
	/** Optional series key the note refers to. */
	series?: string;
}

export interface Bundle {
	manifest: Manifest;
	series: Series[];
	logs: LogTable;
	/** Spans of traces/ files (format v2); an empty table when the bundle has none. */
	traces: SpanTable;
	events: IncidentEvent[];
	topology: TopologyEdge[];
	groundTruth?: GroundTruth;
	annotations: Annotation[];
}

/** One file of a bundle as handed to the parser (from a folder, a zip, or a single JSON). */
export interface BundleFile {
	/** Path relative to the bundle root, '/'-separated (e.g. 'metrics/edge.csv'). */
	path: string;
	/** Raw bytes; the parser handles BOMs, UTF-8 and UTF-16. Empty when `lazy` is set. */
	bytes: Uint8Array;
	/**
	 * Content read on demand instead of held in `bytes` (a zip entry inflated when its turn comes,
	 * a file on disk): only one file of a bundle is then in memory at a time.
	 */
	lazy?: LazyContent;
}

/** File content produced in chunks when needed; see BundleFile.lazy. */
export interface LazyContent {
	/** Size in bytes (a zip entry's declared size; checked while reading). */
	size: number;
	/**
	 * The content from the start, in chunks of at most a few MiB; every call starts over. May throw
	 * BundleInputError (a damaged zip entry: CRC or size mismatch, only known at its end).
	 */
	chunks(): Iterator<Uint8Array, undefined>;
	/** Random access, when the source has it (a zip archive on disk): bytes [at, at + length). */
	read?(at: number, length: number): Uint8Array;
}

/** A precise import problem: which file, where, which field, what was expected. */
export interface BundleIssue {
	severity: 'error' | 'warning';
	/** Bundle-relative path of the file (or '(bundle)' for bundle-wide problems). */
	file: string;
	/** 1-based line (text files) or data row, counting the header as line 1 for CSV. */
	line?: number;
	/** Column / JSON field / manifest key concerned. */
	field?: string;
	/** What was expected, in words ("a number", "an ISO 8601 timestamp"). */
	expected?: string;
	/** What was found (truncated to 80 chars). */
	got?: string;
	/** The full human sentence shown to the user. */
	message: string;
	/** Machine-readable kind of problem, where callers need to react to it (e.g. 'duplicate-incident'). */
	code?: string;
}

/** Counters reported while parsing and storing. */
export interface ImportProgress {
	phase: 'reading' | 'parsing' | 'validating' | 'writing' | 'done';
	/** Bytes processed so far / in total. */
	bytesDone: number;
	bytesTotal: number;
	/** Metric points + log lines + spans + events processed so far. */
	rows: number;
	/** Current file, if any. */
	file?: string;
}

export type ParseResult =
	| {
			ok: true;
			bundle: Bundle;
			warnings: BundleIssue[];
			/** SHA-256 hex over the sorted (path, bytes) of the files parsed. */
			contentHash: string;
			/** Total input bytes. */
			bytes: number;
	  }
	| { ok: false; errors: BundleIssue[]; warnings: BundleIssue[] };

/**
 * A bundle whose log lines and spans were written to storage in sorted runs while parsing
 * (stageBundle): only their counts and the canonical dictionaries the runs are remapped by stay.
 */
export type StagedBundle = Omit<Bundle, 'logs' | 'traces'> & {
	logs: { length: number; services: string[]; remap: Uint32Array };
	traces: {
		length: number;
		services: { names: string[]; remap: Uint32Array };
		operations: { names: string[]; remap: Uint32Array };
	};
};

/** What stageBundle gives: ParseResult with a staged bundle. */
export type StageResult =
	| (Omit<Extract<ParseResult, { ok: true }>, 'bundle'> & { bundle: StagedBundle })
	| Extract<ParseResult, { ok: false }>;

/** Sizes of a checked bundle: what `aitia validate` prints. */
export interface BundleCounts {
	series: number;
	/** Metric points after duplicates were merged. */
	points: number;
	logLines: number;
	spans: number;
	events: number;
}

/** Result of checkBundle: the verdict and counts of a parse that keeps no log rows or spans. */
export type CheckResult =
	| {
			ok: true;
			manifest: Manifest;
			counts: BundleCounts;
			warnings: BundleIssue[];
			/** Total input bytes. */
			bytes: number;
	  }
	| { ok: false; errors: BundleIssue[]; warnings: BundleIssue[] };
