/**
 * Storing, listing and deleting whole incidents. An import is written in ONE readwrite transaction
 * across every incident store, so a failure, an abort or a cancel leaves nothing behind.
 *
 * Cancellation inside the transaction uses `throwIfCancelled`, never `checkpoint`: yielding to a
 * timer with no request in flight lets IndexedDB auto-commit the half-written transaction. The
 * awaited writes already give the event loop turns, so a cancel message still gets through.
 */
import type { IDBPTransaction } from 'idb';
import type { Bundle } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import { isCancelled, neverCancelled, type CancelSignal } from '../shared/cancel';
import { chunkCount, logChunk, seriesChunk, seriesMeta, spanChunk } from './chunks';
import { incidentKeyRange, type AitiaDb, type AitiaSchema, type StoreName } from './db';
import { buildIncidentInfo, bundleRows, type BundleOrigin } from './incident-info';
import {
	DEFAULT_CHUNK_ROWS,
	type IncidentRecord,
	type LogChunkSummary,
	type SpanChunkSummary
} from './records';
import { WriteQueue } from './write-queue';

type IncidentStores = (
	'incidents' | 'series' | 'seriesChunks' | 'logChunks' | 'spanChunks' | 'events' | 'logIndexes'
)[];
// logIndexes are derived from the logs: a replace or delete must drop them in the same transaction.
const INCIDENT_STORES: IncidentStores = [
	'incidents',
	'series',
	'seriesChunks',
	'logChunks',
	'spanChunks',
	'events',
	'logIndexes'
];
type WriteTx = IDBPTransaction<AitiaSchema, IncidentStores, 'readwrite'>;

export interface PutBundleOptions {
	/** Cancels the import; the transaction is aborted and CancelledError thrown. */
	signal?: CancelSignal;
	/** Called as chunks are written: points + log lines + spans + events so far / in total. */
	onProgress?: (rowsWritten: number, rowsTotal: number) => void;
	/** Replace an incident with the same id (its old rows go in the same transaction). */
	replace?: boolean;
	/** Points / lines per chunk (tests use small chunks). */
	chunkRows?: number;
}

/** Thrown when an incident with the same id is stored and `replace` was not asked for. */
export class DuplicateIncidentError extends Error {
	constructor(readonly incidentId: string) {
		super(
			`An incident with id '${incidentId}' is already stored. Delete it first or import with "replace".`
		);
		this.name = 'DuplicateIncidentError';
	}
}

const ignore = (): void => {};

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
	const info = buildIncidentInfo(bundle, origin);
	// Relaxed durability: an import is atomic either way and can simply be repeated after a crash.
	const tx = db.transaction(INCIDENT_STORES, 'readwrite', { durability: 'relaxed' });
	tx.done.catch(ignore);
	const queue = new WriteQueue(bundleRows(bundle), opts.onProgress);
	try {
		if ((await tx.objectStore('incidents').getKey(id)) !== undefined) {
			if (!opts.replace) throw new DuplicateIncidentError(id);
			for (const p of deleteIncidentRows(tx, id)) await queue.add(p);
		}
		const chunkRows = opts.chunkRows ?? DEFAULT_CHUNK_ROWS;
		await writeSeries(tx, bundle, queue, signal, chunkRows);
		const logChunks = await writeLogs(tx, bundle, queue, signal, chunkRows);
		const spanChunks = await writeSpans(tx, bundle, queue, signal, chunkRows);
		const { events, ...summary } = info;
		await queue.add(tx.objectStore('events').put({ incidentId: id, events }), events.length);
		const record: IncidentRecord = {
			id,
			info: summary,
			topology: bundle.topology,
			annotations: bundle.annotations,
			logServices: bundle.logs.services,
			logChunks,
			spanServices: bundle.traces.services,
			spanOperations: bundle.traces.operations,
			spanChunks
		};
		if (bundle.groundTruth) record.groundTruth = bundle.groundTruth;
		await queue.add(tx.objectStore('incidents').put(record));
		await queue.flush();
		signal.throwIfCancelled();
		await tx.done;
		return info;
	} catch (err) {
		const cause = tx.error ?? err;
		try {
			tx.abort();
		} catch {
			// Already aborted by IndexedDB itself (quota, constraint): nothing left to undo.
		}
		await tx.done.catch(ignore);
		throw describeWriteError(isCancelled(err) ? err : cause, id);
	}
}

