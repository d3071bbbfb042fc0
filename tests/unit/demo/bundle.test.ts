import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../workers/demo/generate';
import { demoNotebook } from '../../../workers/demo/notebook';
import { fileText, readLogs, readSeries } from './read-bundle';

const bundle = generateDemo();
const json = (path: string) => JSON.parse(fileText(bundle.files, path));

describe('demo bundle layout', () => {
	it('writes every file of bundle format v1', () => {
		expect(bundle.files.map((f) => f.path)).toEqual([
			'manifest.json',
			'metrics/golden.csv',
			'metrics/backend.csv',
			'metrics/host-b4.csv',
			'logs/edge.jsonl',
			'logs/api.jsonl',
			'logs/db.log',
			'logs/host-b4.log',
			'events.jsonl',
			'topology.json',
			'ground_truth.json',
			'annotations.json'
		]);
		const m = json('manifest.json');
		expect(Object.keys(m)).toEqual([
			'format',
			'version',
			'id',
			'title',
			'description',
			'services',
			'timeRange',
			'timezone',
			'onset',
			'baseline'
		]);
		expect(m.format).toBe('aitia.bundle');
		expect(m.id).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
	});

	it('agrees with its expected counts', () => {
		const series = readSeries(bundle.files);
		const logs = readLogs(bundle.files);
		const e = bundle.expected;
		expect(series.size).toBe(e.series);
		const all = [...series.values()];
		expect(all.reduce((n, s) => n + s.v.length, 0)).toBe(e.points);
		expect(all.reduce((n, s) => n + s.v.filter(Number.isNaN).length, 0)).toBe(e.missing);
		expect(logs.length).toBe(e.logLines);
		const levels: Record<string, number> = {};
		for (const l of logs) levels[l.level] = (levels[l.level] ?? 0) + 1;
		expect(levels).toEqual(e.logLevels);
		expect(fileText(bundle.files, 'events.jsonl').trimEnd().split('\n')).toHaveLength(e.events);
		expect(json('topology.json').edges).toHaveLength(e.edges);
		expect(json('annotations.json')).toHaveLength(e.annotations);
		expect(logs.some((l) => l.more >= 5)).toBe(true);
	});

	it('names only known services and a ground truth that exists', () => {
		const services: string[] = json('manifest.json').services;
		const series = readSeries(bundle.files);
		for (const key of series.keys()) expect(services).toContain(key.split('.')[0]);
		for (const l of readLogs(bundle.files)) expect(services).toContain(l.service);
		for (const edge of json('topology.json').edges) {
			expect(services).toContain(edge.from);
			expect(services).toContain(edge.to);
		}
		const gt = json('ground_truth.json');
		expect(gt.service).toBe('host-b4');
		expect(series.has(gt.metric)).toBe(true);
	});
});

describe('demo notebook', () => {
	const nb = demoNotebook() as {
		incidentId: string;
		cells: {
			id: string;
			kind: string;
			name: string;
			inputs: Record<string, string>;
			params: Record<string, unknown>;
		}[];
	};

	it('uses the document key order and points at the demo incident', () => {
		expect(Object.keys(nb)).toEqual([
			'format',
			'version',
			'id',
			'title',
			'incidentId',
			'createdAt',
			'updatedAt',
			'cells',
			'notes'
		]);
		expect(nb.incidentId).toBe(json('manifest.json').id);
		expect(nb.cells.map((c) => c.kind)).toEqual([
			'markdown',
			'data',
			'chart',
			'stats',
			'data',
			'chart',
			'data',
			'root-cause',
			'data',
			'forecast',
			'anomalies',
			'chart',
			'windows',
			'templates',
			'log-search',
			'similar-incidents',
			'diagnosis',
			'markdown'
		]);
	});

	it('wires inputs to existing cells and selects existing series', () => {
		const names = new Set(nb.cells.map((c) => c.name));
		expect(names.size).toBe(nb.cells.length);
		expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
		for (const c of nb.cells)
			for (const ref of Object.values(c.inputs)) expect(names).toContain(ref);
		const keys = [...readSeries(bundle.files).keys()];
		for (const c of nb.cells.filter((x) => x.kind === 'data')) {
			for (const pattern of c.params.series as string[]) {
				const re = new RegExp('^' + pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*') + '$');
				expect(
					keys.some((k) => re.test(k)),
					pattern
				).toBe(true);
			}
		}
	});
});
