import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import { file, manifest, manifestObject, only, parseErrors, parseOk } from './helpers';

const WIDE = 'timestamp,edge.latency_ms\n';
const T0 = '2024-06-01T10:00:00Z';

describe('manifest problems', () => {
	it('rejects a bundle without manifest.json', async () => {
		const e = only(
			await parseErrors([file('metrics/edge.csv', `${WIDE}${T0},1\n`)]),
			'manifest.json'
		);
		expect(e.message).toBe(
			'manifest.json: missing: every bundle needs a manifest.json at its root'
		);
	});

	it('rejects an empty manifest.json', async () => {
		const e = only(await parseErrors([file('manifest.json', '')]), 'manifest.json');
		expect(e.message).toBe('manifest.json: expected a manifest JSON object, got "an empty file"');
	});

	it('reports every schema violation with its field path and line', async () => {
		const files = [
			manifest({
				services: ['edge', 42],
				timeRange: { start: '2024-06-01T10:00:00Z' },
				id: 'Bad Id'
			})
		];
		const errors = await parseErrors(files);
		expect(errors.map((e) => [e.field, e.line, e.got])).toEqual([
			['id', 4, 'Bad Id'],
			['services[1]', 8, '42'],
			['timeRange.end', 10, 'nothing']
		]);
		expect(errors[2].message).toBe(
			'manifest.json line 10, field "timeRange.end": expected a timestamp (ISO 8601, "YYYY-MM-DD HH:MM:SS[.mmm]" or epoch milliseconds/seconds), got nothing'
		);
	});

	it('reports invalid JSON with line and column', async () => {
		const e = only(
			await parseErrors([file('manifest.json', '{\n  "format": "aitia.bundle",\n  "id": tru\n}')]),
			'manifest.json'
		);
		expect(e.line).toBe(3);
		expect(e.message).toMatch(/^manifest\.json line 3: invalid JSON at column 9/);
	});

	it('rejects an unknown time zone, a newer version and an inverted range', async () => {
		const tz = only(await parseErrors([manifest({ timezone: 'Mars/Olympus' })]), 'manifest.json');
		expect(tz).toMatchObject({ field: 'timezone', got: 'Mars/Olympus', line: 15 });
		const v = only(await parseErrors([manifest({ version: 3 })]), 'manifest.json');
		expect(v.message).toContain('version 3 is newer than this app reads (2)');
		const old = only(await parseErrors([manifest({ version: 0 })]), 'manifest.json');
		expect(old.message).toContain('expected version 1 or 2, got 0');
		const r = only(
			await parseErrors([
				manifest({ timeRange: { start: '2024-06-01T11:00:00Z', end: '2024-06-01T10:00:00Z' } })
			]),
			'manifest.json'
		);
		expect(r).toMatchObject({ field: 'timeRange.end', line: 13 });
	});

	it('warns about unknown manifest keys', async () => {
		const { warnings } = await parseOk([manifest({ color: 'red' })]);
		expect(only(warnings, 'manifest.json')).toMatchObject({ field: 'color', line: 16 });
	});
});

describe('log problems', () => {
	it('rejects a text log whose first line has no timestamp', async () => {
		const log = 'at Foo.bar\n2024-06-01T10:00:00Z INFO ok\n';
		const e = only(await parseErrors([manifest(), file('logs/edge.log', log)]), 'logs/edge.log');
		expect(e).toMatchObject({ line: 1, got: 'at Foo.bar' });
	});

	it('requires a service for text logs not named after a manifest service', async () => {
		const log =
			'2024-06-01T10:00:00Z INFO api: fine\r\n2024-06-01T10:00:01Z ERROR no service here\r\n';
		const e = only(await parseErrors([manifest(), file('logs/app.log', log)]), 'logs/app.log');
		expect(e).toMatchObject({ line: 2, field: 'service', got: 'no service here' });
	});

	it('reports invalid JSON lines, bad levels and missing timestamps in JSONL', async () => {
		const jsonl = [
			'{"ts":"2024-06-01T10:00:00Z","level":"info","message":"ok"}',
			'{"ts":"2024-06-01T10:00:00Z","level":"loud","message":"x"}',
			'{"level":"info","message":"no time"}',
			'{"ts":"2024-06-01T10:00:00Z", "message": }'
		].join('\r\n');
		const errors = await parseErrors([manifest(), file('logs/api.jsonl', jsonl)]);
		expect(errors.map((e) => [e.line, e.field, e.got])).toEqual([
			[2, 'level', 'loud'],
			[3, 'ts', 'nothing'],
			[4, undefined, '}']
		]);
		expect(errors[2].message).toBe(
			`logs/api.jsonl line 4: invalid JSON at column 42 (near "}"): Unexpected token '}'`
		);
	});

	it('warns about log services missing from the manifest once per service, with a count', async () => {
		const jsonl = ['a', 'b', 'c']
			.map((m) => JSON.stringify({ ts: T0, service: 'cache', message: m }))
			.join('\n');
		const { warnings } = await parseOk([manifest(), file('logs/x.jsonl', jsonl)]);
		const w = only(warnings, 'logs/x.jsonl');
		expect(w).toMatchObject({ line: 1, field: 'service', got: 'cache' });
		expect(w.message).toContain('(3 log lines)');
	});
});

