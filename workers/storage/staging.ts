/**
 * Staging: where an import writes log and span chunks before anything is visible. An import owns
 * a fresh staging key (`#<time>-<random>`; incident ids start with a letter or digit, so no id
 * can collide) and writes its chunks under it in many small transactions, so memory and each
 * transaction stay small whatever the bundle's size. Readers only find chunks through an incident
 * record naming its key (IncidentRecord.chunkKey), and that record is written by the import's one
 * short commit (commit.ts): until then the rows are invisible, and a failed or cancelled import
 * deletes them (discard).
 *
 * A killed tab cannot discard, so each import first sweeps staging rows no record references and
 * no live import owns. Liveness is an owner record in `meta` (`staging:<key>`) whose heartbeat a
 * timer refreshes while the import runs: another tab importing at the same time keeps its rows.
 */
import { chunkKeyOf, type LogChunkRecord, type SpanChunkRecord } from './records';
import { incidentKeyRange, type AitiaDb } from './db';

/** First character of every staging key. */
export const STAGING_MARK = '#';
/** Prefix of the owner records in `meta`. */
const OWNER_PREFIX = 'staging:';
/** An owner whose heartbeat is older than this is a dead import: its rows are swept. */
export const STALE_MS = 10 * 60_000;
/** How often a live import refreshes its owner's heartbeat. */
const HEARTBEAT_MS = 15_000;

/** The stores staged chunks go to. */
export type ChunkStore = 'logChunks' | 'spanChunks';
/** The record type of a chunk store. */
export type ChunkRecord<S extends ChunkStore> = S extends 'logChunks'
	? LogChunkRecord
	: SpanChunkRecord;

/** The `meta` value of an import in progress. */
interface OwnerRecord {
	/** Epoch ms the import began. */
	startedAt: number;
	/** Epoch ms of its last staging write. */
	beatAt: number;
}

function randomPart(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The chunks of one import in progress, under `key` (final chunks) and `runsKey` (sorted runs). */
export class StagingArea {
	private readonly startedAt: number;
	private timer?: ReturnType<typeof setInterval>;
	private closed = false;

	private constructor(
		readonly db: AitiaDb,
		/** Key of the final chunks; becomes the incident record's chunkKey at commit. */
		readonly key: string,
		private readonly now: () => number
	) {
		this.startedAt = now();
	}

	/** Key of the sorted runs an import merges into final chunks (runs.ts, merge-runs.ts). */
	get runsKey(): string {
		return `${this.key}/runs`;
	}

	/** The `meta` key of this import's owner record; the commit deletes it with the rest. */
	get ownerKey(): string {
		return OWNER_PREFIX + this.key;
	}

	/** Sweeps dead imports' leftovers, then claims a fresh staging key. */
	static async open(db: AitiaDb, now: () => number = Date.now): Promise<StagingArea> {
		await sweepStaging(db, now());
		const area = new StagingArea(db, `${STAGING_MARK}${now().toString(36)}-${randomPart()}`, now);
		await area.beat();
		// A timer, not the writes: parsing a big metrics file or a JSON document writes nothing
		// for a while, and the import must not look dead to another tab meanwhile.
		area.timer = setInterval(() => void area.beat().catch(() => {}), HEARTBEAT_MS);
		(area.timer as { unref?: () => void }).unref?.();
		return area;
	}

	/** Refreshes the owner record (until close). */
	private async beat(): Promise<void> {
		if (this.closed) return;
		const owner: OwnerRecord = { startedAt: this.startedAt, beatAt: this.now() };
		await this.db.put('meta', { key: this.ownerKey, value: owner });
	}

	/**
	 * Stops the heartbeat; the commit calls it before its transaction, so no heartbeat can
	 * write the owner record back after the commit deleted it.
	 */
	close(): void {
		this.closed = true;
		clearInterval(this.timer);
	}

	/** Writes `records` and deletes chunks `drop.chunks` under `drop.key`, in one transaction. */
	async put<S extends ChunkStore>(
		store: S,
		records: ChunkRecord<S>[],
		drop: { key: string; chunks: number[] } = { key: this.runsKey, chunks: [] }
	): Promise<void> {
		// Relaxed durability: staged rows are worthless after a crash anyway (they are swept).
		const tx = this.db.transaction(store, 'readwrite', { durability: 'relaxed' });
		const writes: Promise<unknown>[] = records.map((r) => tx.store.put(r));
		for (const c of drop.chunks) writes.push(tx.store.delete([drop.key, c]));
		await Promise.all([...writes, tx.done]);
	}

	/** One staged chunk (a run's, when `key` is runsKey). */
	async get<S extends ChunkStore>(store: S, key: string, chunk: number): Promise<ChunkRecord<S>> {
		const record = (await this.db.get(store, [key, chunk])) as ChunkRecord<S> | undefined;
		if (!record) throw new Error(`Staged chunk ${chunk} of ${key} is missing.`);
		return record;
	}

	/** Deletes every row of this import (after a failure or a cancel); never throws. */
	async discard(): Promise<void> {
		this.close();
		try {
			const tx = this.db.transaction(['logChunks', 'spanChunks', 'meta'], 'readwrite');
			const writes: Promise<unknown>[] = [tx.objectStore('meta').delete(this.ownerKey)];
			for (const store of ['logChunks', 'spanChunks'] as const) {
				for (const key of [this.key, this.runsKey]) {
					writes.push(tx.objectStore(store).delete(incidentKeyRange(key)));
				}
			}
			await Promise.all([...writes, tx.done]);
		} catch {
			// The database is gone or full beyond deleting: the next import's sweep removes the rows.
		}
	}
}

/**
 * Deletes staging rows whose key no incident record names and no live import owns, and the owner
 * records of dead imports; returns how many staging keys were swept.
 */
export async function sweepStaging(db: AitiaDb, now = Date.now()): Promise<number> {
	const tx = db.transaction(['incidents', 'logChunks', 'spanChunks', 'meta'], 'readwrite');
	const keep = new Set((await tx.objectStore('incidents').getAll()).map(chunkKeyOf));
	const meta = tx.objectStore('meta');
	const owners = IDBKeyRange.bound(OWNER_PREFIX, OWNER_PREFIX + '\uffff');
	for (let c = await meta.openCursor(owners); c; c = await c.continue()) {
		const owner = c.value.value as OwnerRecord;
		if (now - owner.beatAt < STALE_MS) keep.add(c.key.slice(OWNER_PREFIX.length));
		else await c.delete();
	}
	let swept = 0;
	const staged = IDBKeyRange.bound([STAGING_MARK], [STAGING_MARK + '\uffff']);
	for (const name of ['logChunks', 'spanChunks'] as const) {
		const store = tx.objectStore(name);
		for (let c = await store.openKeyCursor(staged); c;) {
			const key = c.key[0];
			// A runs key belongs to the import whose key precedes its '/'.
			if (!keep.has(key.split('/')[0])) {
				await store.delete(incidentKeyRange(key));
				swept++;
			}
			// Arrays sort after numbers: [key, []] skips every remaining chunk of this key.
			c = await c.continue([key, []] as unknown as [string, number]);
		}
	}
	await tx.done;
	return swept;
}

/** The clear message of a full browser storage, or `err` unchanged. */
export function describeWriteError(err: unknown, id: string): unknown {
	if (err instanceof Error && err.name === 'QuotaExceededError') {
		return new Error(
			`Not enough browser storage to import '${id}'. Free space by deleting incidents or cached outputs, then retry.`,
			{ cause: err }
		);
	}
	return err;
}
