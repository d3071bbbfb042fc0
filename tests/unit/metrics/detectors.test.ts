import { describe, expect, it } from 'vitest';
import { detectAlerts } from '../../../workers/metrics/detectors/alerts';
import { bocpd } from '../../../workers/metrics/detectors/bocpd';
import { DAY_MS, seasonalBaseline } from '../../../workers/metrics/detectors/seasonal';

/** Deterministic pseudo-noise in [-0.5, 0.5). */
function noise(seed: number) {
	let s = seed;
	return () => {
		s = (s * 1103515245 + 12345) % 2147483648;
		return s / 2147483648 - 0.5;
	};
}

const STEP = 300_000;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * STEP);

describe('bocpd (Adams & MacKay 2007)', () => {
	// A lone extreme spike also restarts the run (the long run's mass collapses); detectAlerts
	// classifies such a window as a spike, not a level shift.
	it('finds a level shift near its onset', () => {
		const r = noise(1);
		const x = Float64Array.from({ length: 600 }, (_, i) => (i >= 300 ? 5 : 0) + r());
		x[150] = 8;
		const cps = bocpd(x);
		expect(cps.some((c) => Math.abs(c.onset - 300) <= 3)).toBe(true);
		expect(cps.filter((c) => c.onset > 160 && Math.abs(c.onset - 300) > 3)).toEqual([]);
	});
});

describe('seasonalBaseline', () => {
	it('learns a daily cycle: later days are expected from the same slot of earlier ones', () => {
		const n = (5 * DAY_MS) / STEP;
		const t = times(n);
		const r = noise(2);
		const v = Float64Array.from(t, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS) + r());
		const b = seasonalBaseline(t, v, { periods: [DAY_MS] });
		const i = n - 10;
		expect(b.period[i]).toBe(DAY_MS);
		expect(Math.abs(b.expected[i] - v[i])).toBeLessThan(2);
	});
});

describe('detectAlerts', () => {
	it('alerts once at a spike on a daily cycle, not on the cycle itself', () => {
		const n = (6 * DAY_MS) / STEP;
		const t = times(n);
		const r = noise(3);
		const v = Float64Array.from(t, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS) + r());
		const at = n - 100;
		v[at] += 40;
		const { alerts, windows } = detectAlerts(t, v);
		expect(alerts.map((a) => a.index)).toEqual([at]);
		expect(alerts[0].kind).toBe('spike');
		expect(windows[0].start).toBe(at);
	});

	it('reports a level shift as a level alert at its onset', () => {
		const t = times(2000);
		const r = noise(4);
		const v = Float64Array.from(t, (_, i) => (i >= 1500 ? 30 : 10) + r());
		const { alerts } = detectAlerts(t, v);
		expect(alerts.length).toBe(1);
		expect(Math.abs(alerts[0].index - 1500)).toBeLessThanOrEqual(3);
	});
});
