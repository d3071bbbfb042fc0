/**
 * The storage side of sorted runs (workers/bundle/runs.ts): each piece a builder spills is cut
 * into small chunks under the import's runs key, numbered in writing order, so a run is a range
 * of consecutive chunk numbers. Run chunks are small (RUN_CHUNK_ROWS) because the merge holds one
 * of every run at once; they keep the builder's first-come service / operation ids, which the
 * merge remaps once the final dictionaries are known.
 */
import type { RunSink } from '../bundle/runs';
import { logBytes, spanBytes } from '../bundle/size';
import type { LogTable, SpanTable } from '../bundle/types';
import { logRecord, spanRecord } from './chunks';
import type { StagingArea } from './staging';

/** Rows per run chunk: runs × this many rows is what the merge holds. */
export const RUN_CHUNK_ROWS = 8_192;

/** Chunks [first, first + count) under the runs key. */
export interface Run {
	first: number;
	count: number;
}

/** Writes spilled pieces as run chunks; what the merge needs afterwards is kept here. */
abstract class RunStore<Rows extends { length: number }> implements RunSink<Rows> {
	readonly runs: Run[] = [];
	/** Estimated stored bytes of all rows written (size.ts, without dictionaries). */
	bytes = 0;
	private next = 0;

	constructor(
		protected readonly area: StagingArea,
		private readonly chunkRows = RUN_CHUNK_ROWS
	) {}

	async write(rows: Rows, isNewRun: boolean): Promise<void> {
		if (isNewRun || this.runs.length === 0) this.runs.push({ first: this.next, count: 0 });
		const run = this.runs[this.runs.length - 1];
		this.bytes += this.size(rows);
		const chunks: number[] = [];
		for (let from = 0; from < rows.length; from += this.chunkRows) chunks.push(from);
		run.count += chunks.length;
		const first = this.next;
		this.next += chunks.length;
		const to = (from: number) => Math.min(rows.length, from + this.chunkRows);
		await this.put(rows, chunks, to, first);
	}

	protected abstract size(rows: Rows): number;
	protected abstract put(
		rows: Rows,
		froms: number[],
		to: (from: number) => number,
		first: number
	): Promise<void>;
}

export class LogRunStore extends RunStore<LogTable> {
	protected size(rows: LogTable): number {
		return logBytes({ ...rows, services: [] });
	}

	protected put(rows: LogTable, froms: number[], to: (from: number) => number, first: number) {
		// No dictionary per run chunk: the ids are the builder's, remapped by the merge.
		const table = { ...rows, services: [] };
		const key = this.area.runsKey;
		const records = froms.map((f, i) => logRecord(key, table, f, to(f), first + i).record);
		return this.area.put('logChunks', records);
	}
}

export class SpanRunStore extends RunStore<SpanTable> {
	protected size(rows: SpanTable): number {
		return spanBytes({ ...rows, services: [], operations: [] });
	}

	protected put(rows: SpanTable, froms: number[], to: (from: number) => number, first: number) {
		const key = this.area.runsKey;
		const records = froms.map((f, i) => spanRecord(key, rows, f, to(f), first + i).record);
		return this.area.put('spanChunks', records);
	}
}
