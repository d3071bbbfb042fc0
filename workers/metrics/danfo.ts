/**
 * Lazy, load-once access to danfojs. The library is large (TensorFlow.js inside), so it is
 * imported on first use behind one shared promise that every call awaits.
 */
type DanfoModule = typeof import('danfojs');

/** The loaded library and how long loading took. */
export interface DanfoHandle {
	/** The danfojs namespace. */
	dfd: DanfoModule;
	/** Milliseconds the one-time import took (the same value for every later caller). */
	loadMs: number;
}

/** Raised when danfojs itself cannot be loaded, so callers can tell it from a failed computation. */
export class EngineInitError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EngineInitError';
	}
}

let loading: Promise<DanfoHandle> | undefined;

export function loadDanfo(): Promise<DanfoHandle> {
	loading ??= (async () => {
		const started = performance.now();
		try {
			const mod = (await import('danfojs')) as DanfoModule & { default?: DanfoModule };
			// Node resolves the CommonJS build (named exports on the namespace, sometimes only on
			// `default`); browsers get the ESM bundle. Accept either shape.
			const dfd = typeof mod.Series === 'function' ? mod : mod.default;
			if (!dfd || typeof dfd.Series !== 'function') throw new Error('danfojs has no Series export');
			return { dfd, loadMs: performance.now() - started };
		} catch (err) {
			// Forget the failure so a later call can retry (e.g. after a flaky chunk fetch).
			loading = undefined;
			const why = err instanceof Error ? err.message : String(err);
			throw new EngineInitError(`danfojs failed to load: ${why}`, { cause: err });
		}
	})();
	return loading;
}
