/**
 * Contract of the data worker (types only; the UI imports it with `import type`). The worker owns
 * the IndexedDB connection: imports, library listing, notebooks, cached outputs and the selections
 * cells read all go through it, so the page thread never parses or copies bulk data.
 */
import type { BundleIssue, ImportProgress } from '../bundle/types';
import type { CellOutput } from '../shared/outputs';
import type { DataSelection, DataSource, IncidentInfo } from './api';
import type { FeedbackRecord } from '../storage/feedback';
import type { RedactionRule } from '../shared/redact';
import type { CapsuleManifest } from './capsule';
import type { FileProposal } from './propose-file';

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

/** What exporting a capsule needs from the page (the page owns notebooks and run states). */
export interface CapsuleRequest {
	incidentId: string;
	notebooks: { id: string; text: string }[];
	runStates: { id: string; text: string }[];
	appVersion: string;
	formats: { bundle: number; notebook: number; runState: number };
	/** Redaction rules for log lines, their fields, events and annotations (none: as stored). */
	redact?: RedactionRule[];
}

export type CapsuleImportResult =
	| {
			ok: true;
			info: IncidentInfo;
			manifest: CapsuleManifest;
			/** Notebook files and run-state files, as text (the page validates them). */
			notebooks: string[];
			runStates: string[];
			warnings: BundleIssue[];
	  }
	| { ok: false; cancelled: boolean; errors: BundleIssue[]; warnings: BundleIssue[] };

export interface DataWorkerApi extends DataSource {
	importBundle(
		files: InputFile[],
		opts: ImportOptions,
		onProgress?: (p: ImportProgress) => void
	): Promise<ImportResult>;
	/** The manifest proposed for one dropped export without one (propose-file.ts). */
	proposeManifest(files: InputFile[]): Promise<FileProposal | undefined>;
	cancel(jobId: string): Promise<boolean>;
	/** The incident, its notebooks and run states as one `.aitia.zip` (capsule.ts). */
	exportCapsule(req: CapsuleRequest): Promise<Uint8Array>;
	/** Replacements per rule that redaction would make in the incident's text. */
	redactionPreview(incidentId: string, rules: RedactionRule[]): Promise<Record<string, number>>;
	/** Verifies and imports a capsule's bundle (all-or-nothing); returns its notebooks and run states. */
	importCapsule(
		file: Blob,
		opts: ImportOptions,
		onProgress?: (p: ImportProgress) => void
	): Promise<CapsuleImportResult>;
	listIncidents(): Promise<IncidentInfo[]>;
	deleteIncident(id: string): Promise<void>;
	/** Empties the whole local database (incidents, notebooks, cached outputs, settings). */
	clearAll(): Promise<void>;
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
	putOutput(hash: string, output: CellOutput, incidentId?: string): Promise<void>;
	/** Drops every cached output (they are recomputed when their cells run); returns bytes freed. */
	clearOutputs(): Promise<number>;
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
