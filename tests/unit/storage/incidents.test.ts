import { describe, expect, it } from 'vitest';
import { CancelSource, CancelledError } from '../../../workers/shared/cancel';
import {
	DuplicateIncidentError,
	deleteIncident,
	getIncident,
	getIncidentRecord,
	listIncidents,
	putBundle
} from '../../../workers/storage/incidents';
import { chunkKeyOf } from '../../../workers/storage/records';
import { putNotebook, listNotebooks } from '../../../workers/storage/notebooks';
import { putOutput, getOutput } from '../../../workers/storage/outputs';
import { readBundle } from '../../../workers/storage/read-bundle';
import { bits, freshDb, snapshot } from './fresh-db';
import { makeBundle, origin } from './make-bundle';

describe('putBundle / readBundle', () => {
	it('round-trips every part of a bundle bit for bit', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 700, logLines: 900 });
		const info = await putBundle(db, bundle, origin(), { chunkRows: 256 });
		expect(info.counts).toEqual({
			series: 6,
			points: 6 * 700,
			logLines: 900,
			spans: 0,
			events: 3
		});
		expect(info.seriesKeys).toEqual(bundle.series.map((s) => s.key));

		const back = await readBundle(db, 'inc-1');
		expect(back.manifest).toEqual(bundle.manifest);
		expect(back.events).toEqual(bundle.events);
		expect(back.topology).toEqual(bundle.topology);
		expect(back.groundTruth).toEqual(bundle.groundTruth);
		expect(back.annotations).toEqual(bundle.annotations);
		expect(back.series.map((s) => s.key)).toEqual(bundle.series.map((s) => s.key));
		back.series.forEach((s, i) => {
			const want = bundle.series[i];
			expect({ ...s, t: 0, v: 0 }).toEqual({ ...want, t: 0, v: 0 });
			expect(bits(s.t)).toEqual(bits(want.t));
			expect(bits(s.v)).toEqual(bits(want.v));
		});
		expect(back.logs).toEqual(bundle.logs);
		expect(back.logs.extra.filter(Boolean).length).toBe(90);
		expect(back.traces).toEqual(bundle.traces);
	});

	it('cuts 150k points into 3 chunks and stores series meta', async () => {
		const db = await freshDb();
		const bundle = makeBundle({
			services: ['edge'],
			metrics: ['latency_ms'],
			points: 150_000,
			logLines: 10
		});
		await putBundle(db, bundle, origin());
		const meta = await db.get('series', ['inc-1', 'edge.latency_ms']);
		expect(meta).toMatchObject({ n: 150_000, chunks: 3, unit: 'ms', order: 0 });
		expect(meta!.tMin).toBe(bundle.series[0].t[0]);
		expect(meta!.tMax).toBe(bundle.series[0].t[149_999]);
		expect(meta!.min).toBeGreaterThanOrEqual(0);
		expect(await db.count('seriesChunks')).toBe(3);
		const last = await db.get('seriesChunks', ['inc-1', 'edge.latency_ms', 2]);
		expect(last!.t.length).toBe(150_000 - 2 * 65_536);
		// Stored chunks own exactly their data, not the whole source buffer.
		expect(last!.t.buffer.byteLength).toBe(last!.t.byteLength);
	});

	it('reports progress up to the total row count', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 300, logLines: 500 });
		const seen: [number, number][] = [];
		await putBundle(db, bundle, origin(), {
			chunkRows: 128,
			onProgress: (w, t) => seen.push([w, t])
		});
		const total = 6 * 300 + 500 + 3;
		expect(seen.at(-1)).toEqual([total, total]);
		for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThan(seen[i - 1][0]);
	});

	it('rejects a duplicate id unless replace is set, then drops the old chunks', async () => {
		const db = await freshDb();
		await putBundle(db, makeBundle({ points: 1000 }), origin('old.zip'), { chunkRows: 100 });
		const before = await snapshot(db);
		await expect(putBundle(db, makeBundle({ points: 10 }), origin())).rejects.toBeInstanceOf(
			DuplicateIncidentError
		);
		await expect(putBundle(db, makeBundle({ points: 10 }), origin())).rejects.toThrow(
			/already stored/
		);
		expect(await snapshot(db)).toEqual(before);

		const smaller = makeBundle({ services: ['edge'], metrics: ['rps'], points: 50, logLines: 5 });
		await putBundle(db, smaller, origin('new.zip'), { replace: true, chunkRows: 100 });
		expect((await getIncident(db, 'inc-1'))!.source).toBe('new.zip');
		expect(await db.count('series')).toBe(1);
		expect(await db.count('seriesChunks')).toBe(1);
		expect(await db.count('logChunks')).toBe(1);
		expect((await readBundle(db, 'inc-1')).series[0].key).toBe('edge.rps');
	});
});

