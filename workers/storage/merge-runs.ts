/**
 * The k-way merge of sorted runs (runs.ts) into an import's final, globally time-ordered chunks.
 * Ties go to the earlier run, and runs are consecutive pieces of reading order sorted stably, so
 * the result is exactly what one stable sort of every row gives (LogBuilder.finish). Memory: one
 * run chunk per run plus the chunk being filled. Each final chunk is written in its own small
 * transaction, which also deletes the run chunks already consumed, so the disk holds about one
 * copy of the data at any time.
 */
import type { LogTable, SpanTable } from '../bundle/types';
import type { CancelSignal } from '../shared/cancel';
import { logRecord, spanRecord } from './chunks';
import type { LogChunkRecord, LogChunkSummary, SpanChunkRecord, SpanChunkSummary } from './records';
import type { Run } from './runs';
import type { ChunkRecord, ChunkStore, StagingArea } from './staging';

/** Where the merge is: one run's current chunk and row. */
interface Cursor<C> {
	run: number;
	chunk: C;
	/** Row within `chunk`. */
	i: number;
	/** Number of `chunk` under the runs key, and the number after the run's last chunk. */
	at: number;
	end: number;
}

/** Collects merged rows of one kind and cuts them into a final chunk. */
interface Output<C, S> {
	readonly length: number;
	/** Appends row `i` of a run chunk (ids remapped to the final dictionaries). */
	push(chunk: C, i: number): void;
	/** The rows collected as final chunk `chunk` under `key`, and forgets them. */
	take(key: string, chunk: number): { record: C; summary: S };
}

/** How to merge the chunks of one store. */
interface MergeKind<S extends ChunkStore, Sum> {
	store: S;
	/** Sort key (time) of a chunk's rows. */
	time(chunk: ChunkRecord<S>): Float64Array;
	output: Output<ChunkRecord<S>, Sum>;
}

export interface MergeOptions {
	signal: CancelSignal;
	/** Rows per final chunk. */
	chunkRows: number;
	/** Called after each final chunk with the rows it held. */
	onRows: (rows: number) => void;
}

/** Merges `runs` (under area.runsKey) into final chunks under area.key; returns their summaries. */
async function mergeRuns<S extends ChunkStore, Sum>(
	area: StagingArea,
	runs: Run[],
	kind: MergeKind<S, Sum>,
	opts: MergeOptions
): Promise<Sum[]> {
	type C = ChunkRecord<S>;
	const { store, output } = kind;
	const read = (at: number) => area.get(store, area.runsKey, at);
	const heap: Cursor<C>[] = [];
	for (let run = 0; run < runs.length; run++) {
		const { first, count } = runs[run];
		if (count > 0)
			heap.push({ run, chunk: await read(first), i: 0, at: first, end: first + count });
	}
	const before = (a: Cursor<C>, b: Cursor<C>) => {
		const ta = kind.time(a.chunk)[a.i];
		const tb = kind.time(b.chunk)[b.i];
		return ta < tb || (ta === tb && a.run < b.run);
	};
	for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, before);
	const summaries: Sum[] = [];
	let consumed: number[] = [];
	const flush = async () => {
		const rows = output.length;
		await opts.signal.checkpoint();
		const { record, summary } = output.take(area.key, summaries.length);
		await area.put(store, [record], { key: area.runsKey, chunks: consumed });
		consumed = [];
		summaries.push(summary);
		opts.onRows(rows);
	};
	while (heap.length > 0) {
		const top = heap[0];
		output.push(top.chunk, top.i);
		if (++top.i === top.chunk.n) {
			consumed.push(top.at);
			if (++top.at < top.end) {
				top.chunk = await read(top.at);
				top.i = 0;
			} else {
				heap[0] = heap[heap.length - 1];
				heap.pop();
			}
		}
		if (heap.length > 1) siftDown(heap, 0, before);
		if (output.length === opts.chunkRows) await flush();
	}
	if (output.length > 0) await flush();
	if (consumed.length > 0) await area.put(store, [], { key: area.runsKey, chunks: consumed });
	return summaries;
}

