/** Reading stored logs: samples over a range (skipping chunks by time) and full decoding. */
import type { LogTable, TimeRange } from '../bundle/types';
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import type { LogSample } from '../shared/outputs';
import { spanOf } from '../shared/bisect';
import { incidentKeyRange, type AitiaDb } from './db';
import { LogSampler, type LogBlock, type LogQuery } from './log-scan';
import { chunkKeyOf, type LogChunkRecord } from './records';

function unpackInto(out: string[], at: number, text: string, offsets: Uint32Array): void {
	for (let i = 0; i + 1 < offsets.length; i++) out[at + i] = text.slice(offsets[i], offsets[i + 1]);
}

function chunkBlock(c: LogChunkRecord): LogBlock {
	const text = c.messages;
	const off = c.messageOffsets;
	return { ...c, message: (i) => text.slice(off[i], off[i + 1]) };
}

/**
 * Per-level counts, total and the first `limit` lines of an incident's logs inside `range`
 * (inclusive; all lines when absent), optionally only of some levels.
 */
export async function readLogs(
	db: AitiaDb,
	incidentId: string,
	range?: TimeRange,
	query: LogQuery = {},
	signal: CancelSignal = neverCancelled
): Promise<LogSample> {
	const tx = db.transaction(['incidents', 'logChunks']);
	const record = await tx.objectStore('incidents').get(incidentId);
	if (!record) throw new Error(`Incident '${incidentId}' is not stored.`);
	const store = tx.objectStore('logChunks');
	const key = chunkKeyOf(record);
	const sampler = new LogSampler(query);
	for (let c = 0; c < record.logChunks.length; c++) {
		const s = record.logChunks[c];
		if (range && (s.tMax < range.start || s.tMin > range.end)) continue;
		const inside = !range || (s.tMin >= range.start && s.tMax <= range.end);
		if (inside && !sampler.needsRows) {
			sampler.addCounts(s.levelCounts);
			continue;
		}
		signal.throwIfCancelled();
		const chunk = await store.get([key, c]);
		if (!chunk) throw new Error(`Log chunk ${c} of incident '${incidentId}' is missing.`);
		const [from, to] = range ? spanOf(chunk.t, range.start, range.end) : [0, chunk.n];
		sampler.addBlock(chunkBlock(chunk), from, to);
	}
	return sampler.result();
}

/** Every log line of an incident as one LogTable (export, round-trip tests). */
export async function readLogTable(db: AitiaDb, incidentId: string): Promise<LogTable> {
	const record = await db.get('incidents', incidentId);
	if (!record) throw new Error(`Incident '${incidentId}' is not stored.`);
	const chunks = await db.getAll('logChunks', incidentKeyRange(chunkKeyOf(record)));
	let n = 0;
	for (const c of chunks) n += c.n;
	const table: LogTable = {
		length: n,
		t: new Float64Array(n),
		level: new Uint8Array(n),
		service: new Uint16Array(n),
		services: record.logServices,
		message: new Array<string>(n),
		extra: new Array<string>(n)
	};
	let at = 0;
	for (const c of chunks) {
		table.t.set(c.t, at);
		table.level.set(c.level, at);
		table.service.set(c.service, at);
		unpackInto(table.message, at, c.messages, c.messageOffsets);
		unpackInto(table.extra, at, c.extras, c.extraOffsets);
		at += c.n;
	}
	return table;
}
