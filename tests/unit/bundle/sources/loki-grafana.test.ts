import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../../workers/bundle/types';
import { file, manifest, parseErrors, parseOk, series } from '../helpers';
import { fixtureText, source } from './helpers';

describe('Loki streams', () => {
	it('maps labels to service and level and keeps the rest', async () => {
		const { bundle } = await parseOk([source('loki/query_range.json')]);
		const logs = bundle.logs;
		expect(logs.length).toBe(4);
		const rows = Array.from({ length: logs.length }, (_, i) => ({
			service: logs.services[logs.service[i]],
			level: LOG_LEVELS[logs.level[i]],
			message: logs.message[i],
			extra: logs.extra[i]
		}));
		expect(rows[0]).toMatchObject({ service: 'db', level: 'info' });
		expect(rows[1]).toMatchObject({ service: 'db', level: 'warn' });
		expect(rows[3]).toMatchObject({ service: 'api', level: 'error' });
		expect(JSON.parse(rows[3].extra)).toEqual({ namespace: 'prod', trace_id: '4bf92f3577b34da6' });
		expect(bundle.manifest.services).toEqual(['api', 'db']);
	});

	it('reports a bad entry precisely', async () => {
		const doc = JSON.parse(fixtureText('loki/query_range.json'));
		doc.data.result[1].values[1] = ['12:00', 'x'];
		const errors = await parseErrors([file('loki.json', JSON.stringify(doc, null, 1))]);
		expect(errors[0].field).toBe('data.result[1].values[1][0]');
		expect(errors[0].expected).toContain('epoch nanoseconds');
	});
});

describe('Grafana CSV', () => {
	it('reads series joined by time, with units and legends', async () => {
		const { bundle } = await parseOk([source('grafana/joined.csv')]);
		const p95 = series(bundle, 'joined.api p95');
		expect(p95.unit).toBe('ms');
		expect(p95.v[2]).toBe(122);
		const up = series(bundle, 'db.up{instance="10.0.0.1:8080"}');
		expect(Number.isNaN(up.v[4])).toBe(true);
	});

	it('reads one series per row (semicolon layout)', async () => {
		const { bundle } = await parseOk([source('grafana/rows.csv')]);
		expect(series(bundle, 'edge.latency_ms').t.length).toBe(20);
		expect(series(bundle, 'db.value').v[0]).toBe(5);
	});

	it('is recognised inside a bundle under metrics/', async () => {
		const files = [
			manifest({ services: ['edge', 'db'] }),
			file('metrics/panel.csv', fixtureText('grafana/rows.csv'))
		];
		const { bundle } = await parseOk(files);
		expect(bundle.series.map((s) => s.key)).toEqual(['db.value', 'edge.latency_ms']);
	});

	// NAB, CloudWatch exports and many scripts write `timestamp,value`: one series, named after
	// the file. A header with any `service.metric` column stays our wide CSV, so a typo in it is
	// still an error rather than a stray series.
	it("reads another tool's plain timestamp,value CSV as a series of the file", async () => {
		const rows = ['timestamp,value', '2014-02-14 14:27:00,2.296', '2014-02-14 14:32:00,2.144'];
		const { bundle } = await parseOk([file('ec2_cpu.csv', rows.join('\n'))]);
		expect(bundle.series.map((s) => s.key)).toEqual(['ec2_cpu.value']);
		expect(Array.from(series(bundle, 'ec2_cpu.value').v)).toEqual([2.296, 2.144]);
		const typo = ['timestamp,edge.latency_ms,edgelatency', '2026-03-14T00:00:00Z,1,2'];
		const errors = await parseErrors([file('m.csv', typo.join('\n'))]);
		expect(errors[0]).toMatchObject({
			field: 'edgelatency',
			expected: 'a column named <service>.<metric>'
		});
		const dated = ['Date,Value', '2014-02-14 14:27:00,1', '2014-02-14 14:32:00,2'];
		const { bundle: b3 } = await parseOk([file('sheet.csv', dated.join('\n'))]);
		expect(b3.series.map((s) => s.key)).toEqual(['sheet.Value']);
		const long = ['timestamp,service,metric,value', '2026-03-14T00:00:00Z,api,rps,3'];
		const { bundle: b2 } = await parseOk([file('long.csv', long.join('\n'))]);
		expect(b2.series.map((s) => s.key)).toEqual(['api.rps']);
	});

	it('names a bad cell by line and column', async () => {
		const text = fixtureText('grafana/joined.csv').replace('125.0 ms', 'fast');
		const errors = await parseErrors([file('panel.csv', text)]);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ line: 7, field: 'api p95', got: 'fast' });
	});
});
