import { describe, expect, it } from 'vitest';
import { SPAN_KINDS, SPAN_STATUS, type SpanTable } from '../../../workers/bundle/types';
import { parseFineTimestamp, TimeZone } from '../../../workers/bundle/time';
import {
	file,
	fixtureBytes,
	iso,
	loadFolder,
	manifest,
	manifestObject,
	only,
	parseOk
} from './helpers';

/** The manifest and one trace file of the traces fixture, as a folder pick would give them. */
const fixture = (name: string) => [
	file('manifest.json', fixtureBytes('traces/manifest.json')),
	file(`traces/${name}`, fixtureBytes(`traces/traces/${name}`))
];

/** Rows of a span table with dictionary and enum indices resolved. */
export function spanRows(t: SpanTable) {
	return Array.from({ length: t.length }, (_, i) => ({
		trace: t.traceId[i],
		span: t.spanId[i],
		parent: t.parentId[i],
		service: t.services[t.service[i]],
		operation: t.operations[t.operation[i]],
		start: t.start[i],
		duration: t.duration[i],
		status: SPAN_STATUS[t.status[i]],
		kind: SPAN_KINDS[t.kind[i]]
	}));
}

const T = Date.parse('2024-06-01T10:05:00Z');
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('span JSONL', () => {
	it('reads every alias, keeps sub-ms times and sorts by start (stable)', async () => {
		const { bundle, warnings } = await parseOk(fixture('spans.jsonl'));
		expect(warnings).toEqual([]);
		expect(bundle.manifest.version).toBe(2);
		const rows = spanRows(bundle.traces);
		expect(rows.map((r) => r.span)).toEqual([
			'00f067aa0ba902b7',
			'a2fb4a1d1a96d312',
			'b7ad6b7169203331',
			'c1d2e3f4a5b6c7d8'
		]);
		expect(rows[0]).toEqual({
			trace: TRACE,
			span: '00f067aa0ba902b7',
			parent: '',
			service: 'edge',
			operation: 'GET /checkout',
			start: T + 0.25,
			duration: 480.5,
			status: 'ok',
			kind: 'server'
		});
		expect(rows[1]).toMatchObject({
			parent: '00f067aa0ba902b7',
			service: 'api',
			start: T + 1.5,
			duration: 450.25,
			status: 'unset',
			kind: 'client'
		});
		// `error: true`, naive space-form time, `service.name`, upper-case kind.
		expect(rows[2]).toMatchObject({
			service: 'db',
			start: T + 10,
			status: 'error',
			kind: 'client'
		});
		// 'root' parent, OTLP status number 2, equal start keeps file order.
		expect(rows[3]).toMatchObject({ parent: '', start: T + 10, status: 'error', kind: 'internal' });
		// Dictionaries are sorted (dictionary.ts), whatever order the file named them in.
		expect(bundle.traces.services).toEqual(['api', 'db', 'edge']);
		expect(bundle.traces.operations).toEqual([
			'GET /checkout',
			'POST /orders',
			'SELECT orders',
			'audit'
		]);
		expect(bundle.traces.start).toBeInstanceOf(Float64Array);
		expect(bundle.traces.operation).toBeInstanceOf(Uint32Array);
	});

	it('takes the service from a file named after a manifest service', async () => {
		const line = { traceId: 't1', spanId: 's1', operation: 'op', start: T, durationMs: 1 };
		const { bundle } = await parseOk([
			manifest(),
			file('traces/api.jsonl', JSON.stringify(line) + '\n')
		]);
		expect(spanRows(bundle.traces)[0]).toMatchObject({ service: 'api', status: 'unset' });
		expect(bundle.traces.kind[0]).toBe(SPAN_KINDS.indexOf('unspecified'));
	});

	it('warns once per service missing from the manifest and keeps the spans', async () => {
		const span = (id: string) =>
			JSON.stringify({ traceId: 't', spanId: id, service: 'cache', name: 'get', ts: T, end: T });
		const { bundle, warnings } = await parseOk([
			manifest(),
			file('traces/x.jsonl', [span('a'), span('b')].join('\n'))
		]);
		expect(bundle.traces.length).toBe(2);
		const w = only(warnings, 'traces/x.jsonl');
		expect(w).toMatchObject({ line: 1, field: 'service' });
		expect(w.message).toContain('service "cache" is not listed in manifest.services (2 spans)');
	});
});

