import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../workers/bundle/types';
import { getIncidentRecord, putBundle } from '../../../workers/storage/incidents';
import { readLogs } from '../../../workers/storage/logs';
import { chunkKeyOf } from '../../../workers/storage/records';
import { listSeriesMeta, readSeries } from '../../../workers/storage/series';
import { bits, freshDb } from './fresh-db';
import { makeBundle, origin, T0 } from './make-bundle';

describe('readSeries', () => {
	it('reads ranges across chunk edges, fetching only overlapping chunks', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ services: ['edge'], metrics: ['latency_ms', 'rps'], points: 1000 });
		await putBundle(db, bundle, origin(), { chunkRows: 100 });
		const src = bundle.series[0];
		// Points 95..305 inclusive: straddles chunks 0|1, 1|2, 2|3.
		const range = { start: T0 + 95_000, end: T0 + 305_000 };
		const [s] = await readSeries(db, 'inc-1', ['edge.latency_ms'], range);
		expect(s.t.length).toBe(211);
		expect(bits(s.t)).toEqual(bits(src.t.slice(95, 306)));
		expect(bits(s.v)).toEqual(bits(src.v.slice(95, 306)));

		// Plant a point inside the range in chunks 0 and 4: a read that fetched them would return it.
		for (const chunk of [0, 4]) {
			const planted = { t: new Float64Array([T0 + 150_000.5]), v: new Float64Array([-1]) };
			await db.put('seriesChunks', {
				incidentId: 'inc-1',
				seriesKey: 'edge.latency_ms',
				chunk,
				...planted
			});
		}
		const [inner] = await readSeries(db, 'inc-1', ['edge.latency_ms'], {
			start: T0 + 105_000,
			end: T0 + 305_000
		});
		expect(bits(inner.v)).toEqual(bits(src.v.slice(105, 306)));

		// Bounds between points, exactly on a chunk's first/last point, and outside the data.
		const cases: [number, number, number, number][] = [
			[T0 + 99_500, T0 + 100_500, 100, 101],
			[T0 + 100_000, T0 + 199_000, 100, 200],
			[T0 - 5000, T0 + 1000, 0, 2],
			[T0 + 2e6, T0 + 3e6, 0, 0],
			[T0 + 999_000, T0 + 2e6, 999, 1000]
		];
		for (const [start, end, from, to] of cases) {
			const [r] = await readSeries(db, 'inc-1', ['edge.rps'], { start, end });
			expect(bits(r.t)).toEqual(bits(bundle.series[1].t.slice(from, to)));
			expect(bits(r.v)).toEqual(bits(bundle.series[1].v.slice(from, to)));
		}
	});

	it('returns requested keys in the order asked, whole when no range, and errors on unknown keys', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 250 });
		await putBundle(db, bundle, origin(), { chunkRows: 100 });
		const keys = ['db.throughput_rpm', 'edge.latency_ms'];
		const out = await readSeries(db, 'inc-1', keys);
		expect(out.map((s) => s.key)).toEqual(keys);
		expect(out[1].unit).toBe('ms');
		expect(bits(out[0].v)).toEqual(bits(bundle.series[5].v));
		expect((await listSeriesMeta(db, 'inc-1')).map((m) => m.key)).toEqual(
			bundle.series.map((s) => s.key)
		);
		await expect(readSeries(db, 'inc-1', ['nope.metric'])).rejects.toThrow(/'nope.metric'/);
	});
});

describe('readLogs', () => {
	const expected = (
		bundle: ReturnType<typeof makeBundle>,
		start: number,
		end: number,
		levels?: string[],
		limit = 100
	) => {
		const logs = bundle.logs;
		const byLevel: Record<string, number> = {};
		const rows = [];
		let count = 0;
		for (let i = 0; i < logs.length; i++) {
			const level = LOG_LEVELS[logs.level[i]];
			if (logs.t[i] < start || logs.t[i] > end || (levels && !levels.includes(level))) continue;
			count++;
			byLevel[level] = (byLevel[level] ?? 0) + 1;
			if (rows.length < limit) {
				rows.push({
					t: logs.t[i],
					level,
					service: logs.services[logs.service[i]],
					message: logs.message[i]
				});
			}
		}
		return { count, byLevel, rows };
	};

	it('counts per level and samples the first lines of a range across chunks', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 1000, logLines: 5000 });
		await putBundle(db, bundle, origin(), { chunkRows: 512 });
		const { start, end } = bundle.manifest.timeRange;
		const mid = { start: start + 300_000, end: start + 700_000 };
		expect(await readLogs(db, 'inc-1', mid, { limit: 20 })).toEqual(
			expected(bundle, mid.start, mid.end, undefined, 20)
		);
		expect(await readLogs(db, 'inc-1')).toEqual(expected(bundle, start, end));
		expect(await readLogs(db, 'inc-1', mid, { levels: ['error', 'fatal'], limit: 600 })).toEqual(
			expected(bundle, mid.start, mid.end, ['error', 'fatal'], 600)
		);
		expect(await readLogs(db, 'inc-1', { start: end + 1, end: end + 10 })).toEqual({
			count: 0,
			byLevel: {},
			rows: []
		});
	});

	it('counts fully covered chunks from the index without reading them once the sample is full', async () => {
		const db = await freshDb();
		const bundle = makeBundle({ points: 1000, logLines: 5000 });
		await putBundle(db, bundle, origin(), { chunkRows: 512 });
		// Break a chunk in the middle: a read of it would now fail, so success proves it was skipped.
		const key = chunkKeyOf((await getIncidentRecord(db, 'inc-1'))!);
		const chunk = (await db.get('logChunks', [key, 5]))!;
		await db.delete('logChunks', [key, 5]);
		const { start, end } = bundle.manifest.timeRange;
		expect(await readLogs(db, 'inc-1', undefined, { limit: 3 })).toEqual(
			expected(bundle, start, end, undefined, 3)
		);
		await expect(readLogs(db, 'inc-1', undefined, { limit: 5000 })).rejects.toThrow(/chunk 5/);
		await db.put('logChunks', chunk);
	});
});