describe('cancel', () => {
	it('aborts mid-write and leaves the database exactly as before', async () => {
		const db = await freshDb();
		await putBundle(db, makeBundle({ id: 'keep', points: 400 }), origin(), { chunkRows: 100 });
		const before = await snapshot(db);
		for (const target of ['other', 'keep']) {
			const cancel = new CancelSource();
			const calls: number[] = [];
			const bundle = makeBundle({ id: target, points: 2000, logLines: 3000 });
			const run = putBundle(db, bundle, origin(), {
				chunkRows: 100,
				replace: true,
				signal: cancel,
				onProgress: (written) => {
					calls.push(written);
					if (calls.length === 5) cancel.cancel();
				}
			});
			await expect(run).rejects.toBeInstanceOf(CancelledError);
			expect(calls.length).toBeGreaterThanOrEqual(5);
			expect(await snapshot(db)).toEqual(before);
		}
	});

	it('refuses to start when already cancelled', async () => {
		const db = await freshDb();
		const cancel = new CancelSource();
		cancel.cancel();
		await expect(putBundle(db, makeBundle(), origin(), { signal: cancel })).rejects.toBeInstanceOf(
			CancelledError
		);
		expect(await db.count('incidents')).toBe(0);
	});
});

describe('list / delete', () => {
	it('lists incidents with their events and deletes all their chunks', async () => {
		const db = await freshDb();
		await putBundle(db, makeBundle({ id: 'a' }), origin(), { chunkRows: 64 });
		await putBundle(db, makeBundle({ id: 'b' }), origin(), { chunkRows: 64 });
		const list = await listIncidents(db);
		expect(list.map((i) => i.manifest.id).sort()).toEqual(['a', 'b']);
		expect(list[0].events).toHaveLength(3);

		await putNotebook(db, {
			id: 'nb1',
			incidentId: 'a',
			title: 'A',
			updatedAt: '2024-01-01T00:00:00Z'
		});
		await putNotebook(db, {
			id: 'nb2',
			incidentId: 'b',
			title: 'B',
			updatedAt: '2024-01-02T00:00:00Z'
		});
		await putOutput(db, 'h1', { type: 'html', html: '<p>x</p>' });
		const bOnly = await snapshot(db);

		expect(await deleteIncident(db, 'a')).toBe(true);
		expect(await getIncident(db, 'a')).toBeUndefined();
		expect(await listNotebooks(db, 'a')).toHaveLength(1);
		expect(await getOutput(db, 'h1')).toEqual({ type: 'html', html: '<p>x</p>' });
		// Log chunks live under the key b's record names (staged imports), series under its id.
		const bChunks = chunkKeyOf((await getIncidentRecord(db, 'b'))!);
		for (const [store, b] of [
			['series', 'b'],
			['seriesChunks', 'b'],
			['logChunks', bChunks]
		] as const) {
			const keys = (await db.getAllKeys(store)) as unknown[][];
			expect(keys.every((k) => k[0] === b)).toBe(true);
			expect(keys.length).toBe(bOnly[store].filter(([k]) => (k as unknown[])[0] === b).length);
		}
		expect(await db.get('events', 'a')).toBeUndefined();

		expect(await deleteIncident(db, 'b', { withNotebooks: true })).toBe(true);
		expect(await listNotebooks(db)).toEqual([
			{ id: 'nb1', incidentId: 'a', title: 'A', updatedAt: '2024-01-01T00:00:00Z' }
		]);
		expect(await deleteIncident(db, 'b')).toBe(false);
		for (const store of ['incidents', 'series', 'seriesChunks', 'logChunks', 'events'] as const) {
			expect(await db.count(store)).toBe(0);
		}
	});
});
