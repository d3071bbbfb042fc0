import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { file, iso, loadFolder, manifest, manifestObject, only, parseOk, series } from './helpers';

describe('good bundles in every shape', () => {
	it('reads the fixture folder (top folder stripped) with every file kind', async () => {
		const { bundle, warnings, result } = await parseOk(loadFolder('good'));
		expect(bundle.manifest.id).toBe('inc-2024-06-01-checkout');
		expect(bundle.manifest.onset).toBe(Date.parse('2024-06-01T10:20:00Z'));
		expect(bundle.series.map((s) => s.key)).toEqual([
			'api.pool_wait_ms',
			'db.db_lock_ms',
			'edge.latency_ms',
			'edge.throughput_rpm'
		]);
		// Wide CSV: quoted number, empty cell and NaN become values / gaps; unit from the suffix.
		const lat = series(bundle, 'edge.latency_ms');
		expect(Array.from(lat.v)).toEqual([120, NaN, 130.5, 480]);
		expect(lat.unit).toBe('ms');
		expect(Array.from(series(bundle, 'edge.throughput_rpm').v)).toEqual([900, 910, NaN, 700]);
		// Long CSV, columns in any order, rows unsorted → sorted; naive times in the manifest zone.
		const lock = series(bundle, 'db.db_lock_ms');
		expect(Array.from(lock.t, iso)).toEqual([
			'2024-06-01T10:00:00.000Z',
			'2024-06-01T10:01:00.000Z',
			'2024-06-01T10:02:00.500Z'
		]);
		expect(Array.from(lock.v)).toEqual([3, 5, 250]);
		expect(bundle.topology).toEqual([
			{ from: 'edge', to: 'api' },
			{ from: 'api', to: 'db' }
		]);
		expect(bundle.groundTruth).toMatchObject({ service: 'db', metric: 'db.db_lock_ms' });
		expect(bundle.annotations[0]).toMatchObject({ id: 'a1', series: 'edge.latency_ms' });
		expect(warnings.map((w) => w.file)).toEqual(['README.md']);
		expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(result.bytes).toBeGreaterThan(1000);
	});

	it('merges JSONL and text logs into one time-sorted table', async () => {
		const { bundle } = await parseOk(loadFolder('good'));
		const logs = bundle.logs;
		expect(logs.length).toBe(6);
		expect(Array.from(logs.t)).toEqual([...logs.t].sort((a, b) => a - b));
		const rows = Array.from({ length: logs.length }, (_, i) => ({
			t: iso(logs.t[i]),
			level: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'][logs.level[i]],
			service: logs.services[logs.service[i]],
			message: logs.message[i],
			extra: logs.extra[i]
		}));
		expect(rows).toEqual([
			// epoch seconds + `msg` alias + service from the file name
			{
				t: '2024-06-01T10:00:00.000Z',
				level: 'info',
				service: 'api',
				message: 'started',
				extra: ''
			},
			// bare level + `service:` prefix naming another manifest service
			{
				t: '2024-06-01T10:01:00.000Z',
				level: 'warn',
				service: 'api',
				message: 'retrying request',
				extra: ''
			},
			{
				t: '2024-06-01T10:01:30.000Z',
				level: 'info',
				service: 'edge',
				message: 'plain message without level',
				extra: ''
			},
			{
				t: '2024-06-01T10:02:00.000Z',
				level: 'warn',
				service: 'api',
				message: 'slow query',
				extra: '{"query_ms":950,"route":"/checkout"}'
			},
			// comma milliseconds, bracketed level, continuation lines appended
			{
				t: '2024-06-01T10:02:30.120Z',
				level: 'error',
				service: 'edge',
				message: 'upstream timeout\njava.lang.RuntimeException: boom\n\tat Foo.bar(Foo.java:1)',
				extra: ''
			},
			// @timestamp alias and a pino numeric level
			{
				t: '2024-06-01T10:03:00.250Z',
				level: 'error',
				service: 'api',
				message: 'pool exhausted',
				extra: ''
			}
		]);
	});

	it('reads events from jsonl and csv (quoted fields, extra columns → attrs), sorted by time', async () => {
		const { bundle } = await parseOk(loadFolder('good'));
		expect(bundle.events).toEqual([
			{
				t: Date.parse('2024-06-01T10:05:00Z'),
				kind: 'config',
				title: 'Pool size 20 → 10, "temporary"',
				service: 'api'
			},
			{
				t: Date.parse('2024-06-01T10:10:00Z'),
				kind: 'deploy',
				title: 'api v1.2.3',
				service: 'api',
				detail: 'canary 10%',
				attrs: { sha: 'abc123' }
			},
			{
				t: Date.parse('2024-06-01T10:20:00Z'),
				end: Date.parse('2024-06-01T10:40:00Z'),
				kind: 'alert',
				title: 'Edge p95 > 400ms',
				service: 'edge',
				attrs: { ticket: 'OPS-1' }
			}
		]);
	});

	it('reads a zip of the folder (single top folder stripped, __MACOSX ignored) with the same hash', async () => {
		const folder = loadFolder('good');
		const entries: Record<string, Uint8Array> = {
			'__MACOSX/good/._manifest.json': strToU8('junk')
		};
		for (const f of folder) entries[f.path] = f.bytes;
		const zip = zipSync(entries);
		const fromZip = await parseOk([file('good.zip', zip)]);
		const fromFolder = await parseOk(folder);
		expect(fromZip.bundle.series.map((s) => s.key)).toEqual(
			fromFolder.bundle.series.map((s) => s.key)
		);
		expect(fromZip.bundle.logs.length).toBe(6);
		expect(fromZip.result.contentHash).toBe(fromFolder.result.contentHash);
		expect(fromZip.warnings.map((w) => w.file)).toEqual(['README.md']);
	});

	it('reads a single-JSON bundle through the same normalisers', async () => {
		const doc = {
			manifest: manifestObject({ timezone: 'Europe/Berlin' }),
			metrics: [
				{
					service: 'edge',
					metric: 'latency_ms',
					unit: 'ms',
					points: [
						['2024-06-01 12:01:00', 2],
						[1717236000, null],
						['2024-06-01T10:02:00Z', 'NaN']
					]
				}
			],
			logs: [
				{ ts: '2024-06-01T10:00:00Z', level: 'error', service: 'db', message: 'deadlock', tx: 7 }
			],
			events: [{ ts: 1717236000000, kind: 'deploy', title: 'v2' }],
			topology: { edges: [{ from: 'edge', to: 'api' }] },
			groundTruth: { service: 'db' },
			annotations: [{ id: 'n1', ts: '2024-06-01T10:30:00Z', text: 'look here' }]
		};
		const { bundle, warnings } = await parseOk([file('incident/bundle.json', JSON.stringify(doc))]);
		expect(warnings).toEqual([]);
		const lat = series(bundle, 'edge.latency_ms');
		// 12:01 Berlin summer time = 10:01Z; epoch seconds; NaN gap.
		expect(Array.from(lat.t, iso)).toEqual([
			'2024-06-01T10:00:00.000Z',
			'2024-06-01T10:01:00.000Z',
			'2024-06-01T10:02:00.000Z'
		]);
		expect(Array.from(lat.v)).toEqual([NaN, 2, NaN]);
		expect(lat.unit).toBe('ms');
		expect(bundle.logs.message).toEqual(['deadlock']);
		expect(bundle.logs.extra).toEqual(['{"tx":7}']);
		expect(bundle.events).toEqual([{ t: 1717236000000, kind: 'deploy', title: 'v2' }]);
		expect(bundle.groundTruth).toEqual({ service: 'db' });
		expect(bundle.annotations[0].t).toBe(Date.parse('2024-06-01T10:30:00Z'));
	});

	it('accepts a bundle that has only a manifest', async () => {
		const { bundle } = await parseOk([manifest()]);
		expect(bundle.series).toEqual([]);
		expect(bundle.logs.length).toBe(0);
		expect(bundle.events).toEqual([]);
	});
});

