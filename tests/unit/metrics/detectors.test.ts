import { describe, expect, it } from 'vitest';
import { alertAnomalies } from '../../../workers/metrics/detectors/alert-anomalies';
import { detectAlerts } from '../../../workers/metrics/detectors/alerts';
import { bocpd } from '../../../workers/metrics/detectors/bocpd';
import { detectMad } from '../../../workers/metrics/detect';
import { recursAt, RECURRENCE_DEFAULTS } from '../../../workers/metrics/detectors/recurrence';
import {
	DAY_MS,
	seasonalBaseline,
	trailingScale
} from '../../../workers/metrics/detectors/seasonal';

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

	// Scrapes and exports jitter: a sample lands a little before or after its slot. Taking the
	// first sample at or after "the same time yesterday" then finds the next one, a whole step
	// away, as often as not, and the cycle was dropped for most points (NAB-style synthetic
	// corpus, ±10 % jitter: standard score 75 → 41).
	it('still learns the cycle when sample times jitter by up to half a step', () => {
		const n = (5 * DAY_MS) / STEP;
		const r = noise(7);
		const t = Float64Array.from({ length: n }, (_, i) => i * STEP + r() * STEP);
		const v = Float64Array.from(t, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS) + r());
		const b = seasonalBaseline(t, v, { periods: [DAY_MS] });
		const late = [...b.period.subarray(3 * (n / 5))];
		expect(late.filter((p) => p === DAY_MS).length).toBeGreaterThan(0.95 * late.length);
		const i = n - 10;
		expect(Math.abs(b.expected[i] - v[i])).toBeLessThan(8);
	});

	it('does not take a sample across a gap for the same slot', () => {
		const n = (3 * DAY_MS) / STEP;
		// Day 2 is missing and one cycle is asked for: the nearest sample to "the same time
		// yesterday" on day 3 is the end of day 1, hours away, across the gap, and not the slot.
		const t = times(n).filter((x) => x < DAY_MS || x >= DAY_MS * 2);
		const v = Float64Array.from(t, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS));
		const b = seasonalBaseline(t, v, { periods: [DAY_MS], cycles: 1 });
		expect(b.period[t.length - 1]).toBe(0);
	});

	it('keeps the cycle through a gap once two cycles have been seen: one matching slot is enough', () => {
		const n = (4 * DAY_MS) / STEP;
		// Day 3 is missing: day 4's slots have day 2 (two cycles back) only. Before, that was too
		// few, and the level model, whose scale carries the whole swing, scored day 4.
		const t = times(n).filter((x) => x < DAY_MS * 2 || x >= DAY_MS * 3);
		const v = Float64Array.from(t, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS));
		const b = seasonalBaseline(t, v, { periods: [DAY_MS], cycles: 2 });
		// Noon of day 4: its slot one cycle back is 12 h inside the gap; two cycles back, day 2.
		const noon = t.indexOf(3.5 * DAY_MS);
		expect(b.period[noon]).toBe(DAY_MS);
		expect(b.expected[noon]).toBeCloseTo(v[noon], 6);
	});

	it('needs two cycles of history before it uses the cycle at all', () => {
		const n = (2 * DAY_MS) / STEP;
		const t = times(n);
		const v = Float64Array.from(t, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS));
		const b = seasonalBaseline(t, v, { periods: [DAY_MS] });
		expect([...b.period].every((p) => p === 0)).toBe(true);
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

	it('alerts once at the onset of a level shift, not again while the baseline catches up', () => {
		const t = times(2000);
		const r = noise(4);
		const v = Float64Array.from(t, (_, i) => (i >= 1500 ? 30 : 10) + r());
		const { alerts, windows } = detectAlerts(t, v);
		expect(alerts.map((a) => a.index)).toEqual([1500]);
		expect(windows[0].end).toBeGreaterThan(1500);
	});

	// The taxi example: a strong daily swing inflates a trailing robust scale, so a day
	// at 8 % of normal demand stays inside it; the same-slot seasonal residual does not.
	it('finds a near-zero stretch on a strong daily cycle that trailing MAD misses', () => {
		const step = 1_800_000;
		const n = 48 * 40;
		const t = Float64Array.from({ length: n }, (_, i) => i * step);
		const r = noise(5);
		const v = Float64Array.from(t, (x) => {
			const h = ((x / 3_600_000) % 24) - 5;
			return (2000 + 23000 * Math.max(0, Math.sin((Math.PI * h) / 19)) ** 1.5) * (1 + 0.1 * r());
		});
		const at = 48 * 30 + 16;
		for (let i = at; i < at + 40; i++) v[i] *= 0.08;
		const found = detectAlerts(t, v).alerts.filter((a) => a.index >= 48 * 6);
		expect(found.length).toBe(1);
		expect(found[0].index).toBeGreaterThanOrEqual(at);
		expect(found[0].index).toBeLessThan(at + 12);
		expect(found[0].kind).toBe('dip');
		const mad = detectMad('x', t, v, { window: 288 }).filter((a) => a.start >= t[48 * 6]);
		expect(mad.some((a) => a.start >= t[at] && a.start <= t[at + 40])).toBe(false);
	});

	it('does not alert on a spike that recurs daily, but does on one off its schedule', () => {
		const n = (8 * DAY_MS) / STEP;
		const t = times(n);
		const r = noise(6);
		const v = Float64Array.from(t, () => 10 + r());
		for (let d = 0; d < 8; d++) for (let k = 0; k < 3; k++) v[d * 288 + 100 + k] = 40 + r();
		// Off schedule and higher than the routine spikes (an equal one is not novel: detect.ts).
		const off = 7 * 288 + 200;
		v[off] = 60;
		const alerts = detectAlerts(t, v).alerts.filter((a) => a.index > 2 * 288);
		expect(alerts.map((a) => a.index)).toEqual([off]);
		const noRecurrence = detectAlerts(t, v, { recurrence: null }).alerts;
		expect(noRecurrence.length).toBeGreaterThan(1);
	});

	// The tweet example: a threshold learned early is never exceeded once the level grows;
	// every reference here trails, so a spike after the growth still stands out.
	it('keeps finding spikes after the series has grown, and not the growth itself', () => {
		const t = times(4000);
		const r = noise(7);
		const v = Float64Array.from(t, (_, i) => (100 + 0.1 * i) * (1 + 0.05 * r()));
		v[3500] *= 1.6;
		expect(detectAlerts(t, v).alerts.map((a) => a.index)).toEqual([3500]);
	});
});

