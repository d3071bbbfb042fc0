import { describe, expect, it } from 'vitest';
import { file, manifest, only, parseErrors, parseOk, series } from './helpers';

const WIDE = 'timestamp,edge.latency_ms\n';
const T0 = '2024-06-01T10:00:00Z';

describe('metric CSV problems', () => {
	it('rejects non-numeric garbage with file, line, column and a full message', async () => {
		const csv = `${WIDE}${T0},1\n2024-06-01T10:01:00Z,fast\n`;
		const e = only(
			await parseErrors([manifest(), file('metrics/edge.csv', csv)]),
			'metrics/edge.csv'
		);
		expect(e).toMatchObject({
			severity: 'error',
			line: 3,
			field: 'edge.latency_ms',
			got: 'fast',
			message:
				'metrics/edge.csv line 3, column "edge.latency_ms": expected a number (or an empty cell / NaN / null / NA / N/A for a gap), got "fast"'
		});
	});

	it('treats NaN / null / NA / N/A / empty as gaps, not errors', async () => {
		const rows = ['NaN', 'null', 'NA', 'N/A', '', ' 7 '].map(
			(v, i) => `2024-06-01T10:0${i}:00Z,${v}`
		);
		const { bundle } = await parseOk([
			manifest(),
			file('metrics/edge.csv', WIDE + rows.join('\n'))
		]);
		expect(Array.from(series(bundle, 'edge.latency_ms').v)).toEqual([NaN, NaN, NaN, NaN, NaN, 7]);
	});

	it('rejects hex literals and Infinity, which Number() would accept', async () => {
		const csv = `${WIDE}${T0},0x10\n2024-06-01T10:01:00Z,Infinity\n`;
		const errors = await parseErrors([manifest(), file('metrics/edge.csv', csv)]);
		expect(errors.map((e) => [e.line, e.got])).toEqual([
			[2, '0x10'],
			[3, 'Infinity']
		]);
	});

	it('reports a bad timestamp cell', async () => {
		const csv = `${WIDE}2024-13-01 10:00:00,1\n`;
		const e = only(
			await parseErrors([manifest(), file('metrics/edge.csv', csv)]),
			'metrics/edge.csv'
		);
		expect(e).toMatchObject({ line: 2, field: 'timestamp', got: '2024-13-01 10:00:00' });
		expect(e.expected).toContain('ISO 8601');
	});

	it('reports rows with the wrong number of columns', async () => {
		const csv = `${WIDE}${T0},1,2\n`;
		const e = only(
			await parseErrors([manifest(), file('metrics/edge.csv', csv)]),
			'metrics/edge.csv'
		);
		expect(e).toMatchObject({ line: 2, expected: '2 columns as in the header', got: '3 columns' });
	});

	// A header whose columns are all plain names is another tool's time-series CSV (the file's
	// service, loki-grafana.test.ts); one `service.metric` column makes it ours, typos reported.
	it('reports a wide header column that is not <service>.<metric>', async () => {
		const e = only(
			await parseErrors([
				manifest(),
				file('metrics/edge.csv', `timestamp,edge.rps,latency\n${T0},1,1\n`)
			]),
			'metrics/edge.csv'
		);
		expect(e).toMatchObject({
			line: 1,
			field: 'latency',
			expected: 'a column named <service>.<metric>'
		});
	});

	it('splits wide headers at the longest manifest service prefix', async () => {
		const files = [
			manifest({ services: ['api', 'api.v2'] }),
			file('metrics/m.csv', `timestamp,api.v2.latency_ms,api.errors.5xx\n${T0},1,2\n`)
		];
		const { bundle } = await parseOk(files);
		expect(bundle.series.map((s) => [s.service, s.metric])).toEqual([
			['api', 'errors.5xx'],
			['api.v2', 'latency_ms']
		]);
	});

	it('keeps the last value of duplicate timestamps, one warning per series with the count', async () => {
		const csv = `${WIDE}${T0},1\n${T0},2\n2024-06-01T10:01:00Z,3\n2024-06-01T10:01:00Z,4\n2024-06-01T10:02:00Z,5\n`;
		const { bundle, warnings } = await parseOk([manifest(), file('metrics/edge.csv', csv)]);
		const s = series(bundle, 'edge.latency_ms');
		expect(Array.from(s.v)).toEqual([2, 4, 5]);
		const w = only(warnings, 'metrics/edge.csv');
		expect(w).toMatchObject({ severity: 'warning', field: 'edge.latency_ms' });
		expect(w.message).toContain('2 duplicate timestamps');
	});

	it('sorts unsorted rows stably (duplicates keep reading order)', async () => {
		const csv = `timestamp,service,metric,value\n2024-06-01T10:02:00Z,db,q,3\n${T0},db,q,1\n2024-06-01T10:02:00Z,db,q,9\n`;
		const { bundle } = await parseOk([manifest(), file('metrics/long.csv', csv)]);
		expect(Array.from(series(bundle, 'db.q').v)).toEqual([1, 9]);
	});

	it('rejects a series key defined in two files', async () => {
		const files = [
			manifest(),
			file('metrics/a.csv', `${WIDE}${T0},1\n`),
			file('metrics/b.csv', `timestamp,service,metric,value\n${T0},edge,latency_ms,2\n`)
		];
		const e = only(await parseErrors(files), 'metrics/b.csv');
		expect(e).toMatchObject({ line: 2, field: 'metric', got: 'edge.latency_ms' });
		expect(e.message).toContain('already defined in metrics/a.csv');
	});

	it('warns (and skips) empty and header-only files', async () => {
		const files = [manifest(), file('metrics/empty.csv', ''), file('metrics/header.csv', WIDE)];
		const { bundle, warnings } = await parseOk(files);
		expect(bundle.series).toEqual([]);
		expect(warnings.map((w) => w.message)).toEqual([
			'metrics/empty.csv: is empty; skipped',
			'metrics/header.csv: has a header but no data rows; skipped'
		]);
	});

	it('warns about services not in the manifest and timestamps outside the range, with counts', async () => {
		const csv = `${WIDE.replace('edge', 'cache')}2024-06-01T09:00:00Z,1\n${T0},2\n2024-06-01T12:00:00Z,3\n`;
		const { warnings } = await parseOk([manifest(), file('metrics/cache.csv', csv)]);
		expect(warnings).toHaveLength(2);
		expect(warnings[0]).toMatchObject({ line: 1, field: 'cache.latency_ms', got: 'cache' });
		expect(warnings[0].message).toContain('not listed in manifest.services');
		expect(warnings[1]).toMatchObject({ line: 2 });
		expect(warnings[1].message).toContain('2 timestamps outside the manifest timeRange');
	});

	it('reports an unterminated quoted field', async () => {
		const csv = `${WIDE}${T0},"1\n`;
		const e = only(
			await parseErrors([manifest(), file('metrics/edge.csv', csv)]),
			'metrics/edge.csv'
		);
		expect(e).toMatchObject({ line: 2, expected: 'a closing double quote' });
	});
});