describe('more layout variants', () => {
	it('reads events/*.jsonl and multi-line quoted CSV fields', async () => {
		const files = [
			manifest(),
			file('events/a.jsonl', '\n{"time":"2024-06-01T10:05:00Z","kind":"note","title":"x"}\n\n'),
			file(
				'events/b.csv',
				'timestamp,kind,title,detail\r\n2024-06-01T10:01:00Z,note,y,"line 1\r\nline 2, still"\r\n'
			)
		];
		const { bundle } = await parseOk(files);
		expect(bundle.events.map((e) => [e.title, e.detail])).toEqual([
			['y', 'line 1\nline 2, still'],
			['x', undefined]
		]);
	});

	it('takes a `name:` prefix as the service when the file is not named after one', async () => {
		const log = '2024-06-01T10:00:00Z [info] cache: warmed\n2024-06-01T10:00:01Z db: slow\n';
		const { bundle, warnings } = await parseOk([manifest(), file('logs/app.txt', log)]);
		expect(bundle.logs.services).toEqual(['cache', 'db']);
		expect(bundle.logs.message).toEqual(['warmed', 'slow']);
		expect(only(warnings, 'logs/app.txt')).toMatchObject({
			line: 1,
			field: 'service',
			got: 'cache'
		});
	});
});
