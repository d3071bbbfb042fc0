import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import { rcaSeries } from '../../../workers/causal/cells';
import { rankRootCauses, type RcaSeries } from '../../../workers/causal/rca';
import { robustBaseline } from '../../../workers/causal/robust';

const flat = (n: number, level: number, jitter: number) =>
	Float64Array.from({ length: n }, (_, i) => level + jitter * Math.sin(i * 1.7));
const s = (
	service: string,
	metric: string,
	baseline: Float64Array,
	incident: Float64Array
): RcaSeries => ({ key: `${service}.${metric}`, service, metric, baseline, incident });

describe('robust scoring', () => {
	it('uses median/IQR, with finite fallbacks for flat baselines', () => {
		expect(robustBaseline([1, 2, 3, 4, 5]).scaleKind).toBe('iqr');
		const b = robustBaseline([100, 100, 100, 100]);
		expect(b.scaleKind).toBe('level');
		expect(b.scale).toBe(1);
	});
});

describe('rankRootCauses', () => {
	it('prefers the upstream cause over a downstream symptom with a larger score', () => {
		const series = [
			s('web', 'latency', flat(100, 100, 5), flat(50, 900, 5)),
			s('db', 'latency', flat(100, 10, 1), flat(50, 20, 1))
		];
		const noTopo = rankRootCauses({ series });
		expect(noTopo[0].service).toBe('web');
		const withTopo = rankRootCauses({ series, topology: [{ from: 'web', to: 'db' }] });
		expect(withTopo[0].service).toBe('db');
		expect(withTopo[1].evidence.reason).toMatch(/depends on anomalous db/);
	});

	it('on the demo incident the top candidate is host-b4 / cpu_temp_c', async () => {
		const path = new URL('../../../static/demo/coolant-leak.zip', import.meta.url).pathname;
		const res = await parseBundle([
			{ path: 'coolant-leak.zip', bytes: new Uint8Array(readFileSync(path)) }
		]);
		if (!res.ok) throw new Error('demo bundle did not parse');
		const { manifest, series, topology } = res.bundle;
		const incident = { start: manifest.baseline!.end + 1, end: manifest.timeRange.end };
		const ranked = rankRootCauses({
			series: rcaSeries(series, manifest.baseline!, incident),
			topology,
			symptom: 'edge.latency_ms'
		});
		expect(ranked[0].service).toBe('host-b4');
		expect(ranked[0].metric).toBe('cpu_temp_c');
		expect(ranked[0].evidence.impact).toBeGreaterThan(0.5);
	});
});
