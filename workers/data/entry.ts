/**
 * The data worker's entry: exposes DataWorkerApi over comlink. It owns the single IndexedDB
 * connection, opened lazily once behind a shared promise (an open failure is reported as such).
 */
import { expose } from 'comlink';
import { openAitiaDb, type AitiaDb } from '../storage/db';
import { deleteIncident, listIncidents } from '../storage/incidents';
import * as notebooks from '../storage/notebooks';
import * as outputs from '../storage/outputs';
import * as meta from '../storage/meta';
import * as feedback from '../storage/feedback';
import { clearAll } from '../storage/clear';
import { JobRegistry } from '../shared/cancel';
import { createIdbSource } from './idb-source';
import type { CancellableSource } from './selection';
import { runImport } from './importer';
import { proposeForFiles } from './propose-file';
import * as capsules from './capsule-io';
import type { DataWorkerApi } from './worker-api';

let ready: Promise<{ db: AitiaDb; source: CancellableSource }> | undefined;

function init() {
	ready ??= openAitiaDb().then(
		(db) => ({ db, source: createIdbSource(db) }),
		(err: unknown) => {
			ready = undefined; // let a later call retry
			throw new Error(`Could not open the local database (IndexedDB): ${(err as Error).message}`);
		}
	);
	return ready;
}

const imports = new JobRegistry();

const api: DataWorkerApi = {
	async exportCapsule(req) {
		return capsules.exportCapsule((await init()).db, req);
	},
	async redactionPreview(incidentId, rules) {
		return capsules.redactionPreview((await init()).db, incidentId, rules);
	},
	async importCapsule(file, opts, onProgress) {
		const { db } = await init();
		const signal = imports.start(opts.jobId);
		try {
			return await capsules.importCapsule(db, file, {
				source: opts.source,
				replace: !!opts.replace,
				signal,
				onProgress: (p) => onProgress?.(p)
			});
		} finally {
			imports.finish(opts.jobId, signal);
		}
	},
	async importBundle(files, opts, onProgress) {
		const { db } = await init();
		const signal = imports.start(opts.jobId);
		try {
			return await runImport({
				db,
				files,
				source: opts.source,
				replace: !!opts.replace,
				signal,
				onProgress: (p) => onProgress?.(p)
			});
		} finally {
			imports.finish(opts.jobId, signal);
		}
	},
	async proposeManifest(files) {
		return proposeForFiles(files);
	},
	async cancel(jobId) {
		const { source } = await init();
		return imports.cancel(jobId) || source.cancel(jobId);
	},
	async listIncidents() {
		return listIncidents((await init()).db);
	},
	async deleteIncident(id) {
		await deleteIncident((await init()).db, id, { withNotebooks: true });
	},
	async clearAll() {
		await clearAll((await init()).db);
	},
	async incident(id) {
		return (await init()).source.incident(id);
	},
	async select(id, selection, jobId) {
		return (await init()).source.select(id, selection, jobId);
	},
	async rcaEvidence(id, req, jobId) {
		return (await init()).source.rcaEvidence(id, req, jobId);
	},
	async rcaLibrary(method, jobId, onProgress) {
		return (await init()).source.rcaLibrary(method, jobId, onProgress);
	},
	async library() {
		return (await init()).source.library();
	},
	async listNotebooks(incidentId) {
		return notebooks.listNotebooks((await init()).db, incidentId);
	},
	async getNotebook(id) {
		return notebooks.getNotebook((await init()).db, id);
	},
	async putNotebook(doc) {
		await notebooks.putNotebook((await init()).db, doc);
	},
	async deleteNotebook(id) {
		await notebooks.deleteNotebook((await init()).db, id);
	},
	async getOutput(hash) {
		return outputs.getOutput((await init()).db, hash);
	},
	async clearOutputs() {
		const { db } = await init();
		const freed = (await outputs.listOutputs(db)).reduce((n, r) => n + r.bytes, 0);
		await outputs.clearOutputs(db);
		return freed;
	},
	async putOutput(hash, output, incidentId) {
		await outputs.putOutput((await init()).db, hash, output, incidentId);
	},
	async getMeta(key) {
		return meta.getMeta((await init()).db, key);
	},
	async setMeta(key, value) {
		await meta.setMeta((await init()).db, key, value);
	},
	async putFeedback(rec) {
		return feedback.putFeedback((await init()).db, rec);
	},
	async listFeedback(incidentId) {
		return feedback.listFeedback((await init()).db, incidentId);
	},
	async exportFeedback() {
		return feedback.exportFeedback((await init()).db);
	},
	async importFeedback(text) {
		return feedback.importFeedback((await init()).db, text);
	}
};

expose(api);
