/** The cell output cache, keyed by the hash of (kind, params, source, input hashes). */
import type { CellOutput } from '../shared/outputs';
import type { AitiaDb } from './db';
import type { OutputRecord } from './records';

/** Approximate in-storage size of a value: typed arrays at their size, strings 2 bytes a char. */
export function approxBytes(value: unknown, seen = new Set<object>()): number {
	if (typeof value === 'string') return 2 * value.length;
	if (typeof value === 'number') return 8;
	if (typeof value !== 'object' || value === null) return 4;
	if (ArrayBuffer.isView(value)) return value.byteLength;
	if (seen.has(value)) return 0;
	seen.add(value);
	let bytes = 16;
	for (const [k, v] of Object.entries(value)) bytes += 2 * k.length + approxBytes(v, seen);
	return bytes;
}

/** Stores an output (replacing any under the same hash); returns the record written. */
export async function putOutput(
	db: AitiaDb,
	hash: string,
	output: CellOutput
): Promise<OutputRecord> {
	const record: OutputRecord = {
		hash,
		output,
		createdAt: new Date().toISOString(),
		bytes: approxBytes(output)
	};
	await db.put('outputs', record);
	return record;
}

export async function getOutput(db: AitiaDb, hash: string): Promise<CellOutput | undefined> {
	return (await db.get('outputs', hash))?.output;
}

export async function deleteOutput(db: AitiaDb, hash: string): Promise<void> {
	await db.delete('outputs', hash);
}

/** Hash, size and age of every cached output (for eviction; the cursor still reads values). */
export async function listOutputs(db: AitiaDb): Promise<Omit<OutputRecord, 'output'>[]> {
	const out: Omit<OutputRecord, 'output'>[] = [];
	for (let c = await db.transaction('outputs').store.openCursor(); c; c = await c.continue()) {
		const { hash, createdAt, bytes } = c.value;
		out.push({ hash, createdAt, bytes });
	}
	return out;
}

export async function clearOutputs(db: AitiaDb): Promise<void> {
	await db.clear('outputs');
}
