import { describe, expect, it } from 'vitest';
import { CancelSource } from '../../../workers/shared/cancel';
import { parseBundle } from '../../../workers/bundle/parse';
import { estimateStoredBytes } from '../../../workers/bundle/size';
import type { ImportProgress } from '../../../workers/bundle/types';
import { file, iso, loadFolder, manifest, parseOk, series } from './helpers';

describe('timezones', () => {
	const berlin = (rows: string) => [
		manifest({
			timezone: 'Europe/Berlin',
			timeRange: { start: '2024-03-30 00:00:00', end: '2024-10-28 00:00:00' }
		}),
		file('metrics/m.csv', `timestamp,service,metric,value\n${rows}`)
	];

	it('interprets naive times in the manifest zone across the spring-forward change', async () => {
		const rows = ['2024-03-31 01:30:00', '2024-03-31 03:30:00', '2024-03-31T04:00'].map(
			(t, i) => `${t},edge,x,${i}`
		);
		const { bundle } = await parseOk(berlin(rows.join('\n')));
		expect(Array.from(series(bundle, 'edge.x').t, iso)).toEqual([
			'2024-03-31T00:30:00.000Z', // CET, +01:00
			'2024-03-31T01:30:00.000Z', // CEST, +02:00
			'2024-03-31T02:00:00.000Z'
		]);
		expect(bundle.manifest.timeRange.start).toBe(Date.parse('2024-03-29T23:00:00Z'));
	});

	it('resolves skipped and repeated wall times like Temporal "compatible"', async () => {
		const rows = [
			'2024-03-31 02:30:00,edge,gap,1', // does not exist: shifted forward to 03:30 CEST
			'2024-10-27 02:30:00,edge,repeat,1', // exists twice: the earlier (CEST) instant
			'2024-10-27 03:30:00,edge,after,1',
			'2024-10-27 01:30:00+01:00,edge,offset,1' // an explicit offset wins over the zone
		];
		const { bundle } = await parseOk(berlin(rows.join('\n')));
		expect(iso(series(bundle, 'edge.gap').t[0])).toBe('2024-03-31T01:30:00.000Z');
		expect(iso(series(bundle, 'edge.repeat').t[0])).toBe('2024-10-27T00:30:00.000Z');
		expect(iso(series(bundle, 'edge.after').t[0])).toBe('2024-10-27T02:30:00.000Z');
		expect(iso(series(bundle, 'edge.offset').t[0])).toBe('2024-10-27T00:30:00.000Z');
	});
});

describe('progress, cancellation, size', () => {
	const bigLog = (n: number) => {
		const start = Date.parse('2024-06-01T10:00:00Z');
		let s = '';
		for (let i = 0; i < n; i++) s += `${new Date(start + i * 10).toISOString()} INFO line ${i}\n`;
		return s;
	};

	it('reports progress with rows and bytes, ending in done', async () => {
		const seen: ImportProgress[] = [];
		const files = [manifest(), file('logs/edge.log', bigLog(50_000))];
		const r = await parseBundle(files, { onProgress: (p) => seen.push(p) });
		expect(r.ok).toBe(true);
		const parsing = seen.filter((p) => p.phase === 'parsing' && p.rows > 0);
		expect(parsing.length).toBeGreaterThanOrEqual(2);
		expect(parsing[0].file).toBe('logs/edge.log');
		const last = seen[seen.length - 1];
		expect(last.phase).toBe('done');
		expect(last.rows).toBe(50_000);
		expect(last.bytesDone).toBe(last.bytesTotal);
		for (let i = 1; i < seen.length; i++)
			expect(seen[i].rows).toBeGreaterThanOrEqual(seen[i - 1].rows);
	});

	it('rejects with CancelledError when cancelled mid-way', async () => {
		const src = new CancelSource(0);
		const files = [manifest(), file('logs/edge.log', bigLog(40_000))];
		const run = parseBundle(files, {
			signal: src,
			onProgress: (p) => {
				if (p.rows > 0) src.cancel();
			}
		});
		await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
	});

	it('estimates stored bytes from typed arrays, strings and JSON', async () => {
		const { bundle } = await parseOk(loadFolder('good'));
		const n = estimateStoredBytes(bundle);
		const typed = bundle.series.reduce((s, x) => s + x.t.byteLength + x.v.byteLength, 0);
		const messages = bundle.logs.message.reduce((s, m) => s + m.length * 2, 0);
		expect(n).toBeGreaterThan(typed + messages + JSON.stringify(bundle.events).length * 2);
		expect(n).toBeLessThan(20_000);
	});
});

describe('text log tokens', () => {
	it('accepts tabs between timestamp, level and service, and epoch timestamps', async () => {
		const log = '2024-06-01T10:00:00Z\tERROR\tapi:\tboom\n1717236001 [debug] fine\n';
		const { bundle } = await parseOk([manifest(), file('logs/edge.log', log)]);
		expect(bundle.logs.message).toEqual(['boom', 'fine']);
		expect(Array.from(bundle.logs.level)).toEqual([4, 1]);
		expect(bundle.logs.services).toEqual(['api', 'edge']);
		expect(Array.from(bundle.logs.t, iso)).toEqual([
			'2024-06-01T10:00:00.000Z',
			'2024-06-01T10:00:01.000Z'
		]);
	});
});
