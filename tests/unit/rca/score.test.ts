import { describe, expect, it } from 'vitest';
import { classifyMetric } from '../../../workers/shared/classify';
import { countZ, robustBaseline, scoreSeries } from '../../../workers/rca/score';

const flat = (n: number, v: number) => new Array<number>(n).fill(v);

describe('robust scoring', () => {
	it('uses the baseline spread when it is larger than the minimum detectable change', () => {
		const b = robustBaseline([10, 12, 14, 16, 18, 20, 22], classifyMetric('latency_ms'));
		expect(b.scaleKind).toMatch(/iqr|mad/);
		expect(b.median).toBe(16);
	});

	it('gives a flat zero baseline a finite floor: 0 → 1 request is not a 1e9-sigma event', () => {
		const s = scoreSeries(flat(30, 0), [0, 1, 0, 0], classifyMetric('requests'), 3);
		expect(s.score).toBeLessThan(3);
		const lat = scoreSeries(
			flat(30, 0.005),
			[0.0051, 0.005, 0.0049],
			classifyMetric('latency(s)'),
			3
		);
		expect(lat.score).toBeLessThan(1);
	});

	it('sees a small real availability drop (100 → 97.8 %) that a 1 %-of-level floor hid', () => {
		const s = scoreSeries(
			flat(30, 100),
			[97.8, 97.8, 97.9, 97.7],
			classifyMetric('availability_pct'),
			3
		);
		expect(s.score).toBeGreaterThan(3);
		// Going up is good news for availability: no anomaly.
		expect(
			scoreSeries(flat(30, 97), [100, 100, 100], classifyMetric('availability_pct'), 3).score
		).toBe(0);
	});

	it('sizes the floor of an all-zero gauge from its non-zero values', () => {
		const s = scoreSeries(flat(30, 0), [0, 0, 1e6, 0], classifyMetric('NetworkReceiveBytes'), 3);
		expect(s.score).toBeLessThan(20);
	});

	it('requires two points above once there are three: one stray sample is not an incident', () => {
		const one = scoreSeries(
			[10, 11, 9, 10, 10, 11, 9],
			[10, 500, 10, 10],
			classifyMetric('latency_ms'),
			3
		);
		expect(one.score).toBeLessThan(3);
		const two = scoreSeries(
			[10, 11, 9, 10, 10, 11, 9],
			[10, 500, 480, 10],
			classifyMetric('latency_ms'),
			3
		);
		expect(two.score).toBeGreaterThan(100);
	});

	it('finds the onset at the start of a sustained run, not at a single crossing', () => {
		const base = [10, 11, 9, 10, 10, 11, 9, 10, 10, 11, 9, 10];
		const inc = [10, 60, 10, 10, 10, 50, 55, 60, 65, 70, 75, 80, 85];
		const s = scoreSeries(base, inc, classifyMetric('latency_ms'), 3);
		expect(s.onsetIndex).toBe(5);
	});
});

describe('counts are compared as counts', () => {
	it('nine lines where the baseline had none is a strong signal (Poisson, Anscombe)', () => {
		const z = countZ(Float64Array.from(flat(18, 0)), Float64Array.from([2, 1, 2, 1, 2, 1]), 'up');
		expect(z).toBeCloseTo(2 * (Math.sqrt(9.375) - Math.sqrt(0.375)), 9);
	});

	it('a bursty busy counter at its usual level is not', () => {
		const base = Float64Array.from([100, 140, 60, 120, 80, 130, 70, 110, 90, 100]);
		expect(countZ(base, Float64Array.from([95, 125, 85]), 'both')).toBeLessThan(1);
	});
});
