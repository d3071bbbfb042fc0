import { describe, expect, it } from 'vitest';
import { isCancelled, CancelSource } from '../../../workers/shared/cancel';
import type { SeriesData, TableOutput } from '../../../workers/shared/outputs';
import { loadDanfo } from '../../../workers/metrics/danfo';
import { createMetricsApi } from '../../../workers/metrics/service';
import { windowStats } from '../../../workers/metrics/stats';

const mk = (key: string, v: number[], unit = 'ms', step = 1000): SeriesData => ({
	key,
	service: key.split('.')[0],
	metric: key.split('.')[1],
	unit,
	t: Float64Array.from(v, (_, i) => i * step),
	v: Float64Array.from(v)
});

/** Independent reference: plain JS, sort + NumPy-linear quantile written out again. */
function reference(v: number[]) {
	const xs = v.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
	const quant = (p: number) => {
		const h = (xs.length - 1) * p;
		const i = Math.floor(h);
		return i + 1 < xs.length ? xs[i] * (1 - (h - i)) + xs[i + 1] * (h - i) : xs[i];
	};
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	return {
		n: xs.length,
		missing: v.length - xs.length,
		mean,
		p50: quant(0.5),
		p95: quant(0.95),
		min: xs[0],
		max: xs[xs.length - 1]
	};
}

const row = (out: TableOutput, r: number) =>
	Object.fromEntries(
		['n', 'missing', 'mean', 'p50', 'p95', 'min', 'max'].map((c) => [
			c,
			(out.data[c] as Float64Array)[r]
		])
	);

// A fixed, irregular-looking data set: lognormal-ish latencies with a tail.
const latency = Array.from(
	{ length: 257 },
	(_, i) => 80 + ((i * 37) % 101) + (i % 19 === 0 ? 900 : 0)
);

describe('windowStats', () => {
	it('matches a plain-JS computation on fixed data', async () => {
		const out = await windowStats([mk('edge.latency_ms', latency), mk('db.db_lock_ms', [3, 1, 2])]);
		expect(out.type).toBe('table');
		expect(out.length).toBe(2);
		expect(out.columns.map((c) => c.name)).toEqual([
			'series',
			'n',
			'missing',
			'mean',
			'p50',
			'p95',
			'min',
			'max'
		]);
		expect(out.data.series).toEqual(['edge.latency_ms', 'db.db_lock_ms']);
		for (const [r, v] of [latency, [3, 1, 2]].entries()) {
			const want = reference(v);
			const got = row(out, r);
			for (const k of Object.keys(want) as (keyof typeof want)[])
				expect(got[k]).toBeCloseTo(want[k], 9);
		}
		expect(out.columns.find((c) => c.name === 'p95')?.unit).toBe('ms');
		expect(out.columns.find((c) => c.name === 'n')?.unit).toBeUndefined();
	});

	it('agrees with danfojs median for p50 (odd and even counts)', async () => {
		const { dfd } = await loadDanfo();
		for (const v of [latency, latency.slice(1), [7, 1], [4]]) {
			const out = await windowStats([mk('a.b', v)]);
			expect(row(out, 0).p50).toBeCloseTo(new dfd.Series(v).median(), 12);
			expect(row(out, 0).p50).toBeCloseTo(reference(v).p50, 12);
		}
	});

	it('drops NaN gaps and counts them as missing', async () => {
		const v = [10, NaN, 30, NaN, NaN, 20];
		const out = await windowStats([mk('api.pool_wait_ms', v)]);
		expect(row(out, 0)).toEqual({ n: 3, missing: 3, mean: 20, p50: 20, p95: 29, min: 10, max: 30 });
	});

	it('slices to an inclusive time range by binary search', async () => {
		const s = mk('x.y', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // t = 0, 1000, ..., 9000
		const out = await windowStats([s], { start: 2000, end: 5000 });
		expect(row(out, 0)).toMatchObject({ n: 4, missing: 0, mean: 4.5, min: 3, max: 6 });
		const between = await windowStats([s], { start: 2500, end: 2600 });
		expect(row(between, 0).n).toBe(0);
	});

	it('returns an n = 0 row with NaN statistics for an empty window, without throwing', async () => {
		const out = await windowStats([mk('a.b', [1, 2]), mk('c.d', []), mk('e.f', [NaN, NaN])], {
			start: 0,
			end: 10_000
		});
		expect(out.length).toBe(3);
		expect(row(out, 1)).toMatchObject({ n: 0, missing: 0 });
		expect(row(out, 2)).toMatchObject({ n: 0, missing: 2 });
		for (const k of ['mean', 'p50', 'p95', 'min', 'max']) expect(row(out, 2)[k]).toBeNaN();
		const none = await windowStats([]);
		expect(none.length).toBe(0);
		expect(none.data.series).toEqual([]);
	});

	it('leaves units off when series disagree', async () => {
		const out = await windowStats([mk('a.b', [1]), mk('c.d', [2], 'rpm')]);
		expect(out.columns.every((c) => c.unit === undefined)).toBe(true);
	});

	it('stops at a checkpoint once cancelled', async () => {
		const src = new CancelSource();
		src.cancel();
		await expect(windowStats([mk('a.b', [1])], undefined, src)).rejects.toSatisfy(isCancelled);
	});
});

describe('metrics api (worker object)', () => {
	it('warms once and reports a load time', async () => {
		const api = createMetricsApi();
		const a = await api.warm();
		const b = await api.warm();
		expect(a.loadMs).toBeGreaterThanOrEqual(0);
		expect(b.loadMs).toBe(a.loadMs);
	});

	it('runs with a job id and reports unknown jobs on cancel', async () => {
		const api = createMetricsApi();
		const out = await api.windowStats([mk('a.b', [1, 2, 3])], undefined, 'job-1');
		expect(row(out, 0).mean).toBe(2);
		expect(await api.cancel('job-1')).toBe(false);
	});
});
