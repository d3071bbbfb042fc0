import type { LogsApi } from '$workers/logs/api';
import { WorkerClient } from './worker-client';

/** The logs worker: template mining, embeddings (MiniLM or lexical) and vector search. */
export const logsWorker = new WorkerClient<LogsApi>(
	() =>
		new Worker(new URL('../../../workers/logs/index.ts', import.meta.url), {
			type: 'module',
			name: 'aitia-logs'
		})
);
