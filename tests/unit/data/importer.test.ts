/**
 * The staged browser import (runImport): rows written while parsing, in sorted runs merged into
 * chunks in exactly the order the in-memory parse gives; nothing visible or left behind before
 * the commit; a dead import's leftovers swept; old records without a chunk key still read.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import { estimateStoredBytes } from '../../../workers/bundle/size';
import type { BundleFile, ImportProgress } from '../../../workers/bundle/types';
import { runImport, type ImportJob } from '../../../workers/data/importer';
import { CancelSource } from '../../../workers/shared/cancel';
import type { AitiaDb } from '../../../workers/storage/db';
import { deleteIncident, getIncidentRecord, putBundle } from '../../../workers/storage/incidents';
import { readLogs, readLogTable } from '../../../workers/storage/logs';
import { readBundle } from '../../../workers/storage/read-bundle';
import { chunkKeyOf } from '../../../workers/storage/records';
import { readSpans } from '../../../workers/storage/spans';
import { StagingArea, STALE_MS } from '../../../workers/storage/staging';
import { file, manifest } from '../bundle/helpers';
import { freshDb, snapshot } from '../storage/fresh-db';
import { makeBundle, origin } from '../storage/make-bundle';

const T0 = Date.UTC(2024, 5, 1, 10, 0, 0);

function lcg(seed: number): () => number {
	let s = seed;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Several log files (a sorted text log with stack traces, a shuffled JSON-lines log, a sorted one
 * overlapping it) and shuffled spans: times fall on whole seconds, so ties are everywhere.
 */
function bundleFiles(id = 'inc-1', scale = 1): BundleFile[] {
	const rnd = lcg(7);
	const sec = (i: number) => T0 + 1000 * i;
	const text: string[] = [];
	for (let i = 0; i < 20_000 * scale; i++) {
		const t = new Date(sec(Math.floor(i / 7))).toISOString();
		text.push(`${t} ERROR edge: line ${i}`);
		if (i % 97 === 0) text.push(`\tat Foo.bar(Foo.java:${i})`);
	}
	const api = Array.from({ length: 30_000 * scale }, (_, i) =>
		JSON.stringify({
			ts: sec(Math.floor(rnd() * 3000)),
			level: 'info',
			service: 'api',
			message: `a${i}`
		})
	);
	const db = Array.from({ length: 5_000 * scale }, (_, i) =>
		JSON.stringify({
			ts: sec(1000 + Math.floor(i / 3)),
			level: 'warn',
			service: 'db',
			message: `d${i}`,
			k: i
		})
	);
	const spans = Array.from({ length: 25_000 * scale }, (_, i) =>
		JSON.stringify({
			traceId: `t${i % 500}`,
			spanId: `s${i}`,
			parentId: i % 5 === 0 ? null : `s${i - 1}`,
			service: ['edge', 'api', 'db'][i % 3],
			operation: `op${i % 11}`,
			ts: sec(Math.floor(rnd() * 3000)),
			duration_ms: i % 100
		})
	);
	return [
		manifest({ id, version: 2 }),
		file('logs/edge.log', text.join('\n') + '\n'),
		file('logs/api.jsonl', api.join('\n') + '\n'),
		file('logs/db.jsonl', db.join('\n') + '\n'),
		file('traces/spans.jsonl', spans.join('\n') + '\n')
	];
}

/** Small chunks and runs, so every file spans several runs and the merge has work to do. */
const SIZES = { chunkRows: 1000, runRows: 3000, runChunkRows: 700 };

function job(db: AitiaDb, files: BundleFile[], over: Partial<ImportJob> = {}): ImportJob {
	return {
		db,
		files,
		source: 'test',
		replace: false,
		signal: new CancelSource(),
		onProgress: () => {},
		sizes: SIZES,
		...over
	};
}

async function importOk(db: AitiaDb, files: BundleFile[], over: Partial<ImportJob> = {}) {
	const r = await runImport(job(db, files, over));
	if (!r.ok) expect.fail(r.errors.map((e) => e.message).join('\n') || 'cancelled');
	return r;
}

