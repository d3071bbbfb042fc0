/**
 * Contract of the data worker: imports bundles into IndexedDB and serves selections of stored
 * incidents to cells. Types only; the UI imports this file with `import type`.
 */
import type {
	Annotation,
	BundleIssue,
	IncidentEvent,
	LogLevel,
	Manifest,
	TimeRange,
	TopologyEdge
} from '../bundle/types';
import type { DataOutput } from '../shared/outputs';
import type { RcaExtras } from '../rca/extras';
import type { CaseOutcome } from '../shared/scorecard';
import type { RcaMethod, RcaWindows } from '../rca/types';
import type { RawWindowOverrides } from '../rca/windows';
import type { ProposedWindows } from '../bundle/sources/propose';
import type { Progress } from '../shared/progress';

/** Which part of an incident a `data` cell selects. */
export interface DataSelection {
	/** Series keys or glob patterns ('*' matches any run of characters): ['edge.*', '*.latency_ms']. */
	series: string[];
	/** Include a log sample (false = none). */
	logs: false | { levels?: LogLevel[]; limit: number };
	/** Include events. */
	events: boolean;
	/** 'all' = manifest timeRange; 'baseline' / 'incident' = those windows; or explicit epoch ms. */
	range: 'all' | 'baseline' | 'incident' | TimeRange;
	/**
	 * The replay cursor (epoch ms): nothing after it is returned — series points, log lines,
	 * events — and the range ends there. Set by the engine for the data cell, never by the user.
	 */
	asOf?: number;
}

/** Summary of a stored incident, as listed in the library and read by cells. */
export interface IncidentInfo {
	manifest: Manifest;
	/** SHA-256 (hex) of the imported bundle's files: part of every data cell's output hash. */
	contentHash: string;
	seriesKeys: string[];
	events: IncidentEvent[];
	/** Counts for the library view (`spans`: trace spans, 0 for bundles without traces). */
	counts: { series: number; points: number; logLines: number; spans: number; events: number };
	/** Stored size estimate in bytes. */
	bytes: number;
	/** ISO time of import. */
	importedAt: string;
	/** Warnings raised at import (kept so the user can read them later). */
	warnings: BundleIssue[];
	/** Name of what was imported (file or folder name). */
	source: string;
	/** Service call graph (caller → callee) from the bundle; absent for incidents stored before it was kept here. */
	topology?: TopologyEdge[];
	/** The bundle's notes (annotations.json); absent in summaries recorded before they were listed here. */
	annotations?: Annotation[];
	/**
	 * Onset and baseline proposed from the metrics at import when the manifest declares neither
	 * (the proposed-manifest rules): a ranking uses them, saying so, instead of refusing to run.
	 */
	proposed?: ProposedWindows;
}

/** What the root-cause cell asks the data worker for. */
export interface RcaEvidenceRequest {
	/** The cell's window fields as typed ('' = the manifest's), read in the bundle's zone. */
	overrides?: RawWindowOverrides;
	/** Which sources to read: the cell's "Use logs" / "Use traces". */
	use: { logs: boolean; traces: boolean };
	/** The replay cursor: the incident window ends there, and no log line or span after it is read. */
	asOf?: number;
}

/** The windows a ranking compares (manifest + overrides) and what logs and spans add over them. */
export interface RcaEvidence {
	windows: RcaWindows;
	extras: RcaExtras;
}

/** Reads incident data (data worker in the browser, an in-memory bundle in Node). */
export interface DataSource {
	incident(incidentId: string): Promise<IncidentInfo>;
	select(incidentId: string, selection: DataSelection, jobId?: string): Promise<DataOutput>;
	/** What the incident's logs and spans add to a root-cause ranking over these windows. */
	rcaEvidence(incidentId: string, req: RcaEvidenceRequest, jobId?: string): Promise<RcaEvidence>;
	/**
	 * Ranks every stored incident with a ground-truth service (the library scorecard), one by one,
	 * with the same code as `aitia rca-eval`.
	 */
	rcaLibrary(method: RcaMethod, jobId?: string, onProgress?: Progress): Promise<CaseOutcome[]>;
	/**
	 * A fingerprint of the whole library (every incident's id and content hash), for the cache
	 * keys of cells that compare with other incidents: importing, replacing or deleting one
	 * changes it. Undefined where it is not known (a snapshot recorded before it existed).
	 */
	library(): Promise<string | undefined>;
}
