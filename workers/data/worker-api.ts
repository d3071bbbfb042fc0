/**
 * Contract of the data worker (types only; the UI imports it with `import type`). The worker owns
 * the IndexedDB connection: imports, library listing, notebooks, cached outputs and the selections
 * cells read all go through it, so the page thread never parses or copies bulk data.
 */
import type { BundleIssue, ImportProgress } from '../bundle/types';
import type { CellOutput } from '../shared/outputs';
import type { DataSelection, DataSource, IncidentInfo } from './api';
import type { FeedbackRecord } from '../storage/feedback';

/** A file handed over by the page: from a folder pick, a drop, a .zip or a single .json. */
export interface InputFile {
	/** Path relative to the picked folder, or the bare file name. */
	path: string;
	/** The file itself (Blobs/Files cross into workers without copying their bytes). */
	blob: Blob;
}

export interface ImportOptions {
	/** Replace an incident with the same id instead of refusing. */
	replace?: boolean;
	/** Job id so `cancel(jobId)` can stop this import. */
	jobId: string;
	/** Name to show as the import's source (folder or file name). */
	source: string;
}

export type ImportResult =
	| { ok: true; info: IncidentInfo; warnings: BundleIssue[] }
	| { ok: false; cancelled: boolean; errors: BundleIssue[]; warnings: BundleIssue[] };

/** What the library sidebar lists. */
export interface NotebookSummary {
	id: string;
	title: string;
	incidentId: string;
	updatedAt: string;
}

export interface DataWorkerApi extends DataSource {
	importBundle(
		files: InputFile[],
		opts: ImportOptions,
		onProgress?: (p: ImportProgress) => void
	): Promise<ImportResult>;
	cancel(jobId: string): Promise<boolean>;
	listIncidents(): Promise<IncidentInfo[]>;
	deleteIncident(id: string): Promise<void>;
	listNotebooks(incidentId?: string): Promise<NotebookSummary[]>;
	/** Notebook documents are opaque JSON to the worker; the page parses/validates them. */
	getNotebook(id: string): Promise<unknown>;
	putNotebook(doc: {
		id: string;
		incidentId: string;
		title: string;
		updatedAt: string;
	}): Promise<void>;
	deleteNotebook(id: string): Promise<void>;
	getOutput(hash: string): Promise<CellOutput | undefined>;
	putOutput(hash: string, output: CellOutput): Promise<void>;
	getMeta(key: string): Promise<unknown>;
	setMeta(key: string, value: unknown): Promise<void>;
	select(
		incidentId: string,
		selection: DataSelection,
		jobId?: string
	): Promise<CellOutput & { type: 'data' }>;
	/** Stores a diagnosis rating (a re-rating of the same diagnosis replaces it). */
	putFeedback(rec: Omit<FeedbackRecord, 'id'>): Promise<FeedbackRecord>;
	listFeedback(incidentId?: string): Promise<FeedbackRecord[]>;
	/** The whole dataset as feedback_dataset.jsonl text. */
	exportFeedback(): Promise<string>;
	/** Merges a feedback_dataset.jsonl (no duplicates; the newer rating of a diagnosis wins). */
	importFeedback(
		text: string
	): Promise<{ added: number; updated: number; unchanged: number; errors: string[] }>;
}
