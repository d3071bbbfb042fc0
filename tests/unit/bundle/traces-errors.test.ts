import { describe, expect, it } from 'vitest';
import { UNIX_NANO_EXPECTED } from '../../../workers/bundle/otlp';
import { TIMESTAMP_EXPECTED } from '../../../workers/bundle/time';
import type { BundleIssue } from '../../../workers/bundle/types';
import { file, manifest, manifestObject, only, parseErrors } from './helpers';

const GOOD = {
	traceId: 't1',
	spanId: 's1',
	service: 'api',
	name: 'op',
	start: '2024-06-01T10:05:00Z',
	durationMs: 1
};

/** A JSONL file whose line 1 is a good span and line 2 is GOOD with `over` applied. */
function jsonl(over: Record<string, unknown>) {
	const bad: Record<string, unknown> = { ...GOOD, spanId: 's2', ...over };
	for (const k of Object.keys(bad)) if (bad[k] === undefined) delete bad[k];
	return file('traces/s.jsonl', `${JSON.stringify(GOOD)}\n${JSON.stringify(bad)}\n`);
}

/** The single error of a bundle made of a manifest and `files`. */
async function theError(...files: ReturnType<typeof file>[]) {
	const errors = await parseErrors([manifest(), ...files]);
	expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
	return errors[0];
}

