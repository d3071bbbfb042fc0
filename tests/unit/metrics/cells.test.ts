import { describe, expect, it } from 'vitest';
import type { Compute, RunContext } from '$lib/notebook/kinds/kind';
import { anomaliesKind } from '$lib/notebook/kinds/anomalies';
import { chartKind } from '$lib/notebook/kinds/chart';
import { forecastKind } from '$lib/notebook/kinds/forecast';
import type {
	AnomaliesOutput,
	CellOutput,
	DataOutput,
	ForecastOutput
} from '$lib/notebook/outputs';
import { neverCancelled } from '$workers/shared/cancel';
import { generateSeries } from '../../../workers/demo/metrics';
import { TIMELINE, T_END } from '../../../workers/demo/story';
import { forecastBand } from '../../../workers/metrics/band';
import { createMetricsApi } from '../../../workers/metrics/service';
import { buildOverlays } from '../../../workers/shared/overlays';
import { quantileSorted } from '../../../workers/metrics/quantile';
import { computeWindows } from '../../../workers/metrics/windows';

const { series } = generateSeries(20260314);
const data: DataOutput = {
	type: 'data',
	incidentId: 'demo',
	range: { start: TIMELINE.baselineStart, end: T_END },
	series,
	events: []
};
const manifest = {
	timeRange: { start: TIMELINE.baselineStart, end: T_END },
	onset: TIMELINE.onset,
	baseline: { start: TIMELINE.baselineStart, end: TIMELINE.baselineEnd }
};
const compute = {
	data: { incident: async () => ({ manifest }) },
	metrics: createMetricsApi()
} as unknown as Compute;

/** Runs a kind in-process with its schema's defaults plus `params`. */
async function run<P>(
	kind: { schema: { parse(x: unknown): P }; run(ctx: RunContext<P>): Promise<CellOutput> },
	params: Record<string, unknown>,
	inputs: Record<string, CellOutput> = { data }
) {
	return kind.run({
		params: kind.schema.parse(params),
		source: '',
		inputs,
		incidentId: 'demo',
		compute,
		signal: neverCancelled,
		jobId: 'test'
	});
}

describe('anomalies cell', () => {
	it('the seed trigger fires on edge latency after onset, and asOf sees no future', async () => {
		const out = (await run(anomaliesKind, {})) as AnomaliesOutput;
		expect(out.thresholds).toEqual({ 'edge.latency_ms': 800 });
		expect(out.anomalies.length).toBeGreaterThan(0);
		expect(out.anomalies[0].start).toBeGreaterThan(TIMELINE.onset);
		const asOf = TIMELINE.onset; // before latency reaches 800 ms
		const early = (await run(anomaliesKind, { asOf })) as AnomaliesOutput;
		expect(early.anomalies).toHaveLength(0);
		expect(early.series[0].t.at(-1)).toBeLessThanOrEqual(asOf);
		expect(early.asOf).toBe(asOf);
	});

	it('per-series thresholds from text, and the robust detectors use the baseline', async () => {
		const p: Record<string, unknown> = {
			series: ['db.db_lock_ms', 'edge.latency_ms'],
			thresholds: 'db.db_lock_ms=500'
		};
		const out = (await run(anomaliesKind, p)) as AnomaliesOutput;
		expect(out.thresholds).toEqual({ 'db.db_lock_ms': 500, 'edge.latency_ms': 800 });
		const mad = (await run(anomaliesKind, { ...p, detector: 'mad' })) as AnomaliesOutput;
		expect(mad.baseline).toEqual(manifest.baseline);
		const lock = mad.anomalies.filter((a) => a.key === 'db.db_lock_ms');
		expect(lock.length).toBeGreaterThan(0);
		expect(lock.every((a) => a.detector === 'mad')).toBe(true);
		expect(() => anomaliesKind.schema.parse({ thresholds: 'nonsense' })).toThrow(/key=value/);
	});

	it("auto takes the cell's |z| as its cut-off (3.5 by default, as the NAB evaluation)", async () => {
		const p = { series: ['*'], detector: 'auto' };
		const count = async (more: Record<string, unknown>) =>
			((await run(anomaliesKind, { ...p, ...more })) as AnomaliesOutput).anomalies.length;
		const byDefault = await count({});
		expect(byDefault).toBeGreaterThan(0);
		expect(await count({ z: 3.5 })).toBe(byDefault);
		expect(await count({ z: 2.5 })).toBeGreaterThan(byDefault);
		expect(await count({ z: 1000 })).toBeLessThan(byDefault);
	});
});

describe('windows', () => {
	it('the latest window matches a brute-force computation; gaps stay gaps', async () => {
		const t = Float64Array.from({ length: 40 }, (_, i) => i * 60_000);
		const v = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 11);
		v[38] = NaN;
		const s = { key: 'x.y', service: 'x', metric: 'y', t, v };
		const out = await computeWindows([s], { windowMs: 10 * 60_000 });
		const last = Array.from(v.subarray(30)).filter(Number.isFinite);
		const sorted = Float64Array.from(last).sort();
		const col = (c: string) => (out.table.data[c] as Float64Array)[0];
		expect(col('n')).toBe(9);
		expect(col('mean')).toBeCloseTo(last.reduce((a, b) => a + b) / last.length, 12);
		expect(col('p50')).toBeCloseTo(quantileSorted(sorted, 0.5), 12);
		expect(col('p95')).toBeCloseTo(quantileSorted(sorted, 0.95), 12);
		expect(col('max')).toBe(Math.max(...last));
		expect(Number.isNaN(out.sparklines[0].v[38])).toBe(true);
		const early = await computeWindows([s], { windowMs: 10 * 60_000, asOf: 20 * 60_000 });
		expect(early.sparklines[0].t.at(-1)).toBe(20 * 60_000);
	});
});

describe('chart overlays', () => {
	it('the band reproduces the forecast interval; the chart gets shading, lines and band', async () => {
		const fc = (await run(forecastKind, { replay: false })) as ForecastOutput;
		// Whether the replay ran is recorded, so the view can say it found nothing.
		expect(fc.replayed).toBeUndefined();
		expect(((await run(forecastKind, { replay: true })) as ForecastOutput).replayed).toBe(true);
		const band = fc.band!;
		expect(band).toEqual(forecastBand(fc));
		expect(band.hi.at(-1)).toBeCloseTo(fc.forecast.interval.hi, 6);
		expect(band.lo.at(-1)).toBeCloseTo(fc.forecast.interval.lo, 6);
		const an = (await run(anomaliesKind, {})) as AnomaliesOutput;
		expect(buildOverlays(['db.db_lock_ms'], an, fc)).toEqual({ anomalies: [] });
		const chart = await run(
			chartKind,
			{ series: ['edge.latency_ms'], showWindows: false },
			{ data, anomalies: an, forecast: fc }
		);
		if (chart.type !== 'timeseries') throw new Error('not a chart');
		const o = chart.overlays!;
		expect(o.anomalies).toEqual(an.anomalies);
		expect(o.lines?.map((l) => l.kind).sort()).toEqual(['slo', 'threshold']);
		expect(chart.range.end).toBe(fc.forecast.projection.at);
		await expect(run(chartKind, {}, { data, anomalies: data })).rejects.toThrow(/anomalies/);
	});
});
