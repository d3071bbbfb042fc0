/**
 * The one short transaction that makes an import visible: it writes the incident record (naming
 * the staging key its log and span chunks were written under, staging.ts), the events and the
 * metric series, deletes the import's owner record and, when replacing, every row of the old
 * incident. Before it commits nothing of the import can be seen; if it fails or is cancelled the
 * database is as it was, and the caller discards the staged chunks.
 *
 * Metric series are written here, not staged: they are held in memory anyway (a few MB even for
 * big bundles) and readers find them by incident id.
 *
 * Cancellation inside the transaction uses `throwIfCancelled`, never `checkpoint`: yielding to a
 * timer with no request in flight lets IndexedDB auto-commit the half-written transaction.
 */
import type { IDBPTransaction } from 'idb';
import type { Bundle } from '../bundle/types';
import type { IncidentInfo } from '../data/api';
import { isCancelled, type CancelSignal } from '../shared/cancel';
import { seriesChunk, seriesMeta } from './chunks';
import { incidentKeyRange, type AitiaSchema } from './db';
import { buildIncidentInfo, type BundleOrigin } from './incident-info';
import {
	chunkKeyOf,
	type IncidentRecord,
	type LogChunkSummary,
	type SpanChunkSummary
} from './records';
import type { StagingArea } from './staging';
import { WriteQueue } from './write-queue';

/** Every store holding rows of an incident (logIndexes are derived from its logs). */
export const INCIDENT_STORES = [
	'incidents',
	'series',
	'seriesChunks',
	'logChunks',
	'spanChunks',
	'events',
	'logIndexes'
] as const;
type IncidentStores = (typeof INCIDENT_STORES)[number] | 'meta';
/** A transaction over the incident stores (and `meta`, which the commit also writes). */
export type WriteTx = IDBPTransaction<AitiaSchema, IncidentStores[], 'readwrite'>;

/** Thrown when an incident with the same id is stored and `replace` was not asked for. */
export class DuplicateIncidentError extends Error {
	constructor(readonly incidentId: string) {
		super(
			`An incident with id '${incidentId}' is already stored. Delete it first or import with "replace".`
		);
		this.name = 'DuplicateIncidentError';
	}
}

/** A bundle whose log lines and spans are already staged: their dictionaries and chunk summaries. */
export type StagedIncident = Omit<Bundle, 'logs' | 'traces'> & {
	logs: { length: number; services: string[]; chunks: LogChunkSummary[] };
	traces: {
		length: number;
		services: string[];
		operations: string[];
		chunks: SpanChunkSummary[];
	};
};

export interface CommitOptions {
	signal: CancelSignal;
	/** Replace an incident with the same id (its old rows go in the same transaction). */
	replace: boolean;
	/** Points per series chunk. */
	chunkRows: number;
	/** Called as series chunks and events are written: their rows so far in this commit. */
	onRows: (rowsWritten: number) => void;
}

const ignore = (): void => {};

/** Commits a staged import; returns its library summary. */
export async function commitIncident(
	area: StagingArea,
	bundle: StagedIncident,
	origin: BundleOrigin,
	opts: CommitOptions
): Promise<IncidentInfo> {
	const { signal } = opts;
	signal.throwIfCancelled();
	area.close();
	const id = bundle.manifest.id;
	const info = buildIncidentInfo(bundle, origin);
	// Relaxed durability: an import is atomic either way and can simply be repeated after a crash.
	const stores = [...INCIDENT_STORES, 'meta' as const];
	const tx = area.db.transaction(stores, 'readwrite', { durability: 'relaxed' });
	tx.done.catch(ignore);
	const queue = new WriteQueue(0, (rows) => opts.onRows(rows));
	try {
		const old = await tx.objectStore('incidents').get(id);
		if (old) {
			if (!opts.replace) throw new DuplicateIncidentError(id);
			for (const p of deleteIncidentRows(tx, id, chunkKeyOf(old))) await queue.add(p);
		}
		await writeSeries(tx, bundle, queue, signal, opts.chunkRows);
		const { events, ...summary } = info;
		await queue.add(tx.objectStore('events').put({ incidentId: id, events }), events.length);
		const record: IncidentRecord = {
			id,
			info: summary,
			topology: bundle.topology,
			annotations: bundle.annotations,
			logServices: bundle.logs.services,
			logChunks: bundle.logs.chunks,
			spanServices: bundle.traces.services,
			spanOperations: bundle.traces.operations,
			spanChunks: bundle.traces.chunks,
			chunkKey: area.key
		};
		if (bundle.groundTruth) record.groundTruth = bundle.groundTruth;
		await queue.add(tx.objectStore('incidents').put(record));
		await queue.add(tx.objectStore('meta').delete(area.ownerKey));
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
		throw isCancelled(err) || err instanceof DuplicateIncidentError ? err : cause;
	}
}

async function writeSeries(
	tx: WriteTx,
	bundle: StagedIncident,
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

/**
 * Issues the deletes of every row of incident `id`: by id, and its log and span chunks by
 * `chunkKey` (chunkKeyOf its record: the id itself for records written before staged imports).
 */
export function deleteIncidentRows(tx: WriteTx, id: string, chunkKey: string): Promise<unknown>[] {
	const range = incidentKeyRange(id);
	const chunks = incidentKeyRange(chunkKey);
	return [
		tx.objectStore('incidents').delete(id),
		tx.objectStore('events').delete(id),
		tx.objectStore('series').delete(range),
		tx.objectStore('seriesChunks').delete(range),
		tx.objectStore('logChunks').delete(chunks),
		tx.objectStore('spanChunks').delete(chunks),
		tx.objectStore('logIndexes').delete(range)
	];
}
