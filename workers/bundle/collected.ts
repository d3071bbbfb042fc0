/**
 * What the readers of one import accumulate before the bundle is assembled. Kept apart from
 * parse.ts so the folder and single-JSON readers can share it without importing each other.
 */
import type { DocAt } from './extras';
import { LogBuilder } from './log-table';
import { SeriesStore } from './series';
import { SpanBuilder } from './span-table';
import type { Issues } from './issues';
import type { Annotation, GroundTruth, IncidentEvent, Manifest, TopologyEdge } from './types';

export interface Collected {
	/** The valid manifest, once read. */
	manifest?: Manifest;
	/** Metric points per series key. */
	store: SeriesStore;
	/** Log rows of all files. */
	logs: LogBuilder;
	/** Spans of all trace files (and the single-JSON `traces` array). */
	traces: SpanBuilder;
	/** Events in reading order (sorted at the end). */
	events: IncidentEvent[];
	topology: TopologyEdge[];
	/** Ground truth and where it came from (for cross-reference warnings). */
	groundTruth?: { value?: GroundTruth; at: DocAt };
	/** Annotations and where they came from. */
	annotations: { value: Annotation[]; at?: DocAt };
}

/** `keepRows` false: log lines and spans are only counted (see LogBuilder, SpanBuilder). */
export function emptyCollected(issues: Issues, keepRows = true): Collected {
	return {
		store: new SeriesStore(issues),
		logs: new LogBuilder(keepRows),
		traces: new SpanBuilder(keepRows),
		events: [],
		topology: [],
		annotations: { value: [] }
	};
}
