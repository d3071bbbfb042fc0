import { wrap, releaseProxy, type Remote } from 'comlink';

/**
 * One client per compute worker: spawns lazily on first use, wraps it with comlink, and can be
 * restarted (terminate + respawn) for a hard cancel when cooperative cancellation is not enough.
 */
export class WorkerClient<T> {
	private worker: Worker | undefined;
	private remote: Remote<T> | undefined;
	/** Last uncaught error reported by the worker (init failures land here). */
	lastError: string | undefined;

	constructor(private readonly spawn: () => Worker) {}

	get api(): Remote<T> {
		if (!this.remote) {
			const worker = this.spawn();
			worker.addEventListener('error', (e) => {
				this.lastError = e.message || 'The worker failed to start';
				console.error('worker error', e);
			});
			this.worker = worker;
			this.remote = wrap<T>(worker);
		}
		return this.remote;
	}

	/** The worker's API if it has been started, without starting it. */
	get running(): Remote<T> | undefined {
		return this.remote;
	}

	/** Hard stop: whatever the worker was doing is abandoned. The next call spawns a fresh worker. */
	restart(): void {
		this.remote?.[releaseProxy]();
		this.worker?.terminate();
		this.worker = undefined;
		this.remote = undefined;
	}
}