describe('OTLP/JSON', () => {
	it('reads resourceSpans with scopeSpans and instrumentationLibrarySpans', async () => {
		const { bundle, warnings } = await parseOk(fixture('otlp.json'));
		expect(warnings).toEqual([]);
		const [cart, db] = spanRows(bundle.traces);
		expect(cart).toMatchObject({
			trace: '5b8efff798038103d269b633813fc60c',
			span: 'eee19b7ec3c1b174',
			parent: '',
			service: 'edge',
			operation: 'GET /cart',
			status: 'unset',
			kind: 'server'
		});
		// 1717236900123456789 ns: the nanoseconds survive the conversion to ms.
		expect(cart.start - 1717236900123).toBeCloseTo(0.456789, 3);
		// The duration comes from the exact nanosecond difference.
		expect(cart.duration).toBe(2);
		expect(db).toMatchObject({
			parent: 'eee19b7ec3c1b174',
			service: 'db',
			operation: 'SELECT cart',
			start: 1717236900124,
			status: 'error',
			kind: 'client'
		});
		expect(db.duration).toBe(0.5);
	});

	it('falls back to the file name when a resource has no service.name', async () => {
		const doc = {
			resourceSpans: [
				{
					scopeSpans: [
						{
							spans: [
								{
									traceId: 'a',
									spanId: 'b',
									name: 'n',
									startTimeUnixNano: '1717236000000000000',
									endTimeUnixNano: '1717236000000001000'
								}
							]
						}
					]
				}
			]
		};
		const { bundle } = await parseOk([manifest(), file('traces/db.json', JSON.stringify(doc))]);
		expect(spanRows(bundle.traces)[0]).toMatchObject({ service: 'db', duration: 0.001 });
	});
});

describe('Jaeger JSON', () => {
	it('reads processes, references, µs times and tag conventions', async () => {
		const { bundle, warnings } = await parseOk(fixture('jaeger.json'));
		expect(warnings).toEqual([]);
		const T2 = Date.parse('2024-06-01T10:20:00Z');
		expect(spanRows(bundle.traces)).toEqual([
			{
				trace: '7be2a4ff9d3f1e5c',
				span: '7be2a4ff9d3f1e5c',
				parent: '',
				service: 'edge',
				operation: 'HTTP GET /profile',
				start: T2,
				duration: 250.5,
				status: 'error', // http.status_code 503
				kind: 'server'
			},
			{
				trace: '7be2a4ff9d3f1e5c',
				span: '1a2b3c4d5e6f7081',
				parent: '7be2a4ff9d3f1e5c',
				service: 'api',
				operation: 'load profile',
				start: T2 + 0.1,
				duration: 200,
				status: 'error', // error=true
				kind: 'client'
			},
			{
				trace: '7be2a4ff9d3f1e5c',
				span: '9f8e7d6c5b4a3928',
				parent: '1a2b3c4d5e6f7081', // FOLLOWS_FROM
				service: 'api',
				operation: 'profile.viewed',
				start: T2 + 300,
				duration: 0.015,
				status: 'ok',
				kind: 'producer'
			}
		]);
	});
});

describe('traces in every bundle form', () => {
	it('merges all trace files of the fixture into one start-sorted table', async () => {
		const { bundle, warnings } = await parseOk(loadFolder('traces'));
		expect(warnings).toEqual([]);
		expect(bundle.traces.length).toBe(9);
		const start = Array.from(bundle.traces.start);
		expect(start).toEqual([...start].sort((a, b) => a - b));
		expect(iso(start[0])).toBe('2024-06-01T10:05:00.000Z');
	});

	it('reads traces in a version 1 bundle too, and gives bundles without traces an empty table', async () => {
		const good = await parseOk(loadFolder('good'));
		expect(good.bundle.manifest.version).toBe(1);
		expect(spanRows(good.bundle.traces).map((r) => [r.service, r.status, r.duration])).toEqual([
			['edge', 'error', 960.5],
			['api', 'unset', 950]
		]);
		const none = await parseOk([manifest()]);
		expect(none.bundle.traces).toMatchObject({ length: 0, services: [], operations: [] });
		expect(none.bundle.traces.start).toBeInstanceOf(Float64Array);
	});

	it('reads the `traces` array of a single-JSON bundle with the JSONL rules', async () => {
		const doc = {
			manifest: manifestObject({ version: 2 }),
			traces: [
				{ traceId: 't', spanId: 'b', service: 'api', name: 'late', ts: T + 5, durationMs: 1 },
				{ traceId: 't', spanId: 'a', service: 'edge', name: 'early', ts: T, durationMs: 9 }
			]
		};
		const { bundle, warnings } = await parseOk([file('incident.json', JSON.stringify(doc))]);
		expect(warnings).toEqual([]);
		expect(spanRows(bundle.traces).map((r) => r.operation)).toEqual(['early', 'late']);
	});

	it('keeps ISO fractions below a millisecond only for span times', () => {
		const utc = new TimeZone('UTC');
		const base = Date.parse('2024-06-01T10:00:00.123Z');
		expect(parseFineTimestamp('2024-06-01T10:00:00.123456Z', utc)).toBeCloseTo(base + 0.456, 6);
		expect(parseFineTimestamp('2024-06-01T12:00:00.1234+02:00', utc)).toBeCloseTo(base + 0.4, 6);
		expect(parseFineTimestamp('2024-06-01T10:00:00.123Z', utc)).toBe(base);
		expect(parseFineTimestamp(1717236000.5, utc)).toBe(1717236000500);
	});
});
