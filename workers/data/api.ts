/**
 * Contract of the data worker: imports bundles into IndexedDB and serves selections of stored
 * incidents to cells. Types only; the UI imports this file with `import type`.
 */
import type {
	BundleIssue,
	IncidentEvent,
	LogLevel,
	Manifest,
	TimeRange,
	TopologyEdge
} from '../bundle/types';
import type { DataOutput } from '../shared/outputs';

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
}

/** Summary of a stored incident, as listed in the library and read by cells. */
export interface IncidentInfo {
	manifest: Manifest;
	/** SHA-256 (hex) of the imported bundle's files: part of every data cell's output hash. */
	contentHash: string;
	seriesKeys: string[];
	events: IncidentEvent[];
	/** Counts for the library view. */
	counts: { series: number; points: number; logLines: number; events: number };
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
}

/** Reads incident data (data worker in the browser, an in-memory bundle in Node). */
export interface DataSource {
	incident(incidentId: string): Promise<IncidentInfo>;
	select(incidentId: string, selection: DataSelection, jobId?: string): Promise<DataOutput>;
}
