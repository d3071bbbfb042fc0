/**
 * A browser import written while it is parsed, in bounded memory: the parser's builders spill
 * sorted runs of log lines and spans (runs.ts) into a staging area (staging.ts); once the bundle
 * is valid the runs are merged into final, time-ordered chunks (merge-runs.ts) and one short
 * commit makes the incident visible (commit.ts). Any failure or cancel before that commit leaves
 * the database as it was, once the caller has called discard().
 */
import type { Spill } from '../bundle/runs';
import { RUN_ROWS } from '../bundle/runs';
import { bundleBytes, namesBytes } from '../bundle/size';
import type { LogTable, SpanTable, StagedBundle } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import type { CancelSignal } from '../shared/cancel';
import { commitIncident, DuplicateIncidentError } from './commit';
import type { AitiaDb } from './db';
import { bundleRows, type BundleOrigin } from './incident-info';
import { mergeLogRuns, mergeSpanRuns } from './merge-runs';
import { DEFAULT_CHUNK_ROWS } from './records';
import { LogRunStore, SpanRunStore } from './runs';
import { StagingArea } from './staging';

export interface StagedImportOptions {
	/** Rows per final chunk (tests use small chunks). */
	chunkRows?: number;
	/** Rows a builder buffers before it writes a sorted run piece (default RUN_ROWS). */
	runRows?: number;
	/** Rows per run chunk (default RUN_CHUNK_ROWS). */
	runChunkRows?: number;
}

export interface FinishOptions {
	signal: CancelSignal;
	replace: boolean;
	/** Rows merged and committed so far / in total (log lines + spans + points + events). */
	onProgress: (rowsWritten: number, rowsTotal: number) => void;
}

export class StagedImport {
	private constructor(
		private readonly area: StagingArea,
		private readonly logs: LogRunStore,
		private readonly spans: SpanRunStore,
		private readonly opts: StagedImportOptions
	) {}

	/** Sweeps dead imports' leftovers and opens a fresh staging area. */
	static async open(db: AitiaDb, opts: StagedImportOptions = {}): Promise<StagedImport> {
		const area = await StagingArea.open(db);
		const logs = new LogRunStore(area, opts.runChunkRows);
		const spans = new SpanRunStore(area, opts.runChunkRows);
		return new StagedImport(area, logs, spans, opts);
	}

	/** The sinks to hand to stageBundle. */
	get spills(): { logs: Spill<LogTable>; spans: Spill<SpanTable> } {
		const runRows = this.opts.runRows ?? RUN_ROWS;
		return { logs: { sink: this.logs, runRows }, spans: { sink: this.spans, runRows } };
	}

	/** Merges the runs into final chunks and commits the incident. */
	async finish(
		bundle: StagedBundle,
		origin: Omit<BundleOrigin, 'bytes'>,
		opts: FinishOptions
	): Promise<IncidentInfo> {
		const id = bundle.manifest.id;
		// Refused before the merge; the commit checks again (another tab may import the same id).
		if (!opts.replace && (await this.area.db.getKey('incidents', id)) !== undefined) {
			throw new DuplicateIncidentError(id);
		}
		const chunkRows = this.opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
		const total = bundleRows(bundle);
		let written = 0;
		const merge = {
			signal: opts.signal,
			chunkRows,
			onRows: (rows: number) => opts.onProgress((written += rows), total)
		};
		const { logs, traces } = bundle;
		const logChunks = await mergeLogRuns(this.area, this.logs.runs, logs, merge);
		const spanChunks = await mergeSpanRuns(this.area, this.spans.runs, traces, merge);
		const bytes =
			bundleBytes(bundle) +
			this.logs.bytes +
			namesBytes(logs.services) +
			this.spans.bytes +
			namesBytes(traces.services.names) +
			namesBytes(traces.operations.names);
		const base = written;
		const staged = {
			...bundle,
			logs: { length: logs.length, services: logs.services, chunks: logChunks },
			traces: {
				length: traces.length,
				services: traces.services.names,
				operations: traces.operations.names,
				chunks: spanChunks
			}
		};
		return commitIncident(
			this.area,
			staged,
			{ ...origin, bytes },
			{
				signal: opts.signal,
				replace: opts.replace,
				chunkRows,
				onRows: (rows) => opts.onProgress(base + rows, total)
			}
		);
	}

	/** Deletes everything staged (after a failure or cancel); never throws. */
	discard(): Promise<void> {
		return this.area.discard();
	}
}
