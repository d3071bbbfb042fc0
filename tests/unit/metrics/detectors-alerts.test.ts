// detectAlerts behaviours added for issue 15's second pass: the alert row is the row at which the
// detector knows, the offset-corrected seasonal model, and a recurrence slot in absolute time;
// later passes: the novelty look-back (each excursion once, growing, without the warm-up).
import { describe, expect, it } from 'vitest';
import { detectAlerts } from '../../../workers/metrics/detectors/alerts';
import { recursAt, RECURRENCE_DEFAULTS } from '../../../workers/metrics/detectors/recurrence';
import { DAY_MS } from '../../../workers/metrics/detectors/seasonal';
import { mulberry32 } from '../../../workers/shared/rng';

const STEP = 300_000;
const DAY = DAY_MS / STEP;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * STEP);
/** `n` points of uniform noise about 10, every 5 min. */
const quiet = (seed: number, n = 2000) => {
	const u = mulberry32(seed);
	const t = times(n);
	return { t, v: Float64Array.from(t, () => 10 + u() - 0.5) };
};

describe('detectAlerts: where the alert is raised', () => {
	it('at the first novel row of a run, not at the run’s start (no look-ahead)', () => {
		const { t, v } = quiet(1);
		// Two earlier excursions to 21 make "about 20" not news (novelty rank 2).
		v[1100] = 21;
		v[1300] = 21;
		v.fill(20, 1500, 1503);
		v[1503] = 30;
		const { alerts, windows } = detectAlerts(t, v);
		const late = alerts.filter((a) => a.index >= 1400);
		expect(late.map((a) => a.index)).toEqual([1503]);
		// The window still shows the whole excursion, from its first row.
		expect(windows.find((w) => w.end >= 1503)?.start).toBe(1500);
	});

	it('marks an alert raised in the learning period (first 15 % of points), and only those', () => {
		const { t, v } = quiet(3);
		v[200] = 30;
		v[1500] = 40;
		const { alerts } = detectAlerts(t, v);
		const at = (i: number) => alerts.find((a) => a.index === i);
		expect(at(200)?.learning).toBe(true);
		expect(at(1500)).toBeDefined();
		expect(at(1500)?.learning).toBeUndefined();
	});
});

describe('detectAlerts: offset-corrected seasonal model', () => {
	// From day 5 the series runs at 60 % of the days before (a weekend): the same-slot median of
	// the three previous days remembers the old level, so day 6's residuals are the level gap.
	// The offset correction adds the last 3 h of those residuals back, keeping the cycle's shape.
	const u = mulberry32(2);
	const n = 8 * DAY;
	const t = times(n);
	const v = Float64Array.from(t, (x, i) => {
		const c = 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS);
		return (i >= 5 * DAY ? 0.6 : 1) * c + (u() - 0.5);
	});
	const at = 6 * DAY + 100;
	v[at] += 40;
	const onDay6 = (s = {}) =>
		detectAlerts(t, v, s)
			.alerts.filter((a) => a.index >= 6 * DAY && a.index < 7 * DAY)
			.map((a) => a.index);

	it('finds a spike on the lower day', () => {
		expect(onDay6()).toEqual([at]);
	});
	it('which the uncorrected cycle misses', () => {
		expect(onDay6({ seasonal: { offsetPoints: 0 } })).not.toContain(at);
	});
});

describe('recursAt: the slot in absolute time', () => {
	const n = 9 * DAY;
	const t = times(n);
	const base = () => new Float64Array(n).fill(10);

	it('a daily job 45 min late is routine with the 1 h slot, not with 30 min', () => {
		const v = base();
		v[DAY + 100] = 50;
		v[2 * DAY + 109] = 50;
		expect(recursAt(t, v, 2 * DAY + 109, 10, RECURRENCE_DEFAULTS)).toBe(true);
		const narrow = { ...RECURRENCE_DEFAULTS, slotMs: 1_800_000 };
		expect(recursAt(t, v, 2 * DAY + 109, 10, narrow)).toBe(false);
	});

	it('an excursion 3 h off last week’s is news; a share of the week (±3.5 h) called it routine', () => {
		const v = base();
		v[DAY + 100] = 50;
		const i = 8 * DAY + 100 + 36;
		v[i] = 50;
		expect(recursAt(t, v, i, 10, RECURRENCE_DEFAULTS)).toBe(false);
		const share = { ...RECURRENCE_DEFAULTS, slotMs: undefined };
		expect(recursAt(t, v, i, 10, share)).toBe(true);
	});
});