describe('recursAt', () => {
	const t = times(2 * 288);
	const v = new Float64Array(2 * 288).fill(10);
	v[100] = 50;
	it('an excursion also made one day earlier, at about the same time, is routine', () => {
		const w = Float64Array.from(v);
		w[388] = 48;
		expect(recursAt(t, w, 388, 10, RECURRENCE_DEFAULTS)).toBe(true);
	});
	it('a larger excursion than yesterday’s, or one in the other direction, is not', () => {
		const w = Float64Array.from(v);
		w[388] = 80;
		expect(recursAt(t, w, 388, 10, RECURRENCE_DEFAULTS)).toBe(false);
		w[388] = -30;
		expect(recursAt(t, w, 388, 10, RECURRENCE_DEFAULTS)).toBe(false);
	});
	it('one at another time of day is not', () => {
		const w = Float64Array.from(v);
		w[500] = 50;
		expect(recursAt(t, w, 500, 10, RECURRENCE_DEFAULTS)).toBe(false);
	});
});

describe('trailingScale', () => {
	it('a residual that is off by a constant has a large scale, not a zero one', () => {
		const r = new Float64Array(100).fill(5);
		expect(trailingScale(r, 50)[99]).toBeCloseTo(5 * 1.4826, 9);
	});
});

describe('alertAnomalies (the anomalies cell with detector auto)', () => {
	it('turns each alert window into one anomaly at its peak, and filters by direction', () => {
		const n = 2000;
		const r = noise(7);
		const t = times(n);
		const v = Float64Array.from({ length: n }, () => 100 + r() * 2);
		for (let i = 1200; i < 1206; i++) v[i] = 160; // a spike
		for (let i = 1600; i < 1606; i++) v[i] = 40; // a dip
		const both = alertAnomalies('edge.p95', t, v);
		expect(both.map((a) => [a.detector, a.start, a.peak])).toEqual([
			['auto', t[1200], 160],
			['auto', t[1600], 40]
		]);
		for (const a of both) expect(a.end).toBe(a.start + 5 * STEP);
		expect(alertAnomalies('edge.p95', t, v, 'above').map((a) => a.start)).toEqual([t[1200]]);
		expect(alertAnomalies('edge.p95', t, v, 'below').map((a) => a.start)).toEqual([t[1600]]);
	});

	it('says when the detector paged (alertT), which may be after the anomaly began', () => {
		const n = 2000;
		const r = noise(7);
		const t = times(n);
		const v = Float64Array.from({ length: n }, () => 100 + r() * 2);
		// Two earlier spikes of 170, then a climb through that level. With the novelty test alone
		// (no likelihood), the climb is news only once it passes them: 175 at row 1204.
		v[700] = 170;
		v[900] = 170;
		for (let i = 0; i < 8; i++) v[1200 + i] = 150 + 5 * i;
		const settings = { likelihood: null };
		const found = alertAnomalies('edge.p95', t, v, undefined, settings);
		const alerts = detectAlerts(t, v, settings).alerts;
		expect(found.map((a) => a.alertT)).toEqual(alerts.map((a) => a.t));
		const climb = found.find((a) => a.start === t[1200])!;
		expect(climb.alertT).toBe(t[1204]);
		expect(found.some((a) => a.learning)).toBe(false);
		// A spike within the first 15 % of the points (300 of 2 000) is marked: raised while learning.
		v[250] = 170;
		const early = alertAnomalies('edge.p95', t, v, undefined, settings);
		expect(early.filter((a) => a.learning).map((a) => a.start)).toEqual([t[250]]);
	});
});
