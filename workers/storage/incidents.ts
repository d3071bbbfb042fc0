/**
 * Storing, listing and deleting whole incidents. putBundle stores a bundle already in memory (the
 * CLI, capsules, tests) the same way the browser import stores a streamed one: log and span
 * chunks go to a fresh staging key in small transactions (staging.ts), then one short commit
 * (commit.ts) writes the record that makes them visible. A failure, an abort or a cancel leaves
 * the database as it was (the staged rows are discarded, or swept by the next import if the tab
 * died).
 */
import type { Bundle } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import { chunkCount, logChunk, spanChunk } from './chunks';
import {
	commitIncident,
	deleteIncidentRows,
	DuplicateIncidentError,
	INCIDENT_STORES,
	type WriteTx
} from './commit';
import type { AitiaDb, StoreName } from './db';
import { bundleRows, type BundleOrigin } from './incident-info';
import { chunkKeyOf, DEFAULT_CHUNK_ROWS, type IncidentRecord } from './records';
import { describeWriteError, StagingArea, type ChunkRecord, type ChunkStore } from './staging';

export { DuplicateIncidentError } from './commit';

export interface PutBundleOptions {
	/** Cancels the import; staged rows are discarded and CancelledError thrown. */
	signal?: CancelSignal;
	/** Called as chunks are written: points + log lines + spans + events so far / in total. */
	onProgress?: (rowsWritten: number, rowsTotal: number) => void;
	/** Replace an incident with the same id (its old rows go in the commit transaction). */
	replace?: boolean;
	/** Points / lines per chunk (tests use small chunks). */
	chunkRows?: number;
}

/** Stores a parsed bundle and returns its library summary. */
export async function putBundle(
	db: AitiaDb,
	bundle: Bundle,
	origin: BundleOrigin,
	opts: PutBundleOptions = {}
): Promise<IncidentInfo> {
	const signal = opts.signal ?? neverCancelled;
	signal.throwIfCancelled();
	const id = bundle.manifest.id;
	// Refused before staging anything; the commit checks again (another tab may import the same id).
	if (!opts.replace && (await db.getKey('incidents', id)) !== undefined) {
		throw new DuplicateIncidentError(id);
	}
	const chunkRows = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
	const total = bundleRows(bundle);
	let written = 0;
	const report = (done: number) => opts.onProgress?.(done, total);
	const area = await StagingArea.open(db);
	try {
		const { logs, traces } = bundle;
		const stage = async <S extends ChunkStore, M>(
			store: S,
			rows: number,
			cut: (c: number) => { record: ChunkRecord<S>; summary: M }
		): Promise<M[]> => {
			const summaries: M[] = [];
			for (let c = 0; c < chunkCount(rows, chunkRows); c++) {
				signal.throwIfCancelled();
				const { record, summary } = cut(c);
				await area.put(store, [record]);
				summaries.push(summary);
				report((written += record.n));
			}
			return summaries;
		};
		const logChunks = await stage('logChunks', logs.length, (c) =>
			logChunk(area.key, logs, c, chunkRows)
		);
		const spanChunks = await stage('spanChunks', traces.length, (c) =>
			spanChunk(area.key, traces, c, chunkRows)
		);
		const base = written;
		return await commitIncident(
			area,
			{
				...bundle,
				logs: { length: logs.length, services: logs.services, chunks: logChunks },
				traces: {
					length: traces.length,
					services: traces.services,
					operations: traces.operations,
					chunks: spanChunks
				}
			},
			origin,
			{ signal, replace: opts.replace ?? false, chunkRows, onRows: (r) => report(base + r) }
		);
	} catch (err) {
		await area.discard();
		throw describeWriteError(err, id);
	}
}

function toInfo(record: IncidentRecord, events: IncidentInfo['events'] | undefined): IncidentInfo {
	// Summaries stored before annotations were listed in them: the record has them.
	return { ...record.info, events: events ?? [], annotations: record.annotations ?? [] };
}

/** Every stored incident, most recently imported first. */
export async function listIncidents(db: AitiaDb): Promise<IncidentInfo[]> {
	const tx = db.transaction(['incidents', 'events']);
	const [records, events] = await Promise.all([
		tx.objectStore('incidents').getAll(),
		tx.objectStore('events').getAll()
	]);
	const byId = new Map(events.map((e) => [e.incidentId, e.events]));
	const infos = records.map((r) => toInfo(r, byId.get(r.id)));
	return infos.sort((a, b) => b.importedAt.localeCompare(a.importedAt));
}

/** The stored record of one incident (topology, ground truth, log chunk index ...). */
export function getIncidentRecord(db: AitiaDb, id: string): Promise<IncidentRecord | undefined> {
	return db.get('incidents', id);
}

/** The library summary of one incident, or undefined when it is not stored. */
export async function getIncident(db: AitiaDb, id: string): Promise<IncidentInfo | undefined> {
	const tx = db.transaction(['incidents', 'events']);
	const [record, events] = await Promise.all([
		tx.objectStore('incidents').get(id),
		tx.objectStore('events').get(id)
	]);
	return record && toInfo(record, events?.events);
}

/**
 * Removes an incident and all its chunks in one transaction; returns whether it existed. Cached
 * outputs stay (they are keyed by content hash and evicted on their own); its notebooks stay
 * unless `withNotebooks`.
 */
export async function deleteIncident(
	db: AitiaDb,
	id: string,
	opts: { withNotebooks?: boolean } = {}
): Promise<boolean> {
	const stores: StoreName[] = [...INCIDENT_STORES];
	if (opts.withNotebooks) stores.push('notebooks');
	const tx = db.transaction(stores, 'readwrite');
	const record = await tx.objectStore('incidents').get(id);
	const chunkKey = record ? chunkKeyOf(record) : id;
	const writes = deleteIncidentRows(tx as WriteTx, id, chunkKey);
	if (opts.withNotebooks) {
		const index = tx.objectStore('notebooks').index('byIncident');
		for (let c = await index.openKeyCursor(id); c; c = await c.continue()) {
			writes.push(tx.objectStore('notebooks').delete(c.primaryKey));
		}
	}
	await Promise.all([...writes, tx.done]);
	return record !== undefined;
}
