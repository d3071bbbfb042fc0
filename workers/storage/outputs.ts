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

/** Cache budget: per incident, and over all incidents. */
export const OUTPUT_BUDGET = { perIncident: 256 * 1024 ** 2, total: 1024 ** 3 };

/**
 * Stores an output (replacing any under the same hash), then evicts the least recently used
 * outputs beyond the budget; returns the record written.
 */
export async function putOutput(
	db: AitiaDb,
	hash: string,
	output: CellOutput,
	incidentId?: string,
	budget = OUTPUT_BUDGET
): Promise<OutputRecord> {
	const now = new Date().toISOString();
	const record: OutputRecord = {
		hash,
		output,
		createdAt: now,
		usedAt: now,
		bytes: approxBytes(output),
		incidentId
	};
	await db.put('outputs', record);
	await evictOutputs(db, budget);
	return record;
}

export async function getOutput(db: AitiaDb, hash: string): Promise<CellOutput | undefined> {
	const rec = await db.get('outputs', hash);
	// Reading counts as use: recently shown outputs are the last to be evicted.
	if (rec)
		void db.put('outputs', { ...rec, usedAt: new Date().toISOString() }).catch(() => undefined);
	return rec?.output;
}

/**
 * Least recently used first: drops outputs of an incident beyond its share, then any beyond the
 * total. An evicted output is recomputed the next time its cell runs. Returns the hashes dropped.
 */
export async function evictOutputs(db: AitiaDb, budget = OUTPUT_BUDGET): Promise<string[]> {
	const list = (await listOutputs(db)).sort((a, b) =>
		(a.usedAt ?? a.createdAt) < (b.usedAt ?? b.createdAt) ? 1 : -1
	);
	const drop: string[] = [];
	const perIncident = new Map<string, number>();
	let total = 0;
	for (const r of list) {
		const key = r.incidentId ?? '';
		const used = (perIncident.get(key) ?? 0) + r.bytes;
		if (used > budget.perIncident || total + r.bytes > budget.total) {
			drop.push(r.hash);
			continue;
		}
		perIncident.set(key, used);
		total += r.bytes;
	}
	for (const h of drop) await db.delete('outputs', h);
	return drop;
}

export async function deleteOutput(db: AitiaDb, hash: string): Promise<void> {
	await db.delete('outputs', hash);
}

/** Hash, size and age of every cached output (for eviction; the cursor still reads values). */
export async function listOutputs(db: AitiaDb): Promise<Omit<OutputRecord, 'output'>[]> {
	const out: Omit<OutputRecord, 'output'>[] = [];
	for (let c = await db.transaction('outputs').store.openCursor(); c; c = await c.continue()) {
		const { hash, createdAt, bytes, incidentId, usedAt } = c.value;
		out.push({ hash, createdAt, bytes, incidentId, usedAt });
	}
	return out;
}

export async function clearOutputs(db: AitiaDb): Promise<void> {
	await db.clear('outputs');
}
