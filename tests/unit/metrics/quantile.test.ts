import { describe, expect, it } from 'vitest';
import { lowerBound, quantileSorted, upperBound } from '../../../workers/metrics/quantile';

const q = (xs: number[], p: number): number => quantileSorted(Float64Array.from(xs), p);

describe('quantileSorted (NumPy linear)', () => {
	it('is NaN for no values', () => {
		expect(q([], 0.95)).toBeNaN();
	});

	it('returns the only value for one point, whatever q', () => {
		for (const p of [0, 0.5, 0.95, 1]) expect(q([42], p)).toBe(42);
	});

	it('interpolates between two points', () => {
		// h = (2 - 1) * q, so the quantile moves linearly from the first to the second value.
		expect(q([10, 20], 0)).toBe(10);
		expect(q([10, 20], 0.5)).toBe(15);
		expect(q([10, 20], 0.95)).toBeCloseTo(19.5, 12);
		expect(q([10, 20], 1)).toBe(20);
	});

	it('matches numpy.quantile on a known example', () => {
		// numpy.quantile([1, 2, 3, 4, 10], [0.25, 0.5, 0.95]) -> [2.0, 3.0, 8.8]
		expect(q([1, 2, 3, 4, 10], 0.25)).toBe(2);
		expect(q([1, 2, 3, 4, 10], 0.5)).toBe(3);
		expect(q([1, 2, 3, 4, 10], 0.95)).toBeCloseTo(8.8, 12);
		// numpy.quantile(range(1, 21), 0.95) -> 19.05
		const xs = Array.from({ length: 20 }, (_, i) => i + 1);
		expect(q(xs, 0.95)).toBeCloseTo(19.05, 12);
	});

	it('handles ties and rejects q outside [0, 1]', () => {
		expect(q([5, 5, 5, 5], 0.95)).toBe(5);
		expect(() => q([1, 2], 1.5)).toThrow(RangeError);
		expect(() => q([1, 2], NaN)).toThrow(RangeError);
	});
});

describe('binary search bounds', () => {
	const t = Float64Array.from([10, 20, 20, 30]);
	it('finds the first index >= x and > x', () => {
		expect(lowerBound(t, 20)).toBe(1);
		expect(upperBound(t, 20)).toBe(3);
		expect(lowerBound(t, 5)).toBe(0);
		expect(upperBound(t, 35)).toBe(4);
		expect(lowerBound(new Float64Array(0), 1)).toBe(0);
	});
});
