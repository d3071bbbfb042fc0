import { describe, expect, it } from 'vitest';
import { firstAlert, forecast } from '../../../workers/metrics/forecast';

const MIN = 60_000;
const line = (n: number, step: number, a: number, perSec: number, t0 = 1_700_000_000_000) => {
	const t = Float64Array.from({ length: n }, (_, i) => t0 + i * step);
	return { t, v: Float64Array.from(t, (ti) => a + perSec * ((ti - t0) / 1000)) };
};

describe('forecast (OLS latency forecaster)', () => {
	it('projects an exact line and predicts its SLO breach time', () => {
		// 100 ms + 0.5 ms/s: reaches 1000 ms at 1800 s after the first point.
		const { t, v } = line(100, 15_000, 100, 0.5);
		const f = forecast('lat', t, v);
		expect(f.n).toBe(50);
		expect(f.slopePerSecond).toBeCloseTo(0.5, 12);
		const last = t[t.length - 1];
		expect(f.projection.at).toBe(last + 30 * MIN);
		expect(f.projection.value).toBeCloseTo(100 + 0.5 * ((last + 30 * MIN - t[0]) / 1000), 9);
		expect(f.breach).not.toBeNull();
		expect(f.breach!.at).toBeCloseTo(t[0] + 1800_000, 3);
		// No residuals: a zero-width interval, the breach interval collapses on the point.
		expect(f.interval.lo).toBeCloseTo(f.interval.hi, 9);
		expect(f.breach!.lo).toBeCloseTo(f.breach!.inMinutes, 6);
	});

	it('fits on real timestamps: irregular sampling gives the true slope', () => {
		const t0 = 1_700_000_000_000;
		const offsets = [0, 5, 7, 30, 31, 90, 200, 201, 202, 400];
		const t = Float64Array.from(offsets, (s) => t0 + s * 1000);
		const v = Float64Array.from(offsets, (s) => 50 + 2 * s);
		expect(forecast('x', t, v).slopePerSecond).toBeCloseTo(2, 12);
	});

	it('widens the interval with noise and brackets the breach', () => {
		const { t, v } = line(50, 15_000, 400, 0.4);
		const noisy = v.map((x, i) => x + (i % 2 ? 25 : -25));
		const f = forecast('lat', t, noisy);
		expect(f.interval.hi - f.interval.lo).toBeGreaterThan(50);
		expect(f.breach).not.toBeNull();
		expect(f.breach!.lo).toBeLessThan(f.breach!.inMinutes);
		expect(f.breach!.hi!).toBeGreaterThan(f.breach!.inMinutes);
	});

	it('a flat series never breaches; fewer than 50 points still forecast', () => {
		const t = Float64Array.from({ length: 10 }, (_, i) => i * 1000);
		const f = forecast('flat', t, new Float64Array(10).fill(120));
		expect(f.n).toBe(10);
		expect(f.slopePerSecond).toBe(0);
		expect(f.breach).toBeNull();
	});

	it('a series already above the SLO breaches now', () => {
		const { t, v } = line(60, 15_000, 1200, 0);
		const f = forecast('hot', t, v);
		expect(f.breach?.inMinutes).toBe(0);
	});

	it('refuses a single point and skips NaN', () => {
		expect(() => forecast('one', Float64Array.of(0), Float64Array.of(1))).toThrow(/at least 2/);
		const f = forecast('gap', Float64Array.of(0, 1000, 2000, 3000), Float64Array.of(1, NaN, 3, 4));
		expect(f.n).toBe(3);
	});

	it('asOf uses only data up to that time (no hindsight)', () => {
		const { t } = line(200, 15_000, 0, 0);
		const v = Float64Array.from(t, (_, i) => (i < 100 ? 100 : 100 + 20 * (i - 100)));
		const asOf = t[99];
		const before = forecast('x', t, v, { asOf });
		expect(before.at).toBe(asOf);
		expect(before.breach).toBeNull();
		// Changing the future does not change the as-of answer.
		const other = v.slice();
		other.fill(5000, 100);
		expect(forecast('x', t, other, { asOf })).toEqual(before);
		const alert = firstAlert('x', t, v);
		expect(alert).not.toBeNull();
		expect(alert!.at).toBeGreaterThan(asOf);
		expect(alert!.breach!.at).toBeGreaterThan(alert!.at);
		// Without an SLO the same rising series projects, but nothing breaches or alerts.
		expect(forecast('x', t, v, { slo: null }).breach).toBeNull();
		expect(firstAlert('x', t, v, { slo: null })).toBeNull();
	});

	it('the replay alerts at the first sample whose own forecast breaches, with that forecast', () => {
		// Noisy, with a slow climb and a fast one: the line crosses at some samples and not others.
		let s = 11;
		const u = () => (s = (s * 16807) % 2147483647) / 2147483647;
		const t = Float64Array.from({ length: 400 }, (_, i) => 1_700_000_000_000 + i * 60_000);
		const v = Float64Array.from(
			t,
			(_, i) => 300 + (i > 150 ? 2 * (i - 150) : 0) + (i > 300 ? 15 * (i - 300) : 0) + 60 * u()
		);
		const opts = { regime: false, slo: 900 };
		const alert = firstAlert('x', t, v, opts);
		let first = null;
		for (let i = 49; i < t.length && !first; i++) {
			const f = forecast('x', t, v, { ...opts, asOf: t[i] });
			if (f.breach) first = f;
		}
		expect(first).not.toBeNull();
		expect(alert).toEqual(first);
	});
});

describe('forecasts never project impossible values', () => {
	it('clamps a falling non-negative series at 0 and says so', () => {
		const t = Float64Array.from({ length: 50 }, (_, i) => i * 60_000);
		const v = Float64Array.from({ length: 50 }, (_, i) => 500 - 10 * i);
		const f = forecast('edge.latency_ms', t, v, { horizonMs: 60 * 60_000 });
		expect(f.floor).toBe(0);
		expect(f.clamped).toBe(true);
		expect(f.projection.value).toBe(0);
		expect(f.interval.lo).toBeGreaterThanOrEqual(0);
	});

	it('leaves series that go negative alone', () => {
		const t = Float64Array.from({ length: 50 }, (_, i) => i * 60_000);
		const v = Float64Array.from({ length: 50 }, (_, i) => 20 - i);
		const f = forecast('temp_delta', t, v);
		expect(f.floor).toBeNull();
		expect(f.projection.value).toBeLessThan(0);
	});
});
