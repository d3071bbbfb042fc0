import { describe, expect, it } from 'vitest';
import type { DataSelection } from '../../../workers/data/api';
import { createIdbSource } from '../../../workers/data/idb-source';
import { createMemorySource } from '../../../workers/data/memory-source';
import { putBundle } from '../../../workers/storage/incidents';
import { freshDb } from '../storage/fresh-db';
import { makeBundle, origin, T0 } from '../storage/make-bundle';

async function bothSources() {
	const a = makeBundle({ id: 'inc-a', points: 3000, logLines: 4000 });
	const b = makeBundle({ id: 'inc-b', points: 200, logLines: 50, noBaseline: true });
	const db = await freshDb();
	await putBundle(db, a, origin('a.zip'), { chunkRows: 512 });
	await putBundle(db, b, origin('b.zip'), { chunkRows: 512 });
	const memory = createMemorySource([
		{ bundle: a, ...origin('a.zip') },
		{ bundle: b, ...origin('b.zip') }
	]);
	return { idb: createIdbSource(db), memory, a };
}

const selections: DataSelection[] = [
	{ series: ['*'], logs: { limit: 25 }, events: true, range: 'all' },
	{ series: ['*.latency_ms'], logs: false, events: true, range: 'incident' },
	{
		series: ['api.*', 'edge.throughput_rpm'],
		logs: { levels: ['warn', 'error'], limit: 10 },
		events: false,
		range: 'baseline'
	},
	{
		series: [],
		logs: { limit: 0 },
		events: true,
		range: { start: T0 + 700_500, end: T0 + 1_300_000 }
	},
	{
		series: ['db.*'],
		logs: { limit: 5 },
		events: true,
		range: { start: T0 - 10_000, end: T0 - 1 }
	},
	// Replay cursors: inside the window, and before it begins.
	{ series: ['*'], logs: { limit: 4000 }, events: true, range: 'all', asOf: T0 + 900_000 },
	{ series: ['*'], logs: { limit: 25 }, events: true, range: 'all', asOf: T0 - 5 }
];

