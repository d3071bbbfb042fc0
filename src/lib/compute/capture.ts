import type { CaptureWorkerApi } from '$workers/capture/api';
import { WorkerClient } from './worker-client';

/** The capture worker: fetches a window from Prometheus/Loki and zips it as a bundle. */
export const captureWorker = new WorkerClient<CaptureWorkerApi>(
	() =>
		new Worker(new URL('../../../workers/capture/entry.ts', import.meta.url), {
			type: 'module',
			name: 'aitia-capture'
		})
);
