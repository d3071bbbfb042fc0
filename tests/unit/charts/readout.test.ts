import { describe, expect, it } from 'vitest';
import { readoutAt } from '$lib/charts/timeseries';
import type { TimeseriesOutput } from '$lib/notebook/outputs';

const output = (series: { key: string; t: number[]; v: number[] }[]): TimeseriesOutput => ({
	type: 'timeseries',
	range: { start: 0, end: 100 },
	series: series.map((s) => ({
		key: s.key,
		service: 'svc',
		metric: s.key,
		unit: 'ms',
		t: Float64Array.from(s.t),
		v: Float64Array.from(s.v)
	})),
	events: [],
	normalize: false
});

describe('readoutAt (the chart read-out under the cursor)', () => {
	it('takes each series’ nearest sample, the earlier one on a tie', () => {
		const out = output([
			{ key: 'a', t: [0, 10, 20], v: [1, 2, 3] },
			{ key: 'b', t: [4, 40], v: [7, 8] }
		]);
		expect(readoutAt(out, 14).map((r) => r.value)).toEqual([2, 7]);
		expect(readoutAt(out, 15).map((r) => r.value)).toEqual([2, 7]);
		expect(readoutAt(out, 16).map((r) => r.value)).toEqual([3, 7]);
		expect(readoutAt(out, 99).map((r) => r.value)).toEqual([3, 8]);
	});

	it('reads NaN for a series with no samples', () => {
		expect(readoutAt(output([{ key: 'e', t: [], v: [] }]), 5)[0].value).toBeNaN();
	});
});
