/**
 * The IndexedDB schema and its upgrade path. Each entry of MIGRATIONS turns version i into i + 1;
 * opening runs every step above the stored version, in order, inside the one versionchange
 * transaction, so a browser that skipped releases still ends up with the current schema.
 */
import {
	openDB,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import type {
	EventsRecord,
	IncidentRecord,
	LogChunkRecord,
	MetaRecord,
	NotebookRecord,
	OutputRecord,
	SeriesChunkRecord,
	SeriesMetaRecord,
	SpanChunkRecord
} from './records';
import type { EmbeddingRecord } from './embeddings';
import type { FeedbackRecord } from './feedback';
import type { LogIndexRecord } from './log-indexes';

export const DEFAULT_DB_NAME = 'aitia';

export interface AitiaSchema extends DBSchema {
	incidents: { key: string; value: IncidentRecord };
	series: { key: [string, string]; value: SeriesMetaRecord };
	seriesChunks: { key: [string, string, number]; value: SeriesChunkRecord };
	logChunks: { key: [string, number]; value: LogChunkRecord };
	events: { key: string; value: EventsRecord };
	notebooks: { key: string; value: NotebookRecord; indexes: { byIncident: string } };
	outputs: { key: string; value: OutputRecord };
	meta: { key: string; value: MetaRecord };
	/** Diagnosis ratings (v2). */
	feedback: { key: string; value: FeedbackRecord; indexes: { byIncident: string } };
	/** Log template + vector indexes per incident and embedder (v3). */
	logIndexes: { key: [string, string]; value: LogIndexRecord };
	/** Span chunks of bundle format v2 traces, keyed [incidentId, chunk] (v4). */
	spanChunks: { key: [string, number]; value: SpanChunkRecord };
	/** Embedding cache: vectors keyed [model, text key], shared by all incidents (v5). */
	embeddings: { key: [string, string]; value: EmbeddingRecord };
}

export type AitiaDb = IDBPDatabase<AitiaSchema>;
export type StoreName = StoreNames<AitiaSchema>;
export type UpgradeTx = IDBPTransaction<AitiaSchema, StoreName[], 'versionchange'>;

/** One schema step: brings a database at `oldVersion` (its index) to the next version. */
export type Migration = (db: AitiaDb, tx: UpgradeTx, oldVersion: number) => void;

/** v1: the initial schema. Append new steps; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
	(db) => {
		db.createObjectStore('incidents', { keyPath: 'id' });
		db.createObjectStore('series', { keyPath: ['incidentId', 'key'] });
		db.createObjectStore('seriesChunks', { keyPath: ['incidentId', 'seriesKey', 'chunk'] });
		db.createObjectStore('logChunks', { keyPath: ['incidentId', 'chunk'] });
		db.createObjectStore('events', { keyPath: 'incidentId' });
		const notebooks = db.createObjectStore('notebooks', { keyPath: 'id' });
		notebooks.createIndex('byIncident', 'incidentId');
		db.createObjectStore('outputs', { keyPath: 'hash' });
		db.createObjectStore('meta', { keyPath: 'key' });
	},
	// v2: the diagnosis feedback dataset (workers/storage/feedback.ts).
	(db) => {
		const feedback = db.createObjectStore('feedback', { keyPath: 'id' });
		feedback.createIndex('byIncident', 'incident_id');
	},
	// v3: log template / vector indexes, keyed [incidentId, embedder] (workers/storage/log-indexes.ts).
	(db) => {
		db.createObjectStore('logIndexes', { keyPath: ['incidentId', 'embedder'] });
	},
	// v4: span chunks (bundle format v2 traces); stored incidents get empty span fields.
	(db, tx) => {
		db.createObjectStore('spanChunks', { keyPath: ['incidentId', 'chunk'] });
		void backfillSpanFields(tx);
	},
	// v5: the persistent embedding cache (workers/storage/embeddings.ts); starts empty.
	(db) => {
		db.createObjectStore('embeddings', { keyPath: ['model', 'key'] });
	}
];

/**
 * Gives incidents stored before v4 the span fields every reader expects (no spans), so no code
 * later has to guess whether a record is old. Runs inside the upgrade transaction: if it fails,
 * the upgrade is aborted and the database stays at its old version.
 */
async function backfillSpanFields(tx: UpgradeTx): Promise<void> {
	try {
		const store = tx.objectStore('incidents');
		for (let c = await store.openCursor(); c; c = await c.continue()) {
			// Typed as the v3 shape it really has: the span fields may be missing.
			const old: Partial<IncidentRecord> & Omit<IncidentRecord, SpanFields> = c.value;
			const record: IncidentRecord = {
				...old,
				info: { ...old.info, counts: { ...old.info.counts, spans: old.info.counts.spans ?? 0 } },
				spanServices: old.spanServices ?? [],
				spanOperations: old.spanOperations ?? [],
				spanChunks: old.spanChunks ?? []
			};
			await c.update(record);
		}
	} catch {
		try {
			tx.abort();
		} catch {
			// Already aborted by the failed request itself.
		}
	}
}

type SpanFields = 'spanServices' | 'spanOperations' | 'spanChunks';

/** Current schema version. */
export const DB_VERSION = MIGRATIONS.length;

/** Runs the steps for every version above `oldVersion` up to `newVersion`. */
export function applyMigrations(
	steps: readonly Migration[],
	db: AitiaDb,
	tx: UpgradeTx,
	oldVersion: number,
	newVersion = steps.length
): void {
	for (let v = oldVersion; v < newVersion; v++) steps[v](db, tx, oldVersion);
}

export interface OpenOptions {
	/** Database name ('aitia'); tests pass a unique one. */
	name?: string;
	/** Step list to use instead of MIGRATIONS (tests of the runner). */
	migrations?: readonly Migration[];
}

/** Opens (creating or upgrading as needed) the workbench database. */
export function openAitiaDb(opts: OpenOptions = {}): Promise<AitiaDb> {
	const steps = opts.migrations ?? MIGRATIONS;
	let opened: AitiaDb | undefined;
	const pending = openDB<AitiaSchema>(opts.name ?? DEFAULT_DB_NAME, steps.length, {
		upgrade(db, oldVersion, newVersion, tx) {
			applyMigrations(steps, db, tx, oldVersion, newVersion ?? steps.length);
		},
		// Another tab or worker wants a newer schema: let it proceed instead of blocking it forever.
		blocking() {
			opened?.close();
		}
	});
	return pending.then((db) => (opened = db));
}

/** Every key of one incident in a store keyed [incidentId, ...]. */
export function incidentKeyRange(incidentId: string): IDBKeyRange {
	// Arrays sort after strings and numbers, so [id, []] bounds every [id, x, ...] key.
	return IDBKeyRange.bound([incidentId], [incidentId, []]);
}
