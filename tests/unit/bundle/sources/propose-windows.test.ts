/**
 * proposeWindows: the onset and baseline proposed for data that declares none (the proposed
 * manifest, and a ranking on a manifest without times). Known answers on synthetic series.
 */
import { describe, expect, it } from 'vitest';
import { proposeWindows } from '../../../../workers/bundle/sources/propose';
import type { Series } from '../../../../workers/bundle/types';

const MIN = 60_000;

function series(key: string, values: (i: number) => number, n = 360): Series {
	const t = Float64Array.from({ length: n }, (_, i) => i * MIN);
	const v = Float64Array.from({ length: n }, (_, i) => values(i));
	const [service, metric] = key.split('.');
	return { key, service, metric, t, v };
}

describe('proposeWindows', () => {
	// A CPU clock at 3.2 GHz with routine two-sample turbo steps to 3.4: its MAD is 0, so each step
	// has a robust z of 6; the first half has seen them, so they are not news.
	const clock = series('host.cpu_clock_ghz', (i) => (i % 40 === 5 || i % 40 === 6 ? 3.4 : 3.2));
	// Temperature with noise that steps up by 30 degrees at minute 250.
	const temp = series('host.cpu_temp_c', (i) => 60 + ((i * 7) % 5) - 2 + (i >= 250 ? 30 : 0));

	it('puts the onset at the first excursion beyond the first half, not at a routine step', () => {
		const p = proposeWindows([clock, temp], 0);
		expect(p?.onset).toBe(250 * MIN);
		expect(p?.series).toBe('host.cpu_temp_c');
		expect(p?.baseline?.end).toBeLessThanOrEqual(250 * MIN);
		expect(p?.baseline!.start).toBeLessThan(p!.baseline!.end);
	});

	it('proposes nothing when no series leaves its first half', () => {
		expect(proposeWindows([clock], 0)).toBeUndefined();
	});

	it('falls back to the shared detector on a series with a daily cycle', () => {
		// Hourly, 100 ± 50 a day; on day 25 the peak hours dip by 45, to values every day reaches
		// (no new extreme): the first rule sees nothing, the detector sees a departure from the cycle.
		const HOUR = 60 * MIN;
		const dip = 25 * 24 + 5;
		const noise = (i: number) => ((i * 7919) % 13) / 13 - 0.5;
		const demand = series(
			'taxi.demand',
			(i) =>
				100 + 50 * Math.sin((2 * Math.PI * i) / 24) + noise(i) - (i >= dip && i < dip + 3 ? 45 : 0),
			40 * 24
		);
		demand.t = demand.t.map((x) => (x / MIN) * HOUR);
		const p = proposeWindows([demand], 0);
		expect(p?.onset).toBe(dip * HOUR);
		expect(p?.series).toBe('taxi.demand');
		expect(p?.baseline?.end).toBeLessThanOrEqual(dip * HOUR);
	});
});
