/** The browser implementation of Compute: every service is a comlink proxy of its worker. */
import { proxy } from 'comlink';
import type { Compute } from '$lib/notebook/kinds/kind';
import { causalWorker } from './causal';
import { dataWorker } from './data';
import { logsWorker } from './logs';
import { metricsWorker } from './metrics';

export function browserCompute(): Compute {
	return {
		data: {
			incident: (id) => dataWorker.api.incident(id),
			select: (id, sel, jobId) => dataWorker.api.select(id, sel, jobId),
			rcaEvidence: (id, req, jobId) => dataWorker.api.rcaEvidence(id, req, jobId),
			rcaLibrary: (method, jobId, onProgress) =>
				dataWorker.api.rcaLibrary(method, jobId, onProgress ? proxy(onProgress) : undefined),
			library: () => dataWorker.api.library()
		},
		metrics: {
			windowStats: (series, range, jobId) => metricsWorker.api.windowStats(series, range, jobId),
			windows: (series, opts, jobId) => metricsWorker.api.windows(series, opts, jobId),
			forecast: (req, jobId, onProgress) =>
				metricsWorker.api.forecast(req, jobId, onProgress ? proxy(onProgress) : undefined),
			anomalies: (req, jobId) => metricsWorker.api.anomalies(req, jobId)
		},
		causal: {
			// Progress callbacks cross into the worker as comlink proxies.
			pc: (table, options, jobId, onProgress) =>
				causalWorker.api.pc(table, options, jobId, onProgress ? proxy(onProgress) : undefined),
			effect: (table, spec, jobId) => causalWorker.api.effect(table, spec, jobId),
			rank: (input, jobId) => causalWorker.api.rank(input, jobId),
			align: (series, range, options) => causalWorker.api.align(series, range, options)
		},
		logs: {
			templates: (req, jobId, onProgress) =>
				logsWorker.api.templates(req, jobId, onProgress && proxy(onProgress)),
			search: (req, jobId, onProgress) =>
				logsWorker.api.search(req, jobId, onProgress && proxy(onProgress)),
			similar: (req, jobId, onProgress) =>
				logsWorker.api.similar(req, jobId, onProgress && proxy(onProgress))
		}
	};
}
