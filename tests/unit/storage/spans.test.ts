import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbSource } from '../../../workers/data/idb-source';
import { createMemorySource } from '../../../workers/data/memory-source';
import { DB_VERSION, MIGRATIONS, openAitiaDb } from '../../../workers/storage/db';
import {
	deleteIncident,
	getIncident,
	getIncidentRecord,
	putBundle
} from '../../../workers/storage/incidents';
import { buildIncidentInfo } from '../../../workers/storage/incident-info';
import { readBundle } from '../../../workers/storage/read-bundle';
import { chunkKeyOf, type IncidentRecord } from '../../../workers/storage/records';
import { readSpans } from '../../../workers/storage/spans';
import { bits, freshDb } from './fresh-db';
import { makeBundle, origin } from './make-bundle';

describe('span chunks', () => {
	it('round-trips the span table bit for bit, typed arrays intact', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 300, logLines: 50, spans: 1000 });
		const info = await putBundle(db, bundle, origin(), { chunkRows: 256 });
		expect(info.counts.spans).toBe(1000);
		expect(await db.count('spanChunks')).toBe(4);
		const back = (await readBundle(db, 'inc-1')).traces;
		expect(back).toEqual(bundle.traces);
		expect(bits(back.start)).toEqual(bits(bundle.traces.start));
		expect(bits(back.duration)).toEqual(bits(bundle.traces.duration));
		for (const [col, type] of [
			['start', Float64Array],
			['duration', Float64Array],
			['service', Uint16Array],
			['operation', Uint32Array],
			['status', Uint8Array],
			['kind', Uint8Array]
		] as const) {
			expect(back[col]).toBeInstanceOf(type);
		}
		// Stored chunks own exactly their rows, not the whole source buffer.
		const key = chunkKeyOf((await getIncidentRecord(db, 'inc-1'))!);
		const last = await db.get('spanChunks', [key, 3]);
		expect(last!.start.buffer.byteLength).toBe(last!.start.byteLength);
		expect((await getIncident(db, 'inc-1'))!.counts.spans).toBe(1000);
	});

	it('reads a range from the overlapping chunks only, like the in-memory source', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 300, spans: 600 });
		await putBundle(db, bundle, origin(), { chunkRows: 100 });
		const t = bundle.traces.start;
		const range = { start: t[150], end: t[260] };
		const fromIdb = await readSpans(db, 'inc-1', range);
		expect(fromIdb.length).toBe(111);
		expect(fromIdb.spanId[0]).toBe(bundle.traces.spanId[150]);
		const idb = createIdbSource(db);
		const memory = createMemorySource([{ bundle, ...origin() }]);
		expect(await idb.spans('inc-1', range)).toEqual(await memory.spans('inc-1', range));
		expect(await idb.spans('inc-1')).toEqual(bundle.traces);
		expect(await memory.spans('inc-1')).toEqual(bundle.traces);
		const empty = { start: 0, end: 1 };
		expect((await idb.spans('inc-1', empty)).length).toBe(0);
		await expect(memory.spans('nope')).rejects.toThrow(/Incident 'nope' is not stored/);
	});

	it('deletes span chunks with the incident and on replace', async () => {
		const db = await freshDb();
		await putBundle(db, makeBundle({ spans: 300 }), origin(), { chunkRows: 100 });
		expect(await db.count('spanChunks')).toBe(3);
		await putBundle(db, makeBundle({ spans: 50 }), origin(), { chunkRows: 100, replace: true });
		expect(await db.count('spanChunks')).toBe(1);
		expect(await deleteIncident(db, 'inc-1')).toBe(true);
		expect(await db.count('spanChunks')).toBe(0);
	});

	it('migrates v3 incidents to empty span fields', async () => {
		const name = `spans-migrate-${Date.now()}`;
		const v3 = await openAitiaDb({ name, migrations: MIGRATIONS.slice(0, 3) });
		// An incident record exactly as v3 wrote it: no span fields, no span count.
		const bundle = makeBundle();
		const { events: _events, ...info } = buildIncidentInfo(bundle, origin());
		const { spans: _spans, ...counts } = info.counts;
		const v3Record = {
			id: 'inc-1',
			info: { ...info, counts },
			topology: bundle.topology,
			annotations: bundle.annotations,
			logServices: [],
			logChunks: []
		};
		await v3.put('incidents', v3Record as unknown as IncidentRecord);
		v3.close();
		const v4 = await openAitiaDb({ name });
		expect(v4.version).toBe(DB_VERSION); // v3 is upgraded through every later step
		const migrated = await v4.get('incidents', 'inc-1');
		expect(migrated).toMatchObject({ spanServices: [], spanOperations: [], spanChunks: [] });
		expect(migrated!.info.counts).toEqual({ ...counts, spans: 0 });
		expect(await readSpans(v4, 'inc-1')).toMatchObject({ length: 0, services: [] });
		v4.close();
	});
});
