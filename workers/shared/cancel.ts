/**
 * Cooperative cancellation for long work in workers. A worker loop calls `await signal.checkpoint()`
 * between chunks: it yields to the event loop (so a `cancel` message can arrive over comlink) at most
 * every `sliceMs`, and throws CancelledError once cancelled. Latest-run-wins uses the same mechanism.
 */

export class CancelledError extends Error {
	constructor(message = 'Cancelled') {
		super(message);
		this.name = 'CancelledError';
	}
}

export function isCancelled(err: unknown): boolean {
	return err instanceof Error && err.name === 'CancelledError';
}

export interface CancelSignal {
	readonly cancelled: boolean;
	/** Throws CancelledError if cancelled; yields to the event loop if the slice is used up. */
	checkpoint(): Promise<void>;
	/** Throws CancelledError if cancelled, without yielding. */
	throwIfCancelled(): void;
}

const yieldNow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class CancelSource implements CancelSignal {
	private _cancelled = false;
	private lastYield = Date.now();
	constructor(private readonly sliceMs = 30) {}
	get cancelled(): boolean {
		return this._cancelled;
	}
	cancel(): void {
		this._cancelled = true;
	}
	throwIfCancelled(): void {
		if (this._cancelled) throw new CancelledError();
	}
	async checkpoint(): Promise<void> {
		this.throwIfCancelled();
		const now = Date.now();
		if (now - this.lastYield >= this.sliceMs) {
			await yieldNow();
			this.lastYield = Date.now();
			this.throwIfCancelled();
		}
	}
}

/** A signal that is never cancelled (Node runner, tests). */
export const neverCancelled: CancelSignal = {
	cancelled: false,
	checkpoint: async () => {},
	throwIfCancelled: () => {}
};

/** Registry of running jobs by id so a separate `cancel(jobId)` call can reach them. */
export class JobRegistry {
	private jobs = new Map<string, CancelSource>();
	start(jobId: string): CancelSource {
		this.jobs.get(jobId)?.cancel();
		const src = new CancelSource();
		this.jobs.set(jobId, src);
		return src;
	}
	cancel(jobId: string): boolean {
		const src = this.jobs.get(jobId);
		if (!src) return false;
		src.cancel();
		return true;
	}
	finish(jobId: string, src: CancelSource): void {
		if (this.jobs.get(jobId) === src) this.jobs.delete(jobId);
	}
}
