/**
 * The incident library: stored incidents and notebooks, and the import in progress.
 * A rune class (STYLE §4.9); components read its fields and call its methods, nothing else.
 */
import { proxy } from 'comlink';
import type { BundleIssue, ImportProgress } from '$workers/bundle/types';
import type { IncidentInfo } from '$workers/data/api';
import type { InputFile, NotebookSummary } from '$workers/data/worker-api';
import { dataWorker } from '$lib/compute/data';
import { proposeFor, type Proposal } from '$lib/import/files';

export interface ImportState {
	jobId: string;
	source: string;
	progress: ImportProgress;
	cancelling: boolean;
}

export interface ImportReport {
	source: string;
	ok: boolean;
	cancelled: boolean;
	errors: BundleIssue[];
	warnings: BundleIssue[];
	incidentId?: string;
	/** The import failed only because the incident id is already stored. */
	duplicate?: boolean;
}

/** Browser storage of this origin: bytes used and allowed, and whether eviction is off. */
export interface StorageStatus {
	usage: number | null;
	quota: number | null;
	/** null: the browser cannot tell. */
	persisted: boolean | null;
}

export class Library {
	incidents = $state<IncidentInfo[]>([]);
	notebooks = $state<NotebookSummary[]>([]);
	importing = $state<ImportState | null>(null);
	lastImport = $state<ImportReport | null>(null);
	loadError = $state<string | null>(null);
	storage = $state<StorageStatus | null>(null);
	/** Called after a successful import (the app opens a notebook for it) with the import's source. */
	onImported: ((incidentId: string, source: string) => Promise<void>) | undefined;
	/** Files of the last failed import, kept so "Replace" can retry it without a new pick. */
	private lastFiles: InputFile[] = [];

	async refresh(): Promise<void> {
		try {
			const api = dataWorker.api;
			const [incidents, notebooks] = await Promise.all([api.listIncidents(), api.listNotebooks()]);
			this.incidents = incidents;
			this.notebooks = notebooks;
			this.loadError = null;
			void this.refreshStorage();
		} catch (e) {
			this.loadError = `Could not read the local database: ${(e as Error).message}`;
		}
	}

	incident(id: string): IncidentInfo | undefined {
		return this.incidents.find((i) => i.manifest.id === id);
	}

	/** Imports files all-or-nothing; resolves with the report also kept in `lastImport`. */
	/** The manifest proposed for one dropped export without one, as the form's draft. */
	propose(files: InputFile[]): Promise<Proposal | undefined> {
		return proposeFor(files, (f) => dataWorker.api.proposeManifest(f));
	}

	async importFiles(files: InputFile[], source: string, replace = false): Promise<ImportReport> {
		if (this.importing) throw new Error('An import is already running');
		const jobId = `import-${Date.now().toString(36)}`;
		const bytesTotal = files.reduce((n, f) => n + f.blob.size, 0);
		this.importing = {
			jobId,
			source,
			cancelling: false,
			progress: { phase: 'reading', bytesDone: 0, bytesTotal, rows: 0 }
		};
		this.lastImport = null;
		await requestPersistence();
		try {
			const res = await dataWorker.api.importBundle(
				files,
				{ jobId, source, replace },
				proxy((p: ImportProgress) => {
					if (this.importing?.jobId === jobId) this.importing.progress = p;
				})
			);
			const report: ImportReport = res.ok
				? {
						source,
						ok: true,
						cancelled: false,
						errors: [],
						warnings: res.warnings,
						incidentId: res.info.manifest.id
					}
				: {
						source,
						ok: false,
						cancelled: res.cancelled,
						errors: res.errors,
						warnings: res.warnings,
						duplicate: res.errors.some((e) => e.code === 'duplicate-incident')
					};
			this.lastFiles = report.ok ? [] : files;
			this.lastImport = report;
			return report;
		} catch (e) {
			const report: ImportReport = {
				source,
				ok: false,
				cancelled: false,
				warnings: [],
				errors: [
					{ severity: 'error', file: source, message: `Import failed: ${(e as Error).message}` }
				]
			};
			this.lastImport = report;
			return report;
		} finally {
			this.importing = null;
			await this.refresh();
			const done = this.lastImport;
			if (done?.ok && done.source === source && done.incidentId)
				await this.onImported?.(done.incidentId, source);
		}
	}

	/** Retries the last import, replacing the stored incident with the same id. */
	async replaceLast(): Promise<ImportReport | undefined> {
		const source = this.lastImport?.source;
		if (!source || this.lastFiles.length === 0) return undefined;
		return this.importFiles(this.lastFiles, source, true);
	}

	async cancelImport(): Promise<void> {
		if (!this.importing) return;
		this.importing.cancelling = true;
		await dataWorker.api.cancel(this.importing.jobId);
	}

	async refreshStorage(): Promise<void> {
		const st = navigator.storage;
		const [estimate, persisted] = await Promise.all([
			st?.estimate?.().catch(() => undefined),
			st?.persisted?.().catch(() => null)
		]);
		this.storage = {
			usage: estimate?.usage ?? null,
			quota: estimate?.quota ?? null,
			persisted: persisted ?? null
		};
	}

	/** Asks the browser to stop evicting our data (it may say no, or ask the user). */
	async persist(): Promise<void> {
		await requestPersistence();
		await this.refreshStorage();
	}

	/**
	 * Drops every cached cell output (notebooks and incidents stay; cells recompute when run).
	 * Returns the bytes freed, as the cache estimated them.
	 */
	async clearOutputs(): Promise<number> {
		const freed = await dataWorker.api.clearOutputs();
		await this.refreshStorage();
		return freed;
	}

	async deleteIncident(id: string): Promise<void> {
		await dataWorker.api.deleteIncident(id);
		await this.refresh();
	}
}

/** Ask the browser to keep our data under storage pressure (only possible on the page thread). */
async function requestPersistence(): Promise<void> {
	try {
		if (navigator.storage?.persisted && !(await navigator.storage.persisted())) {
			await navigator.storage.persist?.();
		}
	} catch {
		// Persistence is a best-effort request; the quota check in the worker still guards the import.
	}
}