async function writeSeries(
	tx: WriteTx,
	bundle: Bundle,
	queue: WriteQueue,
	signal: CancelSignal,
	chunkRows: number
): Promise<void> {
	const metas = tx.objectStore('series');
	const chunks = tx.objectStore('seriesChunks');
	const id = bundle.manifest.id;
	for (let order = 0; order < bundle.series.length; order++) {
		const s = bundle.series[order];
		const meta = seriesMeta(id, s, order, chunkRows);
		await queue.add(metas.put(meta));
		for (let c = 0; c < meta.chunks; c++) {
			signal.throwIfCancelled();
			const rows = Math.min(chunkRows, meta.n - c * chunkRows);
			await queue.add(chunks.put(seriesChunk(id, s, c, chunkRows)), rows);
		}
	}
}

async function writeLogs(
	tx: WriteTx,
	bundle: Bundle,
	queue: WriteQueue,
	signal: CancelSignal,
	chunkRows: number
): Promise<LogChunkSummary[]> {
	const store = tx.objectStore('logChunks');
	const summaries: LogChunkSummary[] = [];
	const n = chunkCount(bundle.logs.length, chunkRows);
	for (let c = 0; c < n; c++) {
		signal.throwIfCancelled();
		const { record, summary } = logChunk(bundle.manifest.id, bundle.logs, c, chunkRows);
		summaries.push(summary);
		await queue.add(store.put(record), record.n);
	}
	return summaries;
}

async function writeSpans(
	tx: WriteTx,
	bundle: Bundle,
	queue: WriteQueue,
	signal: CancelSignal,
	chunkRows: number
): Promise<SpanChunkSummary[]> {
	const store = tx.objectStore('spanChunks');
	const summaries: SpanChunkSummary[] = [];
	const n = chunkCount(bundle.traces.length, chunkRows);
	for (let c = 0; c < n; c++) {
		signal.throwIfCancelled();
		const { record, summary } = spanChunk(bundle.manifest.id, bundle.traces, c, chunkRows);
		summaries.push(summary);
		await queue.add(store.put(record), record.n);
	}
	return summaries;
}

function describeWriteError(err: unknown, id: string): unknown {
	if (err instanceof Error && err.name === 'QuotaExceededError') {
		return new Error(
			`Not enough browser storage to import '${id}'. Free space by deleting incidents or cached outputs, then retry.`,
			{ cause: err }
		);
	}
	return err;
}

/** Issues the deletes of every row of one incident in the incident stores of `tx`. */
function deleteIncidentRows(
	tx: IDBPTransaction<AitiaSchema, StoreName[], 'readwrite'> | WriteTx,
	id: string
): Promise<unknown>[] {
	const t = tx as WriteTx;
	const range = incidentKeyRange(id);
	return [
		t.objectStore('incidents').delete(id),
		t.objectStore('events').delete(id),
		t.objectStore('series').delete(range),
		t.objectStore('seriesChunks').delete(range),
		t.objectStore('logChunks').delete(range),
		t.objectStore('spanChunks').delete(range),
		t.objectStore('logIndexes').delete(range)
	];
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
	const existed = (await tx.objectStore('incidents').getKey(id)) !== undefined;
	const writes = deleteIncidentRows(tx, id);
	if (opts.withNotebooks) {
		const index = tx.objectStore('notebooks').index('byIncident');
		for (let c = await index.openKeyCursor(id); c; c = await c.continue()) {
			writes.push(tx.objectStore('notebooks').delete(c.primaryKey));
		}
	}
	await Promise.all([...writes, tx.done]);
	return existed;
}