describe('events and small documents', () => {
	it('reports events with missing fields and an end before the start', async () => {
		const csv =
			'ts,kind,title,end\n2024-06-01T10:00:00Z,deploy,,\n2024-06-01T10:00:00Z,alert,x,2024-06-01T09:00:00Z\n';
		const errors = await parseErrors([manifest(), file('events.csv', csv)]);
		expect(errors.map((e) => [e.line, e.field, e.expected])).toEqual([
			[2, 'title', 'a non-empty string'],
			[3, 'end', 'a time at or after the start']
		]);
		expect(errors[0].message).toBe(
			'events.csv line 2, column "title": expected a non-empty string, got ""'
		);
	});

	it('reports topology, ground-truth and annotation schema errors at their JSON path', async () => {
		const files = [
			manifest(),
			file('topology.json', '{\n"edges": [\n{"from": "edge", "to": "api"},\n{"from": "api"}\n]}'),
			file('ground_truth.json', '{"service": 7}'),
			file(
				'annotations.json',
				'[\n{"id": "a", "ts": "2024-06-01T10:00:00Z", "text": "ok"},\n{"id": "b", "ts": "later", "text": "x"}\n]'
			)
		];
		const errors = await parseErrors(files);
		expect(errors.map((e) => [e.file, e.line, e.field])).toEqual([
			['annotations.json', 3, '[1].ts'],
			['ground_truth.json', 1, 'service'],
			['topology.json', 4, 'edges[1].to']
		]);
	});

	it('reports a single-JSON error at its path and line', async () => {
		const doc = `{
"manifest": ${JSON.stringify(manifestObject())},
"metrics": [
 {"service": "edge", "metric": "m", "points": [
  ["2024-06-01T10:00:00Z", 1],
  ["2024-06-01T10:01:00Z", "fast"]
 ]}
]}`;
		const e = only(await parseErrors([file('bundle.json', doc)]), 'bundle.json');
		expect(e).toMatchObject({ line: 6, field: 'metrics[0].points[1][1]', got: 'fast' });
	});
});

describe('files and input', () => {
	it('warns about unknown files and ignores __MACOSX silently', async () => {
		const files = [
			manifest(),
			file('README.md', '# hi'),
			file('.DS_Store', new Uint8Array([0, 0, 0, 1])),
			file('notes.pdf', '%PDF-1.4'),
			file('__MACOSX/._manifest.json', 'x')
		];
		const { warnings } = await parseOk(files);
		expect(warnings.map((w) => w.file)).toEqual(['.DS_Store', 'README.md', 'notes.pdf']);
	});

	it('rejects an unreadable zip', async () => {
		const r = await parseBundle([file('b.zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))]);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors[0].message).toMatch(/^b\.zip: not a readable zip archive/);
	});

	it('stops after maxErrors errors and says so', async () => {
		const rows = Array.from(
			{ length: 20 },
			(_, i) => `2024-06-01T10:${String(i).padStart(2, '0')}:00Z,bad`
		);
		const r = await parseBundle([manifest(), file('metrics/edge.csv', WIDE + rows.join('\n'))], {
			maxErrors: 5
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toHaveLength(5);
		expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
		expect(r.warnings.at(-1)?.message).toContain('stopped after 5 errors');
	});

	it('never returns a partial bundle when one file is bad', async () => {
		const zip = zipSync({
			'manifest.json': manifest().bytes,
			'metrics/edge.csv': new TextEncoder().encode(`${WIDE}${T0},x\n`)
		});
		const r = await parseBundle([file('in.zip', zip)]);
		expect(r.ok).toBe(false);
		expect('bundle' in r).toBe(false);
	});
});
