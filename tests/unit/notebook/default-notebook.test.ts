import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '$workers/bundle/parse';
import type { IncidentInfo } from '$workers/data/api';
import { defaultNotebook } from '$lib/notebook/default-notebook';
import { defaultSlo } from '$workers/shared/classify';
import { KINDS } from '$lib/notebook/kinds';
import { NotebookGraph } from '$lib/notebook/graph';
import type { Cell } from '$lib/notebook/model';
import { MANIFEST } from './fake-compute';

const NOW = '2026-03-01T10:00:00.000Z';

/** IncidentInfo of the shipped demo bundle, as the data worker would store it. */
async function demoInfo(): Promise<IncidentInfo> {
	const zip = path.resolve(import.meta.dirname, '../../../static/demo/coolant-leak.zip');
	const parsed = await parseBundle([{ path: 'coolant-leak.zip', bytes: readFileSync(zip) }]);
	if (!parsed.ok) throw new Error('demo bundle does not parse');
	const b = parsed.bundle;
	return {
		manifest: b.manifest,
		contentHash: 'x',
		seriesKeys: b.series.map((s) => s.key),
		events: b.events,
		counts: { series: b.series.length, points: 1, logLines: b.logs.length, spans: 0, events: 0 },
		bytes: 1,
		importedAt: NOW,
		warnings: [],
		source: 'demo',
		topology: b.topology
	};
}

const byName = (cells: Cell[], name: string) => cells.find((c) => c.name === name);

describe('default investigation notebook', () => {
	it('builds a valid, fully wired notebook for the demo incident', async () => {
		const info = await demoInfo();
		const nb = defaultNotebook(info, NOW, KINDS);
		expect(nb.incidentId).toBe(info.manifest.id);
		expect(nb.cells.map((c) => c.kind)).toEqual([
			'markdown',
			'data',
			'chart',
			'stats',
			'data',
			'root-cause',
			'data',
			'anomalies',
			'forecast',
			'chart',
			'templates',
			'similar-incidents',
			'causal-graph',
			'effect',
			'diagnosis'
		]);
		expect(new NotebookGraph(nb.cells, KINDS).errors).toEqual(new Map());
		for (const c of nb.cells)
			expect(() => KINDS[c.kind].schema.parse(c.params), c.name).not.toThrow();
		// The symptom stays for the ranking to pick (and show); the forecast watches the entry latency.
		expect(byName(nb.cells, 'ranking')?.params).toMatchObject({ symptom: '', topology: '' });
		expect(byName(nb.cells, 'forecast')?.params.series).toBe('edge.latency_ms');
		expect(byName(nb.cells, 'forecast')?.params.slo).toBe(1000);
		// The effect cell takes the top candidate and the symptom from the ranking when it runs.
		expect(byName(nb.cells, 'effect')?.params).toMatchObject({ treatment: '', outcome: '' });
		expect(byName(nb.cells, 'effect')?.inputs).toMatchObject({ candidates: 'ranking' });
		// Past incidents that looked like this one, and the detector's alerts, reach the diagnosis.
		expect(byName(nb.cells, 'diagnosis')?.inputs).toMatchObject({
			similar: 'similar',
			templates: 'log_templates',
			candidates: 'ranking',
			anomalies: 'anomalies'
		});
		// Latency in ms next to CPU in % and counts: the golden chart is normalised.
		expect(byName(nb.cells, 'golden_chart')?.params.normalize).toBe(true);
		const golden = byName(nb.cells, 'golden')?.params.series as string[];
		expect(golden).toContain('edge.latency_ms');
		expect(golden.every((k) => info.seriesKeys.includes(k))).toBe(true);
	});

	// A CPU percentage or a plain exported `value` has no SLO: a made-up 1000 squashed the chart.
	it('sets the forecast SLO only for a latency of known unit', () => {
		expect(defaultSlo('edge.latency_ms')).toBe(1000);
		expect(defaultSlo('api.request_duration_seconds')).toBe(1);
		expect(defaultSlo('host.cpu_pct')).toBeNull();
		expect(defaultSlo('ec2_cpu.value')).toBeNull();
		// A bare CSV column name (aitia forecast) is read the same way.
		expect(defaultSlo('latency_ms')).toBe(1000);
		expect(defaultSlo('value')).toBeNull();
		const p = KINDS.forecast.schema.parse({ series: 'ec2_cpu.value', slo: null });
		expect(p.slo).toBeNull();
		// An emptied number field gives NaN: the same as none.
		expect(KINDS.forecast.schema.parse({ series: 'x.y', slo: NaN }).slo).toBeNull();
		expect(KINDS.forecast.schema.parse({ series: 'x.y' }).slo).toBe(1000);
	});

	it('leaves out what the bundle does not hold', () => {
		const info: IncidentInfo = {
			manifest: MANIFEST,
			contentHash: '',
			seriesKeys: [],
			events: [],
			counts: { series: 0, points: 0, logLines: 0, spans: 0, events: 0 },
			bytes: 0,
			importedAt: NOW,
			warnings: [],
			source: 'x'
		};
		const nb = defaultNotebook(info, NOW, KINDS);
		expect(nb.cells.map((c) => c.kind)).toEqual(['markdown']);
		const one = defaultNotebook({ ...info, seriesKeys: ['api.latency_ms'] }, NOW, KINDS);
		expect(one.cells.map((c) => c.name)).not.toContain('pc_graph');
		expect(new NotebookGraph(one.cells, KINDS).errors).toEqual(new Map());
	});
});
