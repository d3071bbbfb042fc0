/**
 * Keeps a few IndexedDB writes in flight inside one transaction. Awaiting each write in turn would
 * idle the database between requests; awaiting none would report no progress and give a cancel
 * message no chance to arrive. A short pipeline does both and bounds what is queued.
 */

const ignore = (): void => {};

export class WriteQueue {
	private pending: { done: Promise<unknown>; rows: number }[] = [];
	private written = 0;

	constructor(
		private readonly total: number,
		private readonly onProgress?: (rowsWritten: number, rowsTotal: number) => void,
		private readonly depth = 4
	) {}

	/** Queues a write covering `rows` rows; waits for the oldest once `depth` are in flight. */
	async add(done: Promise<unknown>, rows = 0): Promise<void> {
		// On abort every pending request rejects; mark them handled so none surfaces as unhandled.
		done.catch(ignore);
		this.pending.push({ done, rows });
		while (this.pending.length >= this.depth) await this.next();
	}

	/** Waits for every queued write. */
	async flush(): Promise<void> {
		while (this.pending.length) await this.next();
	}

	private async next(): Promise<void> {
		const head = this.pending.shift();
		if (!head) return;
		await head.done;
		if (head.rows) {
			this.written += head.rows;
			this.onProgress?.(this.written, this.total);
		}
	}
}