describe('span JSONL errors', () => {
	it('names file, line, field, expected and got for a bad timestamp', async () => {
		const e = await theError(jsonl({ start: 'yesterday' }));
		expect(e).toMatchObject({
			file: 'traces/s.jsonl',
			line: 2,
			field: 'start',
			expected: TIMESTAMP_EXPECTED,
			got: 'yesterday'
		});
		expect(e.message).toBe(
			`traces/s.jsonl line 2, field "start": expected ${TIMESTAMP_EXPECTED}, got "yesterday"`
		);
	});

	it('reports a missing spanId', async () => {
		const e = await theError(jsonl({ spanId: undefined }));
		expect(e.message).toBe(
			'traces/s.jsonl line 2, field "spanId": expected a non-empty span id string, got nothing'
		);
	});

	it('reports an end before the start under the alias used', async () => {
		const e = await theError(jsonl({ durationMs: undefined, end: '2024-06-01T10:04:59Z' }));
		expect(e).toMatchObject({
			line: 2,
			field: 'end',
			expected: 'a time at or after start (2024-06-01T10:05:00.000Z)',
			got: '2024-06-01T10:04:59Z'
		});
	});

	it('reports a negative duration', async () => {
		const e = await theError(jsonl({ durationMs: undefined, duration_ms: -5 }));
		expect(e.message).toBe(
			'traces/s.jsonl line 2, field "duration_ms": expected a duration in milliseconds (a number ≥ 0), got -5'
		);
	});

	it('reports an unknown status word and an unknown kind', async () => {
		const errors = await parseErrors([manifest(), jsonl({ status: 'broken', kind: 'server-ish' })]);
		expect(errors.map((e) => [e.line, e.field, e.got])).toEqual([
			[2, 'status', 'broken'],
			[2, 'kind', 'server-ish']
		]);
		expect(errors[0].expected).toMatch(/^a span status \("ok", "error" or "unset"/);
	});

	it('needs a duration or an end, and a service unless the file is named after one', async () => {
		const errors = await parseErrors([
			manifest(),
			jsonl({ durationMs: undefined, service: undefined })
		]);
		expect(errors.map((e) => [e.field, e.expected])).toEqual([
			['service', 'a service name (or a file named after a manifest service)'],
			['durationMs', 'a "durationMs" number or an "end" timestamp']
		]);
	});

	it('refuses the whole bundle for one bad span (all-or-nothing)', async () => {
		const errors = await parseErrors([manifest(), jsonl({ parentId: 42 })]);
		expect(only(errors, 'traces/s.jsonl')).toMatchObject({ line: 2, field: 'parentId', got: '42' });
	});

	it('checks the single-JSON `traces` array with JSON paths and lines', async () => {
		const doc = { manifest: manifestObject(), traces: [GOOD, { ...GOOD, start: 'soon' }] };
		const text = JSON.stringify(doc, null, '\t');
		const errors = await parseErrors([file('incident.json', text)]);
		const e = only(errors, 'incident.json');
		expect(e.field).toBe('traces[1].start');
		expect(text.split('\n')[e.line! - 1]).toContain('"start": "soon"');
	});
});

describe('trace JSON document errors', () => {
	it('refuses a .json that is neither OTLP nor Jaeger', async () => {
		const e = await theError(file('traces/x.json', '{\n\t"spans": []\n}\n'));
		expect(e.message).toBe(
			'traces/x.json line 1: expected OTLP/JSON (resourceSpans) or Jaeger JSON (data[].spans), got an object'
		);
	});

	it('gives the line of a JSON syntax error', async () => {
		const text = '{\n\t"resourceSpans": [\n\t\t{ "resource": {, }\n\t]\n}\n';
		const e = await theError(file('traces/otlp.json', text));
		expect(e).toMatchObject({ file: 'traces/otlp.json', line: 3, expected: 'valid JSON' });
		expect(e.message).toMatch(/^traces\/otlp\.json line 3: invalid JSON at column 18/);
	});
});

const EDGE = { attributes: [{ key: 'service.name', value: { stringValue: 'edge' } }] };

/** An OTLP/JSON document with one span (GOOD fields overridden by `over`), pretty-printed. */
function otlp(over: Record<string, unknown>, resource: unknown = EDGE): string {
	const span = {
		traceId: 'a',
		spanId: 'b',
		name: 'n',
		startTimeUnixNano: '1717236300000000000',
		endTimeUnixNano: '1717236300000001000',
		...over
	};
	return JSON.stringify(
		{ resourceSpans: [{ resource, scopeSpans: [{ spans: [span] }] }] },
		null,
		'\t'
	);
}

/** The text of the line an issue points at. */
const lineOf = (text: string, e: BundleIssue) => text.split('\n')[e.line! - 1].trim();

describe('OTLP/JSON errors', () => {
	const SPAN = 'resourceSpans[0].scopeSpans[0].spans[0]';

	it('points at an end before the start, with its line', async () => {
		const text = otlp({ endTimeUnixNano: '1717236299000000000' });
		const e = await theError(file('traces/otlp.json', text));
		expect(e).toMatchObject({
			field: `${SPAN}.endTimeUnixNano`,
			expected: 'a time at or after startTimeUnixNano'
		});
		expect(lineOf(text, e)).toBe('"endTimeUnixNano": "1717236299000000000"');
	});

	it('reports bad nanosecond times and unknown status codes at the nested value', async () => {
		const text = otlp({ startTimeUnixNano: '2024-06-01T10:05:00Z', status: { code: 7 } });
		const errors = await parseErrors([manifest(), file('traces/otlp.json', text)]);
		expect(errors.map((e) => [e.field, e.expected, e.got])).toEqual([
			[`${SPAN}.startTimeUnixNano`, UNIX_NANO_EXPECTED, '2024-06-01T10:05:00Z'],
			[`${SPAN}.status.code`, expect.stringMatching(/^a span status/), '7']
		]);
		expect(lineOf(text, errors[1])).toBe('"code": 7');
	});

	it('needs service.name unless the file is named after a manifest service', async () => {
		const e = await theError(file('traces/otlp.json', otlp({}, { attributes: [] })));
		expect(e).toMatchObject({
			field: 'resourceSpans[0].resource',
			expected: 'a "service.name" resource attribute (or a file named after a manifest service)'
		});
	});
});

describe('Jaeger JSON errors', () => {
	const jaeger = (span: Record<string, unknown>) =>
		JSON.stringify({
			data: [
				{
					traceID: 't',
					spans: [
						{
							traceID: 't',
							spanID: 's',
							operationName: 'op',
							startTime: 1717236300000000,
							duration: 10,
							processID: 'p1',
							...span
						}
					],
					processes: { p1: { serviceName: 'api' } }
				}
			]
		});

	it('names an unknown processID and a negative duration', async () => {
		const errors = await parseErrors([
			manifest(),
			file('traces/j.json', jaeger({ processID: 'p9', duration: -1 }))
		]);
		expect(errors.map((e) => [e.field, e.got])).toEqual([
			['data[0].spans[0].duration', '-1'],
			['data[0].spans[0].processID', 'p9']
		]);
	});

	it('reads microsecond numbers only', async () => {
		const e = await theError(file('traces/j.json', jaeger({ startTime: '2024-06-01' })));
		expect(e).toMatchObject({
			field: 'data[0].spans[0].startTime',
			expected: 'epoch microseconds (a number)'
		});
	});
});
