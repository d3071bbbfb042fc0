import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../../workers/bundle/types';
import { bucketQuantile } from '../../../../workers/bundle/sources/otlp-metrics';
import { file, iso, manifest, parseErrors, parseOk, series } from '../helpers';
import { fixtureText, source } from './helpers';

const rows = (logs: import('../../../../workers/bundle/types').LogTable) =>
	Array.from({ length: logs.length }, (_, i) => ({
		t: iso(logs.t[i]),
		service: logs.services[logs.service[i]],
		level: LOG_LEVELS[logs.level[i]],
		message: logs.message[i],
		extra: logs.extra[i] === '' ? {} : JSON.parse(logs.extra[i])
	}));

describe('OTLP/JSON logs and metrics', () => {
	it('reads log records: severity, body, observed time, attributes', async () => {
		const { bundle } = await parseOk([source('otlp/logs.json')]);
		const r = rows(bundle.logs);
		expect(r.map((x) => x.level)).toEqual(['info', 'warn', 'error']);
		expect(r[0]).toMatchObject({ service: 'checkout', message: 'order placed' });
		expect(r[0].extra).toEqual({ 'order.id': 42 });
		expect(r[1].message).toBe('{"event":"retry"}');
		expect(r[2]).toMatchObject({ t: '2024-06-01T10:03:20.000Z', message: 'payment declined' });
		expect(r[2].extra.trace_id).toBe('5b8efff798038103d269b633813fc60c');
	});

	it('reads gauges, sums, histogram percentiles and summaries', async () => {
		const { bundle, warnings } = await parseOk([source('otlp/metrics.json')]);
		expect(series(bundle, 'checkout.queue_depth').v[4]).toBe(4);
		expect(series(bundle, 'checkout.requests{code="200"}').v[1]).toBe(100);
		const p50 = series(bundle, 'checkout.latency_p50');
		expect(p50.unit).toBe('ms');
		expect(p50.v[0]).toBeCloseTo(55);
		// The second point is cumulative: its own interval holds the 10 slower requests only.
		expect(p50.v[1]).toBeCloseTo(550);
		expect(series(bundle, 'checkout.rpc_duration_p99').v[0]).toBe(3);
		expect(warnings.some((w) => w.message.includes('exponentialHistogram is not read'))).toBe(true);
	});

	it('interpolates inside buckets', () => {
		expect(bucketQuantile([10, 20], [0, 4, 0], 0.5)).toBeCloseTo(15);
		expect(bucketQuantile([10, 20], [0, 0, 3], 0.99)).toBe(20);
		expect(bucketQuantile([10], [0, 0], 0.5)).toBeNaN();
	});

	it('reports a bad time by its path', async () => {
		const doc = JSON.parse(fixtureText('otlp/logs.json'));
		doc.resourceLogs[0].scopeLogs[0].logRecords[2].timeUnixNano = '2024-06-01';
		const errors = await parseErrors([file('otel.json', JSON.stringify(doc, null, 1))]);
		expect(errors[0].field).toBe('resourceLogs[0].scopeLogs[0].logRecords[2].timeUnixNano');
	});
});

describe('Elasticsearch / OpenSearch', () => {
	it('reads a _search response with ECS fields, nested or dotted', async () => {
		const { bundle } = await parseOk([source('elasticsearch/search.json')]);
		const r = rows(bundle.logs);
		expect(r[0]).toMatchObject({ service: 'db', level: 'info', message: 'started' });
		expect(r[1]).toMatchObject({ service: 'api', level: 'error' });
		expect(r[1].extra).toEqual({
			log: {},
			service: {},
			host: { name: 'node-1' },
			_index: 'logs-app-2024.06.01',
			_id: 'a1'
		});
	});

	it('reads an NDJSON export in a bundle, skipping bulk action lines', async () => {
		const files = [
			manifest({ services: ['api', 'db'] }),
			file('logs/es.ndjson', fixtureText('elasticsearch/export.ndjson'))
		];
		const { bundle, warnings } = await parseOk(files);
		expect(rows(bundle.logs).map((x) => [x.service, x.level])).toEqual([
			['api', 'warn'],
			['db', 'info']
		]);
		expect(warnings).toEqual([]);
	});

	it('names a document without a time', async () => {
		const doc = JSON.parse(fixtureText('elasticsearch/search.json'));
		delete doc.hits.hits[1]._source['@timestamp'];
		const errors = await parseErrors([file('es.json', JSON.stringify(doc, null, 1))]);
		expect(errors[0].field).toBe('hits.hits[1]._source.@timestamp');
	});
});
