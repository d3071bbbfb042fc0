import { describe, expect, it } from 'vitest';
import { nearest } from '../../../workers/shared/bisect';

describe('nearest', () => {
	const t = [0, 10, 20, 30];
	it('takes the nearer neighbour, the earlier one on a tie', () => {
		expect(nearest(t, 11)).toBe(1);
		expect(nearest(t, 19)).toBe(2);
		expect(nearest(t, 15)).toBe(1);
		expect(nearest(t, 20)).toBe(2);
	});
	it('clamps to the ends and to [lo, hi)', () => {
		expect(nearest(t, -5)).toBe(0);
		expect(nearest(t, 99)).toBe(3);
		expect(nearest(t, 29, 0, 2)).toBe(1);
		expect(nearest(t, 1, 2)).toBe(2);
		expect(nearest([], 1)).toBe(-1);
		expect(nearest(t, 1, 2, 2)).toBe(-1);
	});
});