describe('idb and memory sources', () => {
	it('give identical outputs for the same selections', async () => {
		const { idb, memory } = await bothSources();
		for (const sel of selections) {
			const [x, y] = await Promise.all([idb.select('inc-a', sel), memory.select('inc-a', sel)]);
			expect(x).toEqual(y);
		}
	});

	it('builds the expected output', async () => {
		const { idb, a } = await bothSources();
		const out = await idb.select('inc-a', selections[2]);
		expect(out.range).toEqual(a.manifest.baseline);
		expect(out.series.map((s) => s.key)).toEqual([
			'edge.throughput_rpm',
			'api.latency_ms',
			'api.throughput_rpm'
		]);
		expect(out.series[0].t.length).toBe(751);
		expect(out.events).toEqual([]);
		expect(Object.keys(out.logs!.byLevel).sort()).toEqual(['error', 'warn']);
		expect(out.logs!.rows).toHaveLength(10);
		expect(out.logs!.rows.every((r) => r.t >= out.range.start && r.t <= out.range.end)).toBe(true);
		const noLogs = await idb.select('inc-a', selections[1]);
		expect('logs' in noLogs).toBe(false);
		expect(noLogs.range.start).toBe(a.manifest.onset);
	});

	it('return nothing after a replay cursor', async () => {
		const { idb } = await bothSources();
		const at = await idb.select('inc-a', selections[5]);
		expect(at.range.end).toBe(T0 + 900_000);
		for (const s of at.series) expect(s.t.at(-1)!).toBeLessThanOrEqual(T0 + 900_000);
		expect(at.series[0].t.length).toBeGreaterThan(0);
		expect(at.logs!.rows.length).toBeGreaterThan(0);
		expect(at.logs!.rows.every((r) => r.t <= T0 + 900_000)).toBe(true);
		expect(at.events.every((e) => e.t <= T0 + 900_000 && (e.end ?? e.t) <= T0 + 900_000)).toBe(
			true
		);
		const before = await idb.select('inc-a', selections[6]);
		expect(before.series.every((s) => s.t.length === 0)).toBe(true);
		expect(before.events).toEqual([]);
		expect(before.logs).toBeUndefined();
	});

	it('report the same incident info and the same errors', async () => {
		const { idb, memory } = await bothSources();
		const [x, y] = await Promise.all([idb.incident('inc-a'), memory.incident('inc-a')]);
		expect({ ...x, importedAt: '' }).toEqual({ ...y, importedAt: '' });
		const baseline: DataSelection = {
			series: ['*'],
			logs: false,
			events: false,
			range: 'baseline'
		};
		for (const src of [idb, memory]) {
			await expect(src.select('inc-b', baseline)).rejects.toThrow(/no baseline/);
			await expect(src.incident('nope')).rejects.toThrow(/'nope' is not stored/);
			await expect(src.select('inc-a', { ...baseline, series: ['x.y'] })).rejects.toThrow(
				/No series 'x.y'/
			);
		}
	});

	it('propose an onset and baseline from the data when the manifest names neither, and rank with them', async () => {
		const c = makeBundle({ id: 'inc-c', points: 600, logLines: 20, noBaseline: true });
		delete c.manifest.onset;
		// db.cpu steps up tenfold two thirds of the way in: the first clear anomaly.
		const cpu = c.series.find((s) => s.key.startsWith('db.'))!;
		const from = Math.floor((cpu.t.length * 2) / 3);
		for (let i = from; i < cpu.t.length; i++) cpu.v[i] = 10_000 + (i % 7);
		const db = await freshDb();
		await putBundle(db, c, origin('c.zip'), { chunkRows: 128 });
		const memory = createMemorySource([{ bundle: c, ...origin('c.zip') }]);
		const idb = createIdbSource(db);
		const [x, y] = await Promise.all([idb.incident('inc-c'), memory.incident('inc-c')]);
		expect(x.proposed).toEqual(y.proposed);
		expect(x.proposed?.onset).toBe(cpu.t[from]);
		expect(x.proposed?.series).toBe(cpu.key);
		expect(x.proposed?.baseline!.end).toBeLessThan(cpu.t[from]);
		const req = { use: { logs: false, traces: false } };
		for (const src of [idb, memory]) {
			const { windows } = await src.rcaEvidence('inc-c', req);
			expect(windows.onset).toBe(cpu.t[from]);
			expect(windows.baseline).toEqual(x.proposed?.baseline);
			expect(windows.source.incident).toMatch(/proposed from the data \(first anomaly of db\./);
			// A typed onset wins over the proposal.
			const typed = await src.rcaEvidence('inc-c', {
				...req,
				overrides: { onset: new Date(cpu.t[from + 10]).toISOString() }
			});
			expect(typed.windows.onset).toBe(cpu.t[from + 10]);
		}
		// Data cells see the same windows: 'baseline' is the proposed one, 'incident' starts at its onset.
		for (const src of [idb, memory]) {
			const sel = { series: [cpu.key], logs: false as const, events: false };
			expect((await src.select('inc-c', { ...sel, range: 'baseline' })).range).toEqual(
				x.proposed?.baseline
			);
			expect((await src.select('inc-c', { ...sel, range: 'incident' })).range.start).toBe(
				cpu.t[from]
			);
		}
		// A manifest that declares its times gets no proposal.
		expect((await idb.incident('inc-c')).manifest.onset).toBeUndefined();
		const { memory: declared } = await bothSources();
		expect((await declared.incident('inc-a')).proposed).toBeUndefined();
	});

	it('cancels a running selection by job id (latest run wins)', async () => {
		const { idb } = await bothSources();
		const first = idb.select('inc-a', selections[0], 'cell-1');
		const second = idb.select('inc-a', selections[0], 'cell-1');
		await expect(first).rejects.toThrow(/Cancelled/);
		expect((await second).series).toHaveLength(6);
		expect(idb.cancel('cell-1')).toBe(false);
	});
});
