import { describe, expect, it } from 'vitest';
import { resample } from '../../../workers/metrics/resample';
import {
	rollingMax,
	rollingMean,
	rollingMedianMad,
	rollingQuantiles,
	rollingRate
} from '../../../workers/metrics/rolling';

describe('resample', () => {
	const t = Float64Array.of(0, 10, 20, 65, 70, 200);
	const v = Float64Array.of(1, 3, NaN, 5, 7, 9);

	it('aggregates per bucket and keeps empty buckets as gaps', () => {
		const mean = resample(t, v, 60);
		expect(Array.from(mean.t)).toEqual([0, 60, 120, 180]);
		expect(Array.from(mean.v)).toEqual([2, 6, NaN, 9]);
		expect(Array.from(resample(t, v, 60, 'max').v)).toEqual([3, 7, NaN, 9]);
		expect(Array.from(resample(t, v, 60, 'sum').v)).toEqual([4, 12, NaN, 9]);
		expect(Array.from(resample(t, v, 60, 'last').v)).toEqual([3, 7, NaN, 9]);
	});

	it('refuses a non-positive step', () => {
		expect(() => resample(t, v, 0)).toThrow(/step/);
	});
});

/** Naive reference: the finite values of the trailing window, recomputed from scratch. */
const windowOf = (v: Float64Array, i: number, w: number) =>
	Array.from(v.subarray(Math.max(0, i - w + 1), i + 1))
		.filter(Number.isFinite)
		.sort((a, b) => a - b);
const q = (xs: number[], p: number) => {
	const h = (xs.length - 1) * p;
	const lo = Math.floor(h);
	return lo + 1 < xs.length ? xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]) : xs[lo];
};

describe('rolling windows', () => {
	const v = Float64Array.from({ length: 300 }, (_, i) =>
		i % 17 === 5 ? NaN : Math.sin(i) * 100 + (i % 7)
	);
	const w = 12;

	it('mean, max and quantiles equal a from-scratch computation', () => {
		const mean = rollingMean(v, { window: w, minPeriods: 3 });
		const max = rollingMax(v, { window: w });
		const [p50, p95] = rollingQuantiles(v, [0.5, 0.95], { window: w });
		for (let i = 0; i < v.length; i++) {
			const xs = windowOf(v, i, w);
			const m = xs.reduce((a, b) => a + b, 0) / xs.length;
			if (xs.length >= 3) expect(mean[i]).toBeCloseTo(m, 9);
			else expect(mean[i]).toBeNaN();
			expect(max[i]).toBe(xs[xs.length - 1]);
			expect(p50[i]).toBeCloseTo(q(xs, 0.5), 12);
			expect(p95[i]).toBeCloseTo(q(xs, 0.95), 12);
		}
	});

	it('a window of only gaps is a gap', () => {
		const g = Float64Array.of(1, NaN, NaN, NaN, 2);
		expect(Array.from(rollingMean(g, { window: 2 }))).toEqual([1, 1, NaN, NaN, 2]);
		expect(Number.isNaN(rollingMax(g, { window: 2 })[3])).toBe(true);
	});

	it('median and MAD match their definitions', () => {
		const { median, mad } = rollingMedianMad(v, { window: w });
		for (const i of [0, 11, 50, 299]) {
			const xs = windowOf(v, i, w);
			const med = q(xs, 0.5);
			expect(median[i]).toBeCloseTo(med, 12);
			expect(mad[i]).toBeCloseTo(
				q(
					xs.map((x) => Math.abs(x - med)).sort((a, b) => a - b),
					0.5
				),
				12
			);
		}
	});

	it('rate of change uses real timestamps', () => {
		const t = Float64Array.of(0, 1000, 4000, 10_000);
		const r = rollingRate(t, Float64Array.of(0, 10, 40, 100), { window: 2 });
		expect(Array.from(r)).toEqual([NaN, 10, 10, 10]);
	});

	it('rejects a bad window', () => {
		expect(() => rollingMean(v, { window: 0 })).toThrow(/window/);
	});
});
