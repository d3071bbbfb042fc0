import { describe, expect, it } from 'vitest';
import { runForecast } from '../../../workers/metrics/cell-requests';
import { firstAlert, forecast, forecastWithReplay } from '../../../workers/metrics/forecast';
import { createMetricsApi } from '../../../workers/metrics/service';
import {
	CancelledError,
	CancelSource,
	isCancelled,
	neverCancelled
} from '../../../workers/shared/cancel';
import {
	chooseFit,
	detectorAnomalies,
	type KnownAnomaly
} from '../../../workers/metrics/forecast-fit';
import { mulberry32 } from '../../../workers/shared/rng';

const T0 = 1_700_000_000_000;
const STEP = 60_000;

/** `n` points at 1 min: noise of ±2 around `level(i)`, seeded. */
function series(n: number, level: (i: number) => number, seed = 3) {
	const u = mulberry32(seed);
	const t = Float64Array.from({ length: n }, (_, i) => T0 + i * STEP);
	const v = Float64Array.from({ length: n }, (_, i) => level(i) + 4 * (u() - 0.5));
	return { t, v };
}

const ones = new Float64Array(300).fill(1);
const known = (start: number, end: number, raisedAt = start): KnownAnomaly => ({
	start,
	end,
	raisedAt
});

describe('chooseFit (which points the forecaster fits)', () => {
	it('without anomalies: the last `window` points', () => {
		const c = chooseFit(ones, 199, 50, []);
		expect(c.basis).toBe('recent');
		expect(c.idx).toEqual(Array.from({ length: 50 }, (_, k) => 150 + k));
	});

	it('during an anomaly of 10 points or more: its points only, at most `window`', () => {
		const c = chooseFit(ones, 199, 50, [known(180, 199)]);
		expect(c.basis).toBe('since-onset');
		expect(c.idx[0]).toBe(180);
		expect(c.idx.length).toBe(20);
		expect(c.anomaly).toEqual({ start: 180, end: 199 });
		// Begun before the last 50 points: those points, the seed's choice, reported as such.
		const long = chooseFit(ones, 299, 50, [known(180, 299)]);
		expect(long.basis).toBe('recent');
		expect(long.idx[0]).toBe(250);
	});

	it('an anomaly shorter than 10 points so far: the last `window` points', () => {
		expect(chooseFit(ones, 199, 50, [known(192, 199)]).basis).toBe('recent');
	});

	it('after an anomaly that ended in the window: the points since it ended', () => {
		const c = chooseFit(ones, 199, 50, [known(160, 175)]);
		expect(c.basis).toBe('after-anomaly');
		expect(c.idx[0]).toBe(176);
		// Ended before the last 50 points: the seed's rule.
		expect(chooseFit(ones, 199, 50, [known(100, 120)]).basis).toBe('recent');
		// Quiet for at most the detector's mergeGap (12 points): still going on.
		expect(chooseFit(ones, 199, 50, [known(160, 190)]).basis).toBe('since-onset');
	});

	it('a replay does not know an anomaly raised after the moment of the forecast', () => {
		expect(chooseFit(ones, 199, 50, [known(180, 220, 205)]).basis).toBe('recent');
		// Raised by then: its end is cut at the forecast's moment, so it is still going on.
		const c = chooseFit(ones, 199, 50, [known(180, 220, 185)]);
		expect(c.basis).toBe('since-onset');
		expect(c.anomaly).toEqual({ start: 180, end: 199 });
	});
});

describe('detectorAnomalies', () => {
	it('raises each window inside it, in time order (chooseFit searches by raisedAt)', () => {
		// Spikes and a dip more than the detector's 3-h refractory period apart, then a shift.
		const s = series(2000, (i) => 100 + (i >= 1600 ? 60 : 0));
		for (const [i, d] of [
			[400, 80],
			[700, -70],
			[1000, 120],
			[1300, 150]
		])
			s.v[i] += d;
		const a = detectorAnomalies(s.t, s.v);
		expect(a.length).toBe(5);
		a.forEach((w, k) => {
			expect(w.raisedAt).toBeGreaterThanOrEqual(w.start);
			expect(w.raisedAt).toBeLessThanOrEqual(w.end);
			if (k > 0) expect(w.start).toBeGreaterThan(a[k - 1].end);
		});
	});
});