describe('staged import', () => {
	it('stores logs and spans in exactly the order of the in-memory parse', async () => {
		const files = bundleFiles();
		const parsed = await parseBundle(files);
		if (!parsed.ok) expect.fail(parsed.errors[0].message);
		const db = await freshDb();
		const r = await importOk(db, files);
		expect(r.warnings).toEqual(parsed.warnings);
		expect(r.info.contentHash).toBe(parsed.contentHash);
		expect(r.info.bytes).toBe(estimateStoredBytes(parsed.bundle));
		expect(r.info.counts.logLines).toBe(55_000);
		const logs = await readLogTable(db, 'inc-1');
		expect(logs).toEqual(parsed.bundle.logs);
		expect(await readSpans(db, 'inc-1')).toEqual(parsed.bundle.traces);
		const record = (await getIncidentRecord(db, 'inc-1'))!;
		expect(record.logChunks.map((c) => c.n)).toEqual([...Array(55).fill(1000)]);
		// Readers go through the record's chunk key; no run chunk or owner record is left.
		expect(record.chunkKey).toMatch(/^#/);
		for (const store of ['logChunks', 'spanChunks'] as const) {
			const keys = (await db.getAllKeys(store)) as [string, number][];
			expect(new Set(keys.map((k) => k[0]))).toEqual(new Set([record.chunkKey]));
		}
		expect(await db.getAllKeys('meta')).toEqual([]);
	});

	it('cancelled while parsing, merging or committing, leaves the database as it was', async () => {
		const db = await freshDb();
		await importOk(db, bundleFiles('keep', 0.1));
		const before = await snapshot(db);
		for (const phase of ['parsing', 'writing'] as ImportProgress['phase'][]) {
			for (const id of ['other', 'keep']) {
				const cancel = new CancelSource();
				let spills = 0;
				const r = await runImport(
					job(db, bundleFiles(id), {
						replace: true,
						signal: cancel,
						onProgress: (p) => {
							if (p.phase === phase && ++spills === 3) cancel.cancel();
						}
					})
				);
				expect(r).toMatchObject({ ok: false, cancelled: true });
				expect(spills).toBeGreaterThanOrEqual(3);
				expect(await snapshot(db)).toEqual(before);
			}
		}
	});

	it('replacing keeps the old incident readable until the commit', async () => {
		const db = await freshDb();
		await importOk(db, bundleFiles('inc-1', 0.1));
		const old = await readLogTable(db, 'inc-1');
		const seen: Promise<unknown>[] = [];
		const r = await importOk(db, bundleFiles('inc-1'), {
			replace: true,
			onProgress: (p) => {
				if (p.phase === 'writing' && seen.length === 0) seen.push(readLogTable(db, 'inc-1'));
			}
		});
		expect(seen).toHaveLength(1);
		expect(await seen[0]).toEqual(old);
		expect((await readLogTable(db, 'inc-1')).length).toBe(r.info.counts.logLines);
		// The old incident's chunks went with the commit.
		const key = chunkKeyOf((await getIncidentRecord(db, 'inc-1'))!);
		const keys = (await db.getAllKeys('logChunks')) as [string, number][];
		expect(keys.every((k) => k[0] === key)).toBe(true);
	});

	it('refuses a duplicate id before merging, and stores nothing', async () => {
		const db = await freshDb();
		await importOk(db, bundleFiles('inc-1', 0.1));
		const before = await snapshot(db);
		const r = await runImport(job(db, bundleFiles('inc-1', 0.1)));
		expect(r).toMatchObject({ ok: false, errors: [{ code: 'duplicate-incident' }] });
		expect(await snapshot(db)).toEqual(before);
	});

	it('turns a full store into the clear message and removes what it staged', async () => {
		const db = await freshDb();
		const before = await snapshot(db);
		const real = StagingArea.prototype.put;
		let calls = 0;
		const spy = vi.spyOn(StagingArea.prototype, 'put').mockImplementation(function (
			this: StagingArea,
			...args: Parameters<typeof real>
		) {
			if (++calls === 4) {
				return Promise.reject(new DOMException('full', 'QuotaExceededError'));
			}
			return real.apply(this, args);
		});
		try {
			await expect(runImport(job(db, bundleFiles()))).rejects.toThrow(
				/Not enough browser storage to import/
			);
		} finally {
			spy.mockRestore();
		}
		expect(await snapshot(db)).toEqual(before);
	});

	it("sweeps a killed import's leftovers, but not a live import's rows", async () => {
		const db = await freshDb();
		const stage = async (now: number) => {
			const area = await StagingArea.open(db, () => now);
			const { record } = (await import('../../../workers/storage/chunks')).logChunk(
				area.key,
				makeBundle().logs,
				0,
				10
			);
			await area.put('logChunks', [record]);
			await area.put('logChunks', [{ ...record, incidentId: area.runsKey }]);
			return area.key;
		};
		// Live first: opening a staging area sweeps, and the dead one must survive until the import.
		const live = await stage(Date.now());
		const dead = await stage(Date.now() - STALE_MS - 1000);
		const keys = async () =>
			new Set(((await db.getAllKeys('logChunks')) as [string, number][]).map((k) => k[0]));
		expect(await keys()).toEqual(new Set([dead, `${dead}/runs`, live, `${live}/runs`]));
		await importOk(db, bundleFiles('inc-1', 0.1));
		const stored = chunkKeyOf((await getIncidentRecord(db, 'inc-1'))!);
		expect(await keys()).toEqual(new Set([live, `${live}/runs`, stored]));
		expect(await db.getAllKeys('meta')).toEqual([`staging:${live}`]);
	});

	it('still reads and deletes incidents stored before chunk keys (chunks under the id)', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 300, logLines: 900, spans: 400 });
		await putBundle(db, bundle, origin(), { chunkRows: 128 });
		// Rewrite as an older version stored it: chunks keyed by the incident id, no chunkKey.
		const record = (await getIncidentRecord(db, 'inc-1'))!;
		for (const store of ['logChunks', 'spanChunks'] as const) {
			const rows = await db.getAll(store);
			await db.clear(store);
			for (const row of rows) await db.put(store, { ...row, incidentId: 'inc-1' });
		}
		delete record.chunkKey;
		await db.put('incidents', record);
		const back = await readBundle(db, 'inc-1');
		expect(back.logs).toEqual(bundle.logs);
		expect(back.traces).toEqual(bundle.traces);
		expect((await readLogs(db, 'inc-1', undefined, { limit: 3 })).count).toBe(900);
		// An import that replaces it removes the old chunks too.
		await importOk(db, bundleFiles('inc-1', 0.1), { replace: true });
		const keys = (await db.getAllKeys('logChunks')) as [string, number][];
		expect(keys.some((k) => k[0] === 'inc-1')).toBe(false);
		expect(await deleteIncident(db, 'inc-1')).toBe(true);
		expect(await db.count('logChunks')).toBe(0);
		expect(await db.count('spanChunks')).toBe(0);
	});
});
