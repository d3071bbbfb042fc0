// The rarity test (issue 15, fourth pass): on an intermittent series — at its floor most of the
// time, with routine bursts at random times — a burst the series made at least `count` times in
// the last week is routine; a larger burst, or one that lasts hours, is still news.
import { describe, expect, it } from 'vitest';
import { detectAlerts } from '../../../workers/metrics/detectors/alerts';
import { rarityTest, RARITY_DEFAULTS } from '../../../workers/metrics/detectors/rarity';
import { DAY_MS } from '../../../workers/metrics/detectors/seasonal';
import { mulberry32 } from '../../../workers/shared/rng';

const STEP = 300_000;
const DAY = DAY_MS / STEP;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * STEP);

describe('rarityTest', () => {
	const t = times(3000);
	const z = new Float64Array(3000);
	// Earlier runs: peaks 10 (two points: one run), 9, 6 and −10 (other side).
	z[100] = 10;
	z[101] = 10;
	z[200] = 9;
	z[300] = 6;
	z[400] = -10;
	z[500] = 10;
	const frequent = rarityTest(t, z, 3.5, RARITY_DEFAULTS);

	it('counts earlier same-side runs reaching share · |z|, runs not points', () => {
		// Runs reaching 0.8 · 10 = 8 before row 500: 100–101 and 200 (two), so not routine.
		expect(frequent(500)).toBe(false);
		// At 7.5 (needs ≥ 6): 100–101, 200, 300, 500 — routine.
		const z2 = Float64Array.from(z);
		z2[600] = 7.5;
		expect(rarityTest(t, z2, 3.5, RARITY_DEFAULTS)(600)).toBe(true);
	});

	it('ignores the other side, points below the limit, and runs older than the look-back', () => {
		const z2 = Float64Array.from(z);
		z2[600] = -7.5;
		expect(rarityTest(t, z2, 3.5, RARITY_DEFAULTS)(600)).toBe(false);
		expect(frequent(50)).toBe(false);
		// A look-back of 350 rows keeps only the runs at 300 (6), 400 (−10) and 500 (10) for row 600.
		const z2b = Float64Array.from(z);
		z2b[600] = 7.5;
		const short = rarityTest(t, z2b, 3.5, { ...RARITY_DEFAULTS, windowMs: 350 * STEP });
		expect(short(600)).toBe(false);
	});
});

describe('detectAlerts on an intermittent series', () => {
	// Floor 0; a routine one-row burst at 80–100 about every 4 h, at random times; on day 8 a
	// burst of 400 and on day 9 a burst at routine height that lasts 3 h. (Bursts of several rows
	// in a row can still pass the anomaly likelihood, which the rarity test does not veto: it is
	// what finds the long burst. docs/metrics.md, fourth pass.)
	const n = 10 * DAY;
	const t = times(n);
	const make = () => {
		const u = mulberry32(7);
		const v = new Float64Array(n);
		for (let i = 0; i < n; i++) if (u() < 1 / 48) v[i] = 80 + 20 * u();
		return v;
	};
	const big = 8 * DAY + 50;
	const long = 9 * DAY + 50;
	const v = make();
	v.fill(0, big - 5, big + 5);
	v[big] = 400;
	v.fill(0, long - 5, long + 40);
	v.fill(90, long, long + 36);
	const late = (s = {}) =>
		detectAlerts(t, v, s)
			.alerts.filter((a) => a.index >= 3 * DAY)
			.map((a) => a.index);

	it('stays quiet on routine bursts and still alerts a large or a long one', () => {
		const got = late();
		expect(got).toContain(big);
		expect(got.some((i) => i >= long && i < long + 36)).toBe(true);
		expect(got.length).toBe(2);
	});

	it('without the test, routine bursts that happen to top the last two days page', () => {
		expect(late({ rarity: null }).length).toBeGreaterThan(2);
	});
});