function siftDown<T>(heap: T[], i: number, before: (a: T, b: T) => boolean): void {
	for (;;) {
		const l = 2 * i + 1;
		const r = l + 1;
		let m = i;
		if (l < heap.length && before(heap[l], heap[m])) m = l;
		if (r < heap.length && before(heap[r], heap[m])) m = r;
		if (m === i) return;
		[heap[i], heap[m]] = [heap[m], heap[i]];
		i = m;
	}
}

const slice = (text: string, off: Uint32Array, i: number) => text.slice(off[i], off[i + 1]);

/** Merges log runs; `services` / `remap`: the final dictionary and the builder's ids into it. */
export function mergeLogRuns(
	area: StagingArea,
	runs: Run[],
	dict: { services: string[]; remap: Uint32Array },
	opts: MergeOptions
): Promise<LogChunkSummary[]> {
	let rows = emptyLogRows();
	const output: Output<LogChunkRecord, LogChunkSummary> = {
		get length() {
			return rows.t.length;
		},
		push(c, i) {
			rows.t.push(c.t[i]);
			rows.level.push(c.level[i]);
			rows.service.push(dict.remap[c.service[i]]);
			rows.message.push(slice(c.messages, c.messageOffsets, i));
			rows.extra.push(slice(c.extras, c.extraOffsets, i));
		},
		take(key, chunk) {
			const table: LogTable = {
				length: rows.t.length,
				t: Float64Array.from(rows.t),
				level: Uint8Array.from(rows.level),
				service: Uint16Array.from(rows.service),
				services: dict.services,
				message: rows.message,
				extra: rows.extra
			};
			rows = emptyLogRows();
			return logRecord(key, table, 0, table.length, chunk);
		}
	};
	return mergeRuns(area, runs, { store: 'logChunks', time: (c) => c.t, output }, opts);
}

function emptyLogRows() {
	return {
		t: [] as number[],
		level: [] as number[],
		service: [] as number[],
		message: [] as string[],
		extra: [] as string[]
	};
}

/** The final span dictionaries and the builder's ids into them. */
export interface SpanRemap {
	services: { names: string[]; remap: Uint32Array };
	operations: { names: string[]; remap: Uint32Array };
}

/** Merges span runs into final chunks (whose dictionaries live on the incident record). */
export function mergeSpanRuns(
	area: StagingArea,
	runs: Run[],
	dict: SpanRemap,
	opts: MergeOptions
): Promise<SpanChunkSummary[]> {
	let rows = emptySpanRows();
	const output: Output<SpanChunkRecord, SpanChunkSummary> = {
		get length() {
			return rows.start.length;
		},
		push(c, i) {
			rows.start.push(c.start[i]);
			rows.duration.push(c.duration[i]);
			rows.service.push(dict.services.remap[c.service[i]]);
			rows.operation.push(dict.operations.remap[c.operation[i]]);
			rows.status.push(c.status[i]);
			rows.kind.push(c.kind[i]);
			rows.traceId.push(slice(c.traceIds, c.traceIdOffsets, i));
			rows.spanId.push(slice(c.spanIds, c.spanIdOffsets, i));
			rows.parentId.push(slice(c.parentIds, c.parentIdOffsets, i));
		},
		take(key, chunk) {
			const table: SpanTable = {
				length: rows.start.length,
				traceId: rows.traceId,
				spanId: rows.spanId,
				parentId: rows.parentId,
				service: Uint16Array.from(rows.service),
				services: dict.services.names,
				operation: Uint32Array.from(rows.operation),
				operations: dict.operations.names,
				start: Float64Array.from(rows.start),
				duration: Float64Array.from(rows.duration),
				status: Uint8Array.from(rows.status),
				kind: Uint8Array.from(rows.kind)
			};
			rows = emptySpanRows();
			return spanRecord(key, table, 0, table.length, chunk);
		}
	};
	return mergeRuns(area, runs, { store: 'spanChunks', time: (c) => c.start, output }, opts);
}

function emptySpanRows() {
	const nums = () => [] as number[];
	const strs = () => [] as string[];
	return {
		start: nums(),
		duration: nums(),
		service: nums(),
		operation: nums(),
		status: nums(),
		kind: nums(),
		traceId: strs(),
		spanId: strs(),
		parentId: strs()
	};
}
