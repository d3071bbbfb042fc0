// Issue 15, third pass: NAB's anomaly likelihood on the residual z (detectors/likelihood.ts) and
// the refractory period between alerts (detectors/alerts.ts), on series with known answers.
import { describe, expect, it } from 'vitest';
import { detectAlerts } from '../../../workers/metrics/detectors/alerts';
import {
	anomalyLikelihood,
	LIKELIHOOD_DEFAULTS,
	normalTail,
	trailingMean
} from '../../../workers/metrics/detectors/likelihood';
import { DAY_MS } from '../../../workers/metrics/detectors/seasonal';
import { mulberry32 } from '../../../workers/shared/rng';

const STEP = 300_000;
const DAY = DAY_MS / STEP;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * STEP);
/** Standard normal draws (Box–Muller) from a seeded generator. */
const normals = (n: number, seed: number) => {
	const u = mulberry32(seed);
	return Float64Array.from(
		{ length: n },
		() => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())
	);
};

describe('normalTail and trailingMean', () => {
	it('match the standard normal (A&S 7.1.26: 1.5e-7) and a plain mean', () => {
		expect(normalTail(0)).toBeCloseTo(0.5, 6);
		expect(normalTail(1.959964)).toBeCloseTo(0.025, 6);
		expect(normalTail(-1.959964)).toBeCloseTo(0.975, 6);
		expect(normalTail(4.5) / 3.3977e-6).toBeCloseTo(1, 2);
		const m = trailingMean(Float64Array.from([1, 2, NaN, 4, 5]), 2);
		expect([...m]).toEqual([1, 1.5, 2, 4, 4.5]);
	});
});

describe('anomalyLikelihood on z-scores', () => {
	const n = 3000;
	const unlikely = (z: Float64Array) =>
		[...anomalyLikelihood(z, LIKELIHOOD_DEFAULTS)]
			.map((p, i) => (p <= LIKELIHOOD_DEFAULTS.epsilon ? i : -1))
			.filter((i) => i >= 0);

	it('stays quiet on standard normal residuals', () => {
		expect(unlikely(normals(n, 3))).toEqual([]);
	});
	it('ignores one extreme point (it moves the 10-point mean by at most 0.1)', () => {
		const z = normals(n, 3);
		z[2000] = 50;
		expect(unlikely(z)).toEqual([]);
	});
	it('finds a sustained moderate departure: 20 points at 3 σ, none beyond 3.5', () => {
		const z = normals(n, 3);
		for (let i = 2000; i < 2020; i++) z[i] = 3 + 0.2 * z[i];
		const found = unlikely(z);
		expect(found.length).toBeGreaterThan(0);
		expect(found[0]).toBeGreaterThanOrEqual(2000);
		expect(found[0]).toBeLessThan(2012);
	});
	it('needs more on a series whose departures are routine (a wider long-term distribution)', () => {
		const z = normals(n, 3);
		// An hour at 3 σ every 300 points makes such an hour part of the series' history.
		for (let a = 300; a < 2000; a += 300) for (let i = a; i < a + 12; i++) z[i] = 3;
		for (let i = 2100; i < 2120; i++) z[i] = 3 + 0.2 * z[i];
		expect(unlikely(z).filter((i) => i >= 2100)).toEqual([]);
	});
});

describe('detectAlerts with the likelihood and the refractory period', () => {
	// Noise around 10 with a daily one-point job at the same time reaching 14 (routine: it
	// recurs a day earlier, and the level has been reached twice in two days).
	const n = 8 * DAY;
	const t = times(n);
	const base = () => {
		const z = normals(n, 5);
		const v = Float64Array.from(z, (x) => 10 + 0.5 * x);
		for (let d = 0; d < 8; d++) v[d * DAY + 100] = 14;
		return v;
	};
	const after = (v: Float64Array, s = {}) =>
		detectAlerts(t, v, s)
			.alerts.map((a) => a.index)
			.filter((i) => i >= 6 * DAY);

	it('a job that runs for an hour instead of 5 min is found; each of its points alone is routine', () => {
		const v = base();
		v.fill(14, 6 * DAY + 100, 6 * DAY + 112);
		const found = after(v);
		expect(found).toHaveLength(1);
		expect(found[0]).toBeGreaterThanOrEqual(6 * DAY + 100);
		expect(found[0]).toBeLessThan(6 * DAY + 112);
		expect(after(v, { likelihood: null })).toEqual([]);
		// The routine one-point job raises nothing.
		expect(after(base())).toEqual([]);
	});

	it('a second excursion 2 h after an alert joins it; 4 h after, it pages again', () => {
		const v = base();
		v[6 * DAY + 200] = 30;
		v[6 * DAY + 224] = 40;
		v[7 * DAY + 50] = 60;
		v[7 * DAY + 98] = 80;
		expect(after(v)).toEqual([6 * DAY + 200, 7 * DAY + 50, 7 * DAY + 98]);
		expect(after(v, { refractoryMs: 0 })).toEqual([
			6 * DAY + 200,
			6 * DAY + 224,
			7 * DAY + 50,
			7 * DAY + 98
		]);
	});
});
