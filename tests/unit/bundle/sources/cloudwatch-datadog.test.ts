import { describe, expect, it } from 'vitest';
import { file, iso, manifest, parseErrors, parseOk, series } from '../helpers';
import { source, fixtureText } from './helpers';

const dropped = (name: string, value: unknown) => file(name, JSON.stringify(value));

describe('AWS CloudWatch', () => {
	it('imports get-metric-data output dropped alone: newest-first samples, shared labels by Id', async () => {
		const { bundle, warnings } = await parseOk([source('cloudwatch/get-metric-data.json')]);
		// Two results share the Label CPUUtilization (two instances): their Ids tell them apart.
		const m1 = series(bundle, 'get-metric-data.CPUUtilization{id="m1"}');
		series(bundle, 'get-metric-data.CPUUtilization{id="m2"}');
		expect(m1.t.length).toBe(60);
		// CloudWatch lists the newest sample first; the bundle holds them in time order.
		expect(iso(m1.t[0])).toBe('2024-06-01T10:00:00.000Z');
		expect(iso(m1.t[59])).toBe('2024-06-01T14:55:00.000Z');
		expect(m1.v[59]).toBeGreaterThan(m1.v[0] + 30);
		series(bundle, 'get-metric-data.TargetResponseTime');
		expect(bundle.manifest.services).toEqual(['get-metric-data']);
		expect(iso(bundle.manifest.onset!)).toBe('2024-06-01T13:20:00.000Z');
		const w = warnings.find((x) => x.message.includes('proposed'));
		expect(w?.message).toContain('AWS CloudWatch metrics');
	});

	it('imports get-metric-statistics output: one series per statistic, unit from Unit', async () => {
		const { bundle } = await parseOk([source('cloudwatch/get-metric-statistics.json')]);
		const keys = bundle.series.map((s) => s.key);
		expect(keys).toEqual([
			'get-metric-statistics.CPUUtilization{statistic="Average"}',
			'get-metric-statistics.CPUUtilization{statistic="Maximum"}',
			'get-metric-statistics.CPUUtilization{statistic="p99"}'
		]);
		const avg = series(bundle, keys[0]);
		expect(avg.unit).toBe('%');
		expect(avg.t.length).toBe(48);
		// The datapoints come in no order; the series is in time order.
		expect([...avg.t].every((t, i, a) => i === 0 || t > a[i - 1])).toBe(true);
		const one = await parseOk([
			dropped('rds.json', {
				Label: 'ReadLatency',
				Datapoints: [
					{ Timestamp: '2024-06-01T10:05:00Z', Average: 0.004, Unit: 'Seconds' },
					{ Timestamp: '2024-06-01T10:00:00Z', Average: 0.003, Unit: 'Seconds' }
				]
			})
		]);
		// A single statistic keeps the plain label.
		expect(series(one.bundle, 'rds.ReadLatency').unit).toBe('s');
	});

	it('reads CloudWatch output inside a bundle, and says when a page is missing', async () => {
		const files = [
			manifest({ services: ['elb'] }),
			file('metrics/elb.json', fixtureText('cloudwatch/get-metric-data.json'))
		];
		expect((await parseOk(files)).bundle.series).toHaveLength(3);
		// Samples outside the manifest's range are kept, and the warning names the result.
		const narrow = manifest({
			services: ['elb'],
			timeRange: { start: '2024-06-01T10:00:00Z', end: '2024-06-01T12:00:00Z' }
		});
		const outside = await parseOk([narrow, files[1]]);
		const w = outside.warnings.find((x) => x.message.includes('outside the manifest timeRange'));
		expect(w?.message).toMatch(
			/: 105 samples outside .*\(first at MetricDataResults\[0\]\); kept$/
		);
		const partial = await parseOk([
			dropped('elb.json', {
				MetricDataResults: [
					{
						Id: 'm1',
						Label: 'RequestCount',
						Timestamps: ['2024-06-01T10:05:00+00:00', '2024-06-01T10:00:00+00:00'],
						Values: [120, 100],
						StatusCode: 'PartialData'
					}
				],
				NextToken: 'abc',
				Messages: [{ Code: 'MaxMetricsExceeded', Value: 'too many metrics' }]
			})
		]);
		const said = partial.warnings.map((w) => w.message).join('\n');
		expect(said).toContain('StatusCode PartialData');
		expect(said).toContain('NextToken is set');
		expect(said).toContain('CloudWatch says: MaxMetricsExceeded: too many metrics');
	});

	it('names a bad timestamp or a missing value by its JSON path', async () => {
		const errors = await parseErrors([
			dropped('bad.json', {
				MetricDataResults: [
					{
						Id: 'm1',
						Label: 'X',
						Timestamps: ['yesterday', '2024-06-01T10:00:00Z'],
						Values: [1, 2]
					},
					{ Id: 'm2', Label: 'Y', Timestamps: ['2024-06-01T10:00:00Z'], Values: [] }
				]
			})
		]);
		expect(errors.map((e) => e.field)).toEqual([
			'MetricDataResults[0].Timestamps[0]',
			'MetricDataResults[1].Values'
		]);
		expect(errors[1].message).toContain('as many Values as Timestamps (1)');
	});
});

describe('Datadog', () => {
	it('imports a /api/v1/query response: tags become labels, service from the service tag', async () => {
		const { bundle, warnings } = await parseOk([source('datadog/query.json')]);
		const web1 = series(bundle, 'checkout.system.cpu.user{host="web-1"}');
		series(bundle, 'checkout.system.cpu.user{host="web-2"}');
		expect(web1.unit).toBe('%');
		expect(web1.t.length).toBe(60);
		expect(iso(web1.t[0])).toBe('2024-06-01T10:00:00.000Z');
		// A null point is a gap.
		expect(Number.isNaN(web1.v[10])).toBe(true);
		expect(bundle.manifest.services).toEqual(['checkout']);
		expect(warnings.find((x) => x.message.includes('proposed'))?.message).toContain(
			'Datadog metric query'
		);
		// Without tag_set, the scope gives the tags.
		const scoped = await parseOk([
			dropped('dd.json', {
				res_type: 'time_series',
				series: [
					{
						metric: 'trace.http.request.hits',
						scope: 'service:cart,env:prod',
						pointlist: [[1717236000000, 4]]
					}
				]
			})
		]);
		series(scoped.bundle, 'cart.trace.http.request.hits{env="prod"}');
	});

	it('names a bad point by its JSON path', async () => {
		const errors = await parseErrors([
			dropped('dd.json', {
				status: 'ok',
				res_type: 'time_series',
				series: [
					{
						metric: 'm',
						tag_set: [],
						pointlist: [
							[1717236000000, 1],
							['noon', 2]
						]
					}
				]
			})
		]);
		expect(errors).toHaveLength(1);
		expect(errors[0].field).toBe('series[0].pointlist[1]');
		expect(errors[0].message).toContain('[epoch milliseconds, value or null]');
	});
});