describe('detectAlerts: the novelty look-back (novelty.ts)', () => {
	// Likelihood off: these tests are about the novelty test alone.
	const only = { likelihood: null };

	it('a second incident 33 h after a six-point one of about its size is news: each excursion counts once', () => {
		const { t, v } = quiet(2);
		v.fill(20, 1000, 1006);
		v.fill(19.5, 1400, 1406);
		const found = (runsOnce: boolean) =>
			detectAlerts(t, v, { ...only, runsOnce })
				.alerts.map((a) => a.index)
				.filter((i) => i >= 900);
		expect(found(true)).toEqual([1000, 1400]);
		// Counted point by point, the first incident reached 20 six times: the second is "routine".
		expect(found(false)).toEqual([1000]);
	});

	it('a look-back that grows with the history raises fewer routine records on a long bursty series', () => {
		const u = mulberry32(3);
		const n = 16_000;
		const t = times(n);
		// Noise with a short burst at a random time about every 8 h: routine, never labelled.
		const v = Float64Array.from(t, () => 100 + 4 * (u() - 0.5));
		for (let i = 0; i < n; i++) if (u() < 1 / 96) v.fill(100 + 30 + 20 * u(), i, i + 2);
		// One real incident, late: twice the largest routine burst.
		v.fill(200, 15_000, 15_010);
		const alerts = (growth: number) =>
			detectAlerts(t, v, { ...only, noveltyGrowth: growth }).alerts.map((a) => a.index);
		const fixed = alerts(0);
		const growing = alerts(0.25);
		expect(growing).toContain(15_000);
		expect(fixed).toContain(15_000);
		expect(growing.length).toBeLessThan(fixed.length / 2);
	});

	/** An hourly series of `days`, with `bump` added at row `at`; alerts from row `from` on. */
	const hourly = (days: number, seed: number, value: (x: number) => number) => {
		const u = mulberry32(seed);
		const t = Float64Array.from({ length: days * 24 }, (_, i) => i * 3_600_000);
		const v = Float64Array.from(t, (x) => value(x) + u());
		return (at: number, bump: number, from: number) => {
			v[at] += bump;
			return (warmupOut: boolean) =>
				detectAlerts(t, v, { ...only, warmupOut })
					.alerts.map((a) => a.index)
					.filter((i) => i >= from);
		};
	};

	it('an hourly spike smaller than the daily swing is news once the cycle is learned: the warm-up is left out', () => {
		// Hourly: 576 points are 24 days, so the look-back of a point on day 20 reaches back to
		// the first two days, which only the level model scored — residuals of the whole swing.
		const daily = hourly(30, 4, (x) => 100 + 50 * Math.sin((2 * Math.PI * x) / DAY_MS));
		const at = 20 * 24 + 7;
		const found = daily(at, 30, 3 * 24);
		expect(found(true)).toEqual([at]);
		// Compared with the level model's residuals of days 1–2 (up to the swing), 30 is not new.
		expect(found(false)).toEqual([]);
	});

	it('and so is one smaller than the weekend drop once the weekly cycle is learned', () => {
		// Weekends at half the level. Until the weekly cycle is learned (two weeks), the daily
		// model scores the series and leaves residuals of the weekend drop; the weekly model's
		// points must not be compared with them (nor only with the level model's warm-up).
		const weekly = hourly(42, 5, (x) => {
			const weekend = Math.floor(x / DAY_MS) % 7 >= 5 ? 0.5 : 1;
			return weekend * (100 + 30 * Math.sin((2 * Math.PI * x) / DAY_MS));
		});
		const at = 29 * 24 + 14;
		const found = weekly(at, 20, 14 * 24);
		expect(found(true)).toEqual([at]);
		expect(found(false)).toEqual([]);
	});
});
