/**
 * The contract every cell kind implements. Adding a kind = adding one module under kinds/ and
 * listing it in kinds/index.ts. Kind modules are plain TypeScript (no Svelte, no DOM) so the
 * headless runner executes them in Node with the same worker code.
 */
import type { z } from 'zod';
import type { CancelSignal } from '$workers/shared/cancel';
import type { Progress } from '$workers/shared/progress';
import type { TimeRange } from '$workers/bundle/types';
import type { DataSource } from '$workers/data/api';
import type { CausalApi } from '$workers/causal/api';
import type { LogsApi } from '$workers/logs/api';
import type { MetricsApi } from '$workers/metrics/api';
import type { CellOutput, OutputType, SeriesData, TableOutput } from '../outputs';
import type { Note } from '../model';

export type { DataSelection, DataSource, IncidentInfo } from '$workers/data/api';

/** Window statistics and sliding windows (danfojs), forecasts and anomaly detection (metrics worker). */
export interface MetricsCompute {
	windowStats(series: SeriesData[], range?: TimeRange, jobId?: string): Promise<TableOutput>;
	windows: MetricsApi['windows'];
	forecast: MetricsApi['forecast'];
	anomalies: MetricsApi['anomalies'];
}

/**
 * The compute services a cell may use: one required interface with three implementations,
 * the browser's (comlink workers, src/lib/compute/browser-compute.ts), Node's (in-process, the
 * `aitia` runner, src/cli/node-compute.ts) and a snapshot (recorded outputs of a capsule; it
 * computes nothing, src/lib/notebook/snapshot.ts). Kinds never fall back to anything else.
 */
export interface Compute {
	data: DataSource;
	metrics: MetricsCompute;
	causal: Pick<CausalApi, 'pc' | 'effect' | 'rank' | 'align'>;
	logs: Pick<LogsApi, 'templates' | 'search' | 'similar'>;
}

export interface RunContext<P> {
	params: P;
	source: string;
	/** Outputs of the cells wired to this cell's input slots. */
	inputs: Record<string, CellOutput>;
	/** The notebook's incident. */
	incidentId: string;
	compute: Compute;
	signal: CancelSignal;
	/** Unique id of this run (latest run wins); pass it to compute calls so they can be cancelled. */
	jobId: string;
	/** The replay cursor (epoch ms): only data up to it may be used. Set only for `time: 'cursor'` kinds. */
	asOf?: number;
	/**
	 * The analysts' notes, for kinds with `readsNotes`; empty at a replay cursor, since notes are
	 * written with hindsight.
	 */
	notes?: Note[];
	onProgress?: Progress;
}

/** One input slot of a kind. */
export interface SlotSpec {
	slot: string;
	/** Output types this slot accepts. */
	accepts: OutputType[];
	required: boolean;
	label: string;
}

/** A parameter field, for the generic params form. */
export type FieldSpec =
	| { key: string; label: string; type: 'text' | 'number' | 'boolean'; help?: string }
	| { key: string; label: string; type: 'select'; options: string[]; help?: string }
	/** Choose series keys of the incident (supports glob patterns). */
	| { key: string; label: string; type: 'series'; help?: string }
	/** 'all' | 'baseline' | 'incident' | explicit range. */
	| { key: string; label: string; type: 'range'; help?: string }
	/** false | { levels?, limit }: whether to include a log sample, which levels, how many lines. */
	| { key: string; label: string; type: 'logs'; help?: string };

export interface CellKind<P = Record<string, unknown>> {
	kind: string;
	label: string;
	description: string;
	/** Validates and defaults params (zod). */
	schema: z.ZodType<P>;
	inputs: SlotSpec[];
	fields: FieldSpec[];
	/** True when the cell has free text (`source`). */
	hasSource: boolean;
	/** Cheap and pure (markdown): run automatically when the notebook opens or the cell changes. */
	autoRun?: boolean;
	/** Whether the output depends on the incident's stored data (then the content hash joins the cache key). */
	readsIncident: boolean;
	/**
	 * How the kind meets the notebook's replay cursor (`ctx.asOf`, engine.setCursor): `cursor` =
	 * it reads the incident and sees only what was known at the cursor (the cursor joins its cache
	 * key); `unsupported` = it reads the incident but cannot yet limit itself to a moment, so it
	 * refuses to run while a cursor is set (nothing after the cursor may reach a cell). Kinds that
	 * read only their inputs leave it out: their inputs are already cut.
	 */
	time?: 'cursor' | 'unsupported';
	/**
	 * Cheap enough to re-run on every move of the replay cursor (cutting data, drawing a chart,
	 * window statistics), so scrubbing updates charts at once; other cells the cursor touches wait
	 * until it rests (NotebookSession.setCursor, `liveCells`).
	 */
	live?: boolean;
	/** The output depends on the notebook's notes (`ctx.notes`; they join its cache key). */
	readsNotes?: boolean;
	/**
	 * Compares with the other incidents of the library (similar incidents, the scorecard): the
	 * library's fingerprint joins the cache key, so after an import or a deletion the cell
	 * computes afresh instead of answering from the library as it was.
	 */
	readsLibrary?: boolean;
	/** The output type this kind produces, so the graph can check wiring before anything runs
	 * (when omitted, wiring is checked only at run time). */
	output?: OutputType;
	/** Visible starting values that depend on the notebook (e.g. which series to compare), filled
	 * in when the cell is added so a new cell runs as is; the schema defaults cover the rest. */
	suggest?(env: SuggestEnv): Partial<P>;
	run(ctx: RunContext<P>): Promise<CellOutput>;
}

/** What `suggest` may look at when a cell is added. */
export interface SuggestEnv {
	/** The cells wired to the new cell's slots, by slot. */
	inputs: Record<string, { kind: string; params: Record<string, unknown> }>;
	/** Series keys of the notebook's incident ([] when unknown). */
	seriesKeys: string[];
}

/** A kind of any params type, as stored in a registry (params are validated by its own schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its params with its schema
export type AnyCellKind = CellKind<any>;

/** Kinds by their `kind` string. */
export type KindRegistry = Readonly<Record<string, AnyCellKind>>;
