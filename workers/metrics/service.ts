/**
 * The metrics API as a plain object: exposed over comlink by index.ts in the browser, called
 * directly by the Node runner and tests. Jobs with an id can be cancelled; a new call with the
 * same id cancels the old one (latest run wins).
 */
import { JobRegistry, type CancelSignal } from '../shared/cancel';
import type { MetricsApi } from './api';
import { runAnomalies, runForecast } from './cell-requests';
import { loadDanfo } from './danfo';
import { windowStats } from './stats';
import { computeWindows } from './windows';

export function createMetricsApi(): MetricsApi {
	const jobs = new JobRegistry();
	/** Runs `work` as job `jobId` (cancellable, latest run wins), or uncancellable without an id. */
	const asJob = async <T>(
		jobId: string | undefined,
		work: (signal?: CancelSignal) => Promise<T>
	): Promise<T> => {
		if (jobId === undefined) return work();
		const src = jobs.start(jobId);
		try {
			return await work(src);
		} finally {
			jobs.finish(jobId, src);
		}
	};
	return {
		windowStats: (series, range, jobId) =>
			asJob(jobId, (signal) => windowStats(series, range, signal)),
		windows: (series, opts, jobId) =>
			asJob(jobId, (signal) => computeWindows(series, opts, signal)),
		forecast: (req, jobId, onProgress) =>
			asJob(jobId, (signal) => runForecast(req, signal, onProgress)),
		anomalies: (req, jobId) => asJob(jobId, (signal) => runAnomalies(req, signal)),
		async cancel(jobId) {
			return jobs.cancel(jobId);
		},
		async warm() {
			const { loadMs } = await loadDanfo();
			return { loadMs };
		}
	};
}
