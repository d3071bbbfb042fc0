import { describe, expect, it } from 'vitest';
import type { DataOutput } from '../../../workers/shared/outputs';
import { deleteMeta, getMeta, listMetaKeys, setMeta } from '../../../workers/storage/meta';
import {
	deleteNotebook,
	getNotebook,
	listNotebooks,
	putNotebook
} from '../../../workers/storage/notebooks';
import {
	approxBytes,
	clearOutputs,
	deleteOutput,
	evictOutputs,
	getOutput,
	listOutputs,
	putOutput
} from '../../../workers/storage/outputs';
import { checkQuota } from '../../../workers/storage/quota';
import { freshDb } from './fresh-db';

describe('notebooks', () => {
	it('puts, gets, lists (newest first, optionally per incident) and deletes opaque documents', async () => {
		const db = await freshDb();
		const doc = {
			id: 'nb1',
			incidentId: 'inc-1',
			title: 'Why?',
			updatedAt: '2024-06-01T10:00:00.000Z',
			format: 'workbench.notebook',
			cells: [{ id: 'c1', kind: 'md', source: '# hi' }]
		};
		await putNotebook(db, doc);
		await putNotebook(db, {
			id: 'nb2',
			incidentId: 'inc-2',
			title: 'Other',
			updatedAt: '2024-06-02T00:00:00.000Z'
		});
		await putNotebook(db, {
			id: 'nb3',
			incidentId: 'inc-1',
			title: 'Later',
			updatedAt: '2024-06-03T00:00:00.000Z'
		});
		expect(await getNotebook(db, 'nb1')).toEqual(doc);
		expect((await listNotebooks(db)).map((n) => n.id)).toEqual(['nb3', 'nb2', 'nb1']);
		expect(await listNotebooks(db, 'inc-1')).toEqual([
			{ id: 'nb3', incidentId: 'inc-1', title: 'Later', updatedAt: '2024-06-03T00:00:00.000Z' },
			{ id: 'nb1', incidentId: 'inc-1', title: 'Why?', updatedAt: '2024-06-01T10:00:00.000Z' }
		]);
		await putNotebook(db, { ...doc, title: 'Renamed' });
		expect((await getNotebook(db, 'nb1'))!.title).toBe('Renamed');
		await deleteNotebook(db, 'nb1');
		expect(await getNotebook(db, 'nb1')).toBeUndefined();
		expect(await listNotebooks(db, 'inc-1')).toHaveLength(1);
	});
});

describe('outputs', () => {
	it('caches outputs with typed arrays intact and lists their sizes', async () => {
		const db = await freshDb();
		const output: DataOutput = {
			type: 'data',
			incidentId: 'inc-1',
			range: { start: 0, end: 10 },
			series: [
				{
					key: 'a.b',
					service: 'a',
					metric: 'b',
					t: new Float64Array([1, 2]),
					v: new Float64Array([NaN, 3])
				}
			],
			events: []
		};
		const record = await putOutput(db, 'h1', output);
		expect(record.bytes).toBeGreaterThanOrEqual(32);
		const back = (await getOutput(db, 'h1')) as DataOutput;
		expect(back.series[0].v).toBeInstanceOf(Float64Array);
		expect(back).toEqual(output);
		await putOutput(db, 'h2', { type: 'html', html: 'x' });
		expect((await listOutputs(db)).map((o) => o.hash)).toEqual(['h1', 'h2']);
		await deleteOutput(db, 'h1');
		expect(await getOutput(db, 'h1')).toBeUndefined();
		await clearOutputs(db);
		expect(await listOutputs(db)).toEqual([]);
	});

	it('evicts least recently used outputs beyond the per-incident and total budgets', async () => {
		const db = await freshDb();
		const rec = (hash: string, incidentId: string, minute: number) => ({
			hash,
			incidentId,
			output: { type: 'html' as const, html: 'x' },
			bytes: 100,
			createdAt: '2026-01-01T00:00:00.000Z',
			usedAt: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`
		});
		for (const r of [rec('a1', 'A', 1), rec('a2', 'A', 5), rec('a3', 'A', 3), rec('b1', 'B', 2)])
			await db.put('outputs', r);
		// Incident A may keep 200 bytes: its least recently used output (a1) goes; B is untouched.
		expect(await evictOutputs(db, { perIncident: 200, total: 1000 })).toEqual(['a1']);
		// Total 200: the two most recent overall (a2, a3) stay, b1 goes.
		expect(await evictOutputs(db, { perIncident: 200, total: 200 })).toEqual(['b1']);
		expect((await listOutputs(db)).map((o) => o.hash).sort()).toEqual(['a2', 'a3']);
		// Reading an output makes it the most recent.
		await getOutput(db, 'a3');
		expect(await evictOutputs(db, { perIncident: 100, total: 1000 })).toEqual(['a2']);
	});

	it('estimates sizes from typed arrays and strings', () => {
		expect(approxBytes(new Float64Array(100))).toBe(800);
		expect(approxBytes('abcd')).toBe(8);
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(approxBytes(cyclic)).toBeGreaterThan(0);
	});
});

describe('meta', () => {
	it('sets, gets, lists and deletes settings', async () => {
		const db = await freshDb();
		expect(await getMeta(db, 'demoSeeded')).toBeUndefined();
		await setMeta(db, 'demoSeeded', true);
		await setMeta(db, 'lastIncident', { id: 'inc-1' });
		expect(await getMeta<boolean>(db, 'demoSeeded')).toBe(true);
		expect(await getMeta(db, 'lastIncident')).toEqual({ id: 'inc-1' });
		expect(await listMetaKeys(db)).toEqual(['demoSeeded', 'lastIncident']);
		await deleteMeta(db, 'demoSeeded');
		expect(await getMeta(db, 'demoSeeded')).toBeUndefined();
	});
});

describe('checkQuota', () => {
	const MB = 1_048_576;
	it('compares the need with free space and says so in MB', async () => {
		const storage = { estimate: async () => ({ usage: 100 * MB, quota: 150 * MB }) };
		const ok = await checkQuota(20 * MB, storage);
		expect(ok).toMatchObject({ ok: true, usage: 100 * MB, quota: 150 * MB, needed: 20 * MB });
		const short = await checkQuota(80 * MB, storage);
		expect(short.ok).toBe(false);
		expect(short.message).toContain('needs about 80.0 MB but only 50.0 MB is free');
	});

	it('passes when the browser gives no estimate', async () => {
		expect(await checkQuota(5 * MB, undefined)).toMatchObject({
			ok: true,
			usage: null,
			quota: null
		});
		const broken = { estimate: () => Promise.reject(new Error('nope')) };
		expect((await checkQuota(5 * MB, broken)).ok).toBe(true);
	});
});
