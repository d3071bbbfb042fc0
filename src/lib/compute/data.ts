import type { DataWorkerApi } from '$workers/data/worker-api';
import { WorkerClient } from './worker-client';

/** The data worker: owns IndexedDB (imports, library, notebooks, output cache, selections). */
export const dataWorker = new WorkerClient<DataWorkerApi>(
	() =>
		new Worker(new URL('../../../workers/data/entry.ts', import.meta.url), {
			type: 'module',
			name: 'aitia-data'
		})
);
