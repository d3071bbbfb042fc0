import { describe, expect, it } from 'vitest';
import { detectMad, detectNSigma, detectThreshold } from '../../../workers/metrics/detect';
import { probationRows, rates, scoreDetections } from '../../../workers/metrics/evaluate';

const STEP = 15_000;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * STEP);
/** Deterministic noise in [-1, 1]. */
const noise = (i: number) => Math.sin(i * 12.9898) * 0.5 + Math.sin(i * 78.233) * 0.5;

describe('threshold detector (the seed trigger)', () => {
	it('ignores a single spike and fires on a sustained breach', () => {
		const v = new Float64Array(100).fill(100);
		v[10] = 2000; // one 15 s spike: shorter than the 2 min minimum
		for (let i = 50; i < 60; i++) v[i] = 900 + i;
		const a = detectThreshold('edge.latency_ms', times(100), v);
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({ detector: 'threshold', start: 50 * STEP, end: 59 * STEP });
		expect(a[0].peak).toBe(959);
		expect(a[0].score).toBeCloseTo(959 / 800, 12);
	});

	it('honours the threshold, direction and minimum duration options', () => {
		const v = new Float64Array(40).fill(50);
		for (let i = 20; i < 23; i++) v[i] = 5;
		const t = times(40);
		expect(detectThreshold('x', t, v, { threshold: 10, direction: 'below' })).toHaveLength(0);
		const a = detectThreshold('x', t, v, {
			threshold: 10,
			direction: 'below',
			minDurationMs: 45_000
		});
		expect(a).toHaveLength(1);
	});

	it('treats NaN as no data, not as a breach', () => {
		const v = new Float64Array(30).fill(NaN);
		expect(detectThreshold('x', times(30), v, { threshold: 0 })).toHaveLength(0);
	});
});

