/**
 * The capture worker's entry: exposes CaptureWorkerApi over comlink. It only fetches and zips;
 * storing the bundle is the data worker's import, which the page starts with the zip.
 */
import { expose, transfer } from 'comlink';
import { JobRegistry } from '../shared/cancel';
import type { CaptureWorkerApi } from './api';
import { reviseManifest } from './bundle';
import { runCapture } from './run';

const jobs = new JobRegistry();

const api: CaptureWorkerApi = {
	async capture(req, jobId, onProgress) {
		const signal = jobs.start(jobId);
		try {
			const result = await runCapture(req, signal, (p) => onProgress?.(p));
			return result.ok ? transfer(result, [result.zip.buffer as ArrayBuffer]) : result;
		} finally {
			jobs.finish(jobId, signal);
		}
	},
	async cancel(jobId) {
		return jobs.cancel(jobId);
	},
	async reviseManifest(zip, patch) {
		const out = reviseManifest(zip, patch);
		return transfer(out, [out.buffer as ArrayBuffer]);
	}
};

expose(api);
