import type { CausalApi } from '$workers/causal/api';
import { WorkerClient } from './worker-client';

/** The causal worker: PC discovery, effect estimation, root-cause ranking. */
export const causalWorker = new WorkerClient<CausalApi>(
	() =>
		new Worker(new URL('../../../workers/causal/index.ts', import.meta.url), {
			type: 'module',
			name: 'aitia-causal'
		})
);
