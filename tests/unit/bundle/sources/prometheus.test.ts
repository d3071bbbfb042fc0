import { describe, expect, it } from 'vitest';
import { file, iso, manifest, parseErrors, parseOk, series } from '../helpers';
import { source, fixtureText } from './helpers';

describe('Prometheus API responses', () => {
	it('imports a query_range response dropped alone, with a proposed manifest', async () => {
		const { bundle, warnings } = await parseOk([source('prometheus/query_range.json')]);
		const api = series(bundle, 'api.http_request_duration_ms{instance="10.0.0.0:8080"}');
		expect(api.t.length).toBe(60);
		expect(api.unit).toBe('ms');
		expect(iso(api.t[0])).toBe('2024-06-01T10:00:00.000Z');
		const db = series(bundle, 'db.http_request_duration_ms{instance="10.0.0.1:8080"}');
		expect(Number.isNaN(db.v[5])).toBe(true);
		const m = bundle.manifest;
		expect(m.services).toEqual(['api', 'db']);
		expect(iso(m.timeRange.start)).toBe('2024-06-01T10:00:00.000Z');
		expect(iso(m.timeRange.end)).toBe('2024-06-01T10:59:00.000Z');
		expect(iso(m.onset!)).toBe('2024-06-01T10:40:00.000Z');
		expect(m.baseline!.end).toBeLessThanOrEqual(m.onset!);
		expect(m.id).toBe('query_range');
		const w = warnings.find((x) => x.message.includes('proposed'));
		expect(w?.message).toContain('Prometheus query response');
	});

	it('reads vector responses and several responses per file', async () => {
		const v = await parseOk([source('prometheus/query.json')]);
		expect(series(v.bundle, 'db.up{instance="10.0.0.1:8080"}').v[0]).toBe(0);
		const { bundle, warnings } = await parseOk([source('prometheus/several.json')]);
		expect(series(bundle, 'edge.value{code="500"}').t.length).toBe(60);
		expect(Number.isNaN(series(bundle, 'edge.value{code="200"}').v[3])).toBe(true);
		expect(warnings.some((w) => w.message.includes('1 infinite sample'))).toBe(true);
	});

	it('reads a response inside a bundle, under metrics/', async () => {
		const files = [
			manifest({ services: ['api', 'db'] }),
			file('metrics/prom.json', fixtureText('prometheus/query_range.json'))
		];
		const { bundle } = await parseOk(files);
		expect(bundle.series.map((s) => s.service)).toEqual(['api', 'db']);
		expect(bundle.manifest.id).toBe('inc-1');
	});

	it('names a bad sample by its JSON path', async () => {
		const errors = await parseErrors([source('prometheus/bad-sample.json')]);
		expect(errors).toHaveLength(1);
		expect(errors[0].field).toBe('data.result[4].values[17]');
		expect(errors[0].message).toContain(
			'this looks like a Prometheus response, but it is not [unix time in seconds, "value"]'
		);
		expect(errors[0].line).toBeGreaterThan(1);
	});

	it('reports the error of a failed query', async () => {
		const errors = await parseErrors([source('prometheus/error.json')]);
		expect(errors[0].message).toContain('Prometheus returned an error');
		expect(errors[0].message).toContain('bad_data: invalid parameter');
	});

	it('applies per-query naming overrides of the capture wrapper', async () => {
		const resp = JSON.parse(fixtureText('prometheus/query_range.json'));
		const doc = {
			naming: { serviceLabels: ['instance'] },
			queries: [{ query: 'x', metric: 'latency_ms', response: resp }]
		};
		const { bundle } = await parseOk([file('capture.json', JSON.stringify(doc))]);
		expect(bundle.series.map((s) => s.key)).toEqual([
			'10.0.0.0:8080.latency_ms',
			'10.0.0.1:8080.latency_ms'
		]);
	});

	it('still refuses an unknown JSON with a precise expectation', async () => {
		const errors = await parseErrors([file('x.json', '{"foo": 1}')]);
		expect(errors[0].message).toContain('a Prometheus or Loki API response');
	});
});