describe('forecast on the regime the detector sees', () => {
	// 400 calm minutes at 100, then latency climbs 8 per minute.
	const ramp = series(460, (i) => (i < 400 ? 100 : 100 + 8 * (i - 399)));

	it('fits the climb since its onset, not 50 points that straddle it', () => {
		const asOf = ramp.t[429];
		const f = forecast('lat', ramp.t, ramp.v, { slo: null, asOf });
		expect(f.basis).toBe('since-onset');
		expect(f.anomaly!.start).toBeGreaterThanOrEqual(ramp.t[399]);
		expect(f.anomaly!.start).toBeLessThanOrEqual(ramp.t[405]);
		expect(f.slopePerSecond * 60).toBeCloseTo(8, 0);
		const seed = forecast('lat', ramp.t, ramp.v, { slo: null, asOf, regime: false });
		expect(seed.basis).toBe('recent');
		expect(seed.n).toBe(50);
		// The straddling line is flatter: it under-projects the climb.
		expect(seed.slopePerSecond * 60).toBeLessThan(6);
	});

	it('warns earlier in a replay, and never before the climb', () => {
		const opts = { slo: 600, horizonMs: 30 * STEP };
		const regime = firstAlert('lat', ramp.t, ramp.v, opts)!;
		const seed = firstAlert('lat', ramp.t, ramp.v, { ...opts, regime: false })!;
		expect(regime.at).toBeGreaterThan(ramp.t[399]);
		expect(regime.at).toBeLessThan(seed.at);
	});

	it('a level shift does not project a climb once the new level holds', () => {
		const step = series(430, (i) => (i < 400 ? 100 : 300));
		const f = forecast('lat', step.t, step.v, { slo: null });
		expect(f.basis).toBe('since-onset');
		expect(Math.abs(f.slopePerSecond * 60)).toBeLessThan(0.5);
		expect(f.level).toBeCloseTo(300, -1);
		const seed = forecast('lat', step.t, step.v, { slo: null, regime: false });
		expect(seed.slopePerSecond * 60).toBeGreaterThan(3);
	});

	it('a calm series keeps the seed rule', () => {
		const calm = series(300, () => 100);
		const f = forecast('lat', calm.t, calm.v, { slo: null });
		expect(f.basis).toBe('recent');
		expect(f.n).toBe(50);
	});
});

describe('the forecast job can be cancelled', () => {
	// A long quiet series under an SLO it never reaches: the replay refits at every sample.
	const quiet = series(20_000, () => 100);
	const req = {
		series: { key: 'lat', service: 'edge', metric: 'latency_ms', t: quiet.t, v: quiet.v },
		window: 50,
		horizonMs: 30 * STEP,
		slo: 1000,
		confidence: 0.9,
		replay: true
	};

	it('the replay gives the same answer as firstAlert, and checks the signal while it runs', async () => {
		const ramp = series(460, (i) => (i < 400 ? 100 : 100 + 8 * (i - 399)));
		const opts = { slo: 600, horizonMs: 30 * STEP };
		const sync = firstAlert('lat', ramp.t, ramp.v, opts);
		const both = await forecastWithReplay('lat', ramp.t, ramp.v, opts, true, neverCancelled);
		expect(both.firstAlert).toEqual(sync);
		expect(both.forecast).toEqual(forecast('lat', ramp.t, ramp.v, opts));
		// A signal cancelled at its fourth checkpoint: the replay was checking between samples.
		let checks = 0;
		const signal = {
			cancelled: false,
			throwIfCancelled: () => {},
			checkpoint: async () => {
				if (++checks > 3) throw new CancelledError();
			}
		};
		const replay = forecastWithReplay('lat', quiet.t, quiet.v, { slo: 1000 }, true, signal);
		await expect(replay).rejects.toSatisfy(isCancelled);
		expect(checks).toBe(4);
	});

	it('through the worker object: cancel(jobId) stops the job', async () => {
		const src = new CancelSource();
		src.cancel();
		await expect(runForecast(req, src)).rejects.toSatisfy(isCancelled);
		const api = createMetricsApi();
		const running = api.forecast(req, 'fc-1');
		expect(await api.cancel('fc-1')).toBe(true);
		await expect(running).rejects.toSatisfy(isCancelled);
		expect(await api.cancel('fc-1')).toBe(false);
	});

	it('reports the share of samples replayed, rising by at least 1 % a report', async () => {
		const seen: [number, string][] = [];
		const reply = await createMetricsApi().forecast(req, 'fc-2', (f, label) =>
			seen.push([f, label])
		);
		expect(reply.firstAlert).toBeUndefined();
		expect(seen.length).toBeGreaterThan(50);
		expect(seen.length).toBeLessThanOrEqual(100);
		for (let k = 1; k < seen.length; k++)
			expect(seen[k][0] - seen[k - 1][0]).toBeGreaterThanOrEqual(0.01);
		expect(seen.at(-1)![0]).toBeGreaterThan(0.98);
		expect(seen.at(-1)![0]).toBeLessThanOrEqual(1);
		expect(seen[0][1]).toMatch(/^replaying the forecaster: sample [\d,]+ of 20,000$/);
		// Without the replay there is nothing to report.
		const none: number[] = [];
		await createMetricsApi().forecast({ ...req, replay: false }, 'fc-3', (f) => none.push(f));
		expect(none).toEqual([]);
	});
});