describe('robust detectors', () => {
	const n = 600;
	const base = Float64Array.from({ length: n }, (_, i) => 100 + 5 * noise(i));

	it('MAD finds an injected spike with its peak and nothing in plain noise', () => {
		expect(detectMad('x', times(n), base)).toHaveLength(0);
		const v = base.slice();
		v[400] = 200;
		// One 15 s sample is below the default 2 min minimum duration; without it, it is found.
		expect(detectMad('x', times(n), v)).toHaveLength(0);
		const a = detectMad('x', times(n), v, { minDurationMs: 0 });
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({ detector: 'mad', peakT: 400 * STEP, peak: 200 });
		expect(a[0].score).toBeGreaterThan(5);
	});

	it('minimum duration: a lone 5-min sample counts, a lone 15 s one does not', () => {
		const five = Float64Array.from({ length: n }, (_, i) => i * 300_000);
		const v = base.slice();
		v[400] = 200;
		expect(detectMad('x', five, v)).toHaveLength(1);
		// A sustained shift is shaded for its whole length, not only its record-setting samples.
		const w = base.slice();
		for (let i = 400; i < 440; i++) w[i] = 160;
		const [a] = detectMad('x', times(n), w);
		expect([a.start, a.end]).toEqual([400 * STEP, 439 * STEP]);
	});

	it('MAD stays quiet on a constant series (zero MAD is floored)', () => {
		const v = new Float64Array(n).fill(0.134);
		v[500] = 0.136;
		expect(detectMad('x', times(n), v)).toHaveLength(0);
	});

	it('nsigma flags a level shift against the baseline, in both directions', () => {
		const v = base.slice();
		for (let i = 450; i < 470; i++) v[i] = 160;
		for (let i = 520; i < 530; i++) v[i] = 40;
		const a = detectNSigma('x', times(n), v, { baseline: { start: 0, end: 100 * STEP } });
		expect(a.map((x) => x.start)).toEqual([450 * STEP, 520 * STEP]);
		const up = detectNSigma('x', times(n), v, {
			baseline: { start: 0, end: 100 * STEP },
			direction: 'above'
		});
		expect(up).toHaveLength(1);
	});

	it('novelty: a recurring spike stops being news after it has been seen twice', () => {
		const v = base.slice();
		const spikes = [350, 400, 450, 500];
		for (const i of spikes) v[i] = 200;
		const o = { mergeGap: 1, minDurationMs: 0 };
		const a = detectMad('x', times(n), v, o);
		expect(a.map((x) => x.peakT)).toEqual([350 * STEP, 400 * STEP]);
		// Rank 1 = "beyond the window's maximum": only the first spike is new.
		expect(detectMad('x', times(n), v, { ...o, noveltyRank: 1 })).toHaveLength(1);
		// Disabled: every spike is an anomaly again.
		expect(detectMad('x', times(n), v, { ...o, noveltyRank: 0 })).toHaveLength(4);
		// A higher spike is news even after the recurring ones.
		v[550] = 260;
		expect(detectMad('x', times(n), v, o).map((x) => x.peakT)).toContain(550 * STEP);
	});

	it('alertT: the alert is the first novel sample, not the start of its run', () => {
		// Two earlier excursions to 160 make 160 a level seen twice; the run climbs through 160
		// and is only news at 200, its third sample. The shading starts at the run's first sample.
		const v = base.slice();
		for (const i of [350, 400]) v[i] = 160;
		v[500] = 160;
		v[501] = 160;
		v[502] = 200;
		const o = { mergeGap: 1, minDurationMs: 0 };
		const mad = detectMad('x', times(n), v, o);
		expect(mad.map((a) => [a.start, a.alertT])).toEqual([
			[350 * STEP, 350 * STEP],
			[400 * STEP, 400 * STEP],
			[500 * STEP, 502 * STEP]
		]);
		// The minimum duration counts too: with 45 s required, the alert waits for 3 samples.
		const w = base.slice();
		for (let i = 450; i < 460; i++) w[i] = 160;
		const [a] = detectMad('x', times(n), w, { minDurationMs: 45_000 });
		expect([a.start, a.alertT]).toEqual([450 * STEP, 452 * STEP]);
		const [b] = detectNSigma('x', times(n), w, { baseline: { start: 0, end: 100 * STEP } });
		expect([b.start, b.alertT]).toEqual([450 * STEP, 457 * STEP]);
	});

	it('MAD: the baseline σ floors a quiet trailing window', () => {
		// Noise around 0 in the baseline, then a dead-flat stretch (MAD 0) with a wobble well inside
		// the baseline's noise. Novelty is off to test the scale alone.
		const v = Float64Array.from({ length: n }, (_, i) => (i < 150 ? 5 * noise(i) : 0));
		v[500] = 3;
		const opts = { noveltyRank: 0, minDurationMs: 0 };
		expect(detectMad('x', times(n), v, opts)).toHaveLength(1);
		const baseline = { start: 0, end: 149 * STEP };
		expect(detectMad('x', times(n), v, { ...opts, baseline })).toHaveLength(0);
	});

	it('nsigma: a spike inside the baseline does not widen "normal"', () => {
		const v = base.slice();
		v[50] = 10_000; // inflates a mean/sd baseline to σ ≈ 700, hiding the shift below
		for (let i = 450; i < 470; i++) v[i] = 160;
		const a = detectNSigma('x', times(n), v, { baseline: { start: 0, end: 100 * STEP } });
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({ start: 450 * STEP, detector: 'nsigma' });
	});

	it('nsigma refuses an empty baseline', () => {
		expect(() =>
			detectNSigma('x', times(10), base.subarray(0, 10), { baseline: { start: -9, end: -1 } })
		).toThrow(/baseline/);
	});
});

describe('NAB-style scoring', () => {
	it('counts found windows and false positives after the probationary period', () => {
		const t = times(1000);
		const mk = (s: number, e: number) => ({
			key: 'x',
			detector: 'mad' as const,
			start: s * STEP,
			end: e * STEP,
			peakT: s * STEP,
			peak: 1,
			score: 1
		});
		expect(probationRows(1000)).toBe(150);
		const s = scoreDetections(
			t,
			[mk(10, 12), mk(300, 301), mk(600, 602)],
			[
				{ start: 290 * STEP, end: 310 * STEP },
				{ start: 800 * STEP, end: 820 * STEP }
			]
		);
		expect(s).toEqual({ windows: 2, found: 1, falsePositives: 1, points: 850 });
		expect(rates(s).recall).toBe(0.5);
		expect(rates(s).fpPer1000).toBeCloseTo(1000 / 850, 12);
	});
});
