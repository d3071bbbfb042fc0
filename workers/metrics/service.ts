/**
 * The metrics API as a plain object: exposed over comlink by index.ts in the browser, called
 * directly by the Node runner and tests. Jobs with an id can be cancelled; a new call with the
 * same id cancels the old one (latest run wins).
 */
import { JobRegistry } from '../shared/cancel';
import type { MetricsApi } from './api';
import { runAnomalies, runForecast } from './cell-requests';
import { loadDanfo } from './danfo';
import { windowStats } from './stats';
import { computeWindows } from './windows';

export function createMetricsApi(): MetricsApi {
	const jobs = new JobRegistry();
	return {
		async windowStats(series, range, jobId) {
			if (jobId === undefined) return windowStats(series, range);
			const src = jobs.start(jobId);
			try {
				return await windowStats(series, range, src);
			} finally {
				jobs.finish(jobId, src);
			}
		},
		async windows(series, opts, jobId) {
			if (jobId === undefined) return computeWindows(series, opts);
			const src = jobs.start(jobId);
			try {
				return await computeWindows(series, opts, src);
			} finally {
				jobs.finish(jobId, src);
			}
		},
		async forecast(req, jobId) {
			if (jobId === undefined) return runForecast(req);
			const src = jobs.start(jobId);
			try {
				return await runForecast(req, src);
			} finally {
				jobs.finish(jobId, src);
			}
		},
		async anomalies(req, jobId) {
			if (jobId === undefined) return runAnomalies(req);
			const src = jobs.start(jobId);
			try {
				return await runAnomalies(req, src);
			} finally {
				jobs.finish(jobId, src);
			}
		},
		async cancel(jobId) {
			return jobs.cancel(jobId);
		},
		async warm() {
			const { loadMs } = await loadDanfo();
			return { loadMs };
		}
	};
}
