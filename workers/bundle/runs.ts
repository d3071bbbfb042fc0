/**
 * Sorted runs: how the log and span builders of a browser import hand their rows to storage while
 * parsing, so memory stays bounded by the run size instead of growing with the data. A builder
 * buffers rows in reading order; when the buffer is full it sorts it (stably, by time) and writes
 * it to the sink, either continuing the last run (when it starts no earlier than that run ended)
 * or as a new run. Storage later merges the runs (ties broken by run order), which gives exactly
 * the order one stable sort of all rows would give: a file already in order stays one run.
 */

/** Where a builder writes its sorted pieces; implemented by storage (workers/storage/runs.ts). */
export interface RunSink<Rows> {
	/**
	 * Appends `rows` (sorted by time; service / operation columns still in the builder's
	 * first-come numbering) to the last run, or starts a new run with them when `isNewRun`.
	 */
	write(rows: Rows, isNewRun: boolean): Promise<void>;
}

/** A builder's sink and the rows it may buffer before writing a run piece. */
export interface Spill<Rows> {
	sink: RunSink<Rows>;
	/** Rows buffered before they are sorted and written (default RUN_ROWS). */
	runRows: number;
}

/**
 * Default rows buffered per run piece (≈ 40–80 MB of typical log lines). A shuffled file of N rows
 * becomes N / RUN_ROWS runs, and the merge holds one stored chunk of each.
 */
export const RUN_ROWS = 262_144;

/** A storage failure while writing a run: not a bundle problem, so never reported as an issue. */
export class RunSinkError extends Error {
	constructor(cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause), { cause });
		this.name = 'RunSinkError';
	}
}

/** Tracks the open run: whether the next sorted piece continues it. */
export class RunTracker<Rows> {
	private lastT = -Infinity;
	private hasRun = false;

	constructor(readonly spill: Spill<Rows>) {}

	/** Writes one sorted piece whose first and last times are `first` and `last`. */
	async write(rows: Rows, first: number, last: number): Promise<void> {
		const isNewRun = !this.hasRun || first < this.lastT;
		try {
			await this.spill.sink.write(rows, isNewRun);
		} catch (err) {
			throw new RunSinkError(err);
		}
		this.hasRun = true;
		this.lastT = last;
	}
}
