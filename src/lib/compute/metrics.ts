import type { MetricsApi } from '$workers/metrics/api';
import { WorkerClient } from './worker-client';

/** The metrics worker (danfojs is loaded lazily inside it, never on the page). */
export const metricsWorker = new WorkerClient<MetricsApi>(
	() =>
		new Worker(new URL('../../../workers/metrics/index.ts', import.meta.url), {
			type: 'module',
			name: 'aitia-metrics'
		})
);
