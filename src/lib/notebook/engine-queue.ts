/**
 * The engine's run queue: at most one live job per cell (a new run of a cell ends its old one:
 * the latest run wins), the queued ones picked earliest-in-topological-order first, and waiters
 * woken whenever a job ends. No cell states here: the engine decides what each end means.
 */
import { earliest, makeJob, type Job } from './engine-jobs';

export class JobQueue {
	/** The job of every queued or running cell; a job not in here is dead. */
	private readonly live = new Map<string, Job>();
	private queued: Job[] = [];
	private waiters: (() => void)[] = [];
	private counter = 0;
	private readonly tag = Math.random().toString(36).slice(2, 8);

	/** `onAbort`: told the id of every job that ends, so compute calls under it can be dropped. */
	constructor(private readonly onAbort?: (jobId: string) => void) {}

	/** The cell has a queued or running job. */
	has(cellId: string): boolean {
		return this.live.has(cellId);
	}

	/** The job is still its cell's live one (a newer run or a cancel ends it). */
	isCurrent(job: Job): boolean {
		return this.live.get(job.cellId) === job;
	}

	/** Cells with a live job. */
	cells(): string[] {
		return [...this.live.keys()];
	}

	/** A new queued job for the cell, ending the one in flight if any. */
	add(cellId: string): Job {
		this.end(cellId);
		const job = makeJob(`${this.tag}-${cellId}-${++this.counter}`, cellId);
		this.live.set(cellId, job);
		this.queued.push(job);
		return job;
	}

	/** Puts a live job back in the queue (it waits for an upstream cell). */
	requeue(job: Job): void {
		this.queued.push(job);
	}

	/** Takes the queued job earliest in `order` off the queue (it stays live until ended). */
	take(order: readonly string[]): Job | undefined {
		const job = earliest(this.queued, order);
		if (job) this.queued = this.queued.filter((j) => j !== job);
		return job;
	}

	/** Ends and aborts the cell's job; false if it had none. */
	end(cellId: string): boolean {
		const job = this.live.get(cellId);
		if (!job) return false;
		this.live.delete(cellId);
		this.queued = this.queued.filter((j) => j !== job);
		job.abort();
		this.onAbort?.(job.id);
		for (const wake of this.waiters.splice(0)) wake();
		return true;
	}

	/** Resolves once none of the cells has a live job. */
	async settled(cellIds: readonly string[]): Promise<void> {
		while (cellIds.some((id) => this.live.has(id))) {
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
	}
}
