/**
 * The combined default detector, `detectAlerts(t, v, settings?)`, reported as alerts — the onset
 * of each anomaly, which is what NAB scores and what an on-call page is — and as windows (onset to
 * last anomalous point) for charts and for the root-cause ranking. A point is anomalous when
 * 1. its residual from a causal expected value is large: |z| >= `z` against a robust residual
 *    scale (seasonal.ts: same-slot median of earlier days / weeks, offset-corrected by its
 *    recent residuals, when that explains the series better, else the trailing median — so a
 *    daily swing does not inflate the scale);
 * 2. it is novel: beyond the `noveltyRank`-th most extreme residual of the last `noveltyWindow`
 *    points, or of the last quarter of the history when that is longer, each earlier excursion
 *    counted once, at its peak (novelty.ts; a level reached on two recent occasions is normal),
 *    and, for a point a cycle model scores, without the residuals left before that cycle was
 *    learned (`warmupOut`);
 * 3. it is not routine: the same excursion did not happen one day / one week earlier
 *    (recurrence.ts), and, on an intermittent stretch (robust residual scale 0: the series sits
 *    at its floor), the series did not make at least 3 bursts of its size in the last week
 *    (rarity.ts);
 * or, instead of 2 and 3, the recent residuals on its side are unlikely: NAB's anomaly
 * likelihood (likelihood.ts; Ahmad et al. 2017), for sustained departures none of whose points
 * is news on its own.
 * A run of same-sign exceedance containing such a point is anomalous from its first point; runs
 * at most `mergeGap` points apart, or starting within `refractoryMs` of the previous alert, form
 * one window, which raises one alert — at the first row that meets the tests (the row at which
 * the detector knows), not at the run's first row, which the window keeps for charts. Optionally, Bayesian online change points (bocpd.ts) add
 * level-shift alerts; off by default, because on the NAB AWS files they cost more in false alerts
 * than they find (docs/metrics.md, sensitivity).
 * Everything is causal: a point is judged only on what came before it.
 * One settings object, ALERT_DEFAULTS, serves the CLI, the notebook and the evaluation.
 */
import { nabProbation } from '../nab-score';
import { quantileSorted } from '../quantile';
import { bocpd, type BocpdOptions } from './bocpd';
import { allButPeaks, novelty, noveltyByCycle } from './novelty';
import {
	anomalyLikelihood,
	LIKELIHOOD_DEFAULTS,
	trailingMean,
	type LikelihoodOptions
} from './likelihood';
import { rarityTest, RARITY_DEFAULTS, type RarityOptions } from './rarity';
import { recursAt, RECURRENCE_DEFAULTS, type RecurrenceOptions } from './recurrence';
import { seasonalBaseline, type SeasonalOptions } from './seasonal';

export interface AlertSettings {
	/** |z| of a residual that flags a point (Iglewicz & Hoaglin's 3.5 for robust z-scores). */
	z: number;
	/** Points of the level model's trailing median and of the trailing residual scale. */
	window: number;
	/** Novelty rank and look-back (points), as in detect.ts, applied to residuals. 0 = off. */
	noveltyRank: number;
	noveltyWindow: number;
	/**
	 * The novelty look-back grows to this share of the history when that is longer than
	 * `noveltyWindow` (novelty.ts: routine records then grow like log n, not n). 0 = fixed.
	 */
	noveltyGrowth: number;
	/**
	 * Each exceedance run counts once, at its peak, in the novelty look-back (novelty.ts): the
	 * rank counts occasions, so a six-point incident does not make the next one "seen twice".
	 */
	runsOnce: boolean;
	/**
	 * A point a cycle model scores leaves out of its novelty look-back the points before the
	 * first one that cycle scored: their residuals are a shorter model's (the level model's
	 * before the daily cycle, the daily's before the weekly), the swing the cycle explains
	 * included, and at coarse sampling (hourly: 576 points are 24 days) they stayed in the
	 * look-back for weeks, so nothing smaller than the swing was new.
	 */
	warmupOut: boolean;
	/** Smallest σ as a share of the expected level (idle metrics have a residual scale of 0). */
	relFloor: number;
	/** Anomalous runs at most this many points apart form one window (one alert). */
	mergeGap: number;
	/** The routine-excursion test; `null` turns it off. */
	recurrence: RecurrenceOptions | null;
	/**
	 * The frequent-excursion test (rarity.ts), applied where the robust residual scale is 0 (an
	 * intermittent series at its floor); `null` turns it off.
	 */
	rarity: RarityOptions | null;
	/**
	 * NAB's anomaly likelihood of the recent residuals (likelihood.ts): a point of a run whose
	 * short-term departure is this unlikely is news even when novelty or recurrence say no.
	 * `null` turns it off.
	 */
	likelihood: LikelihoodOptions | null;
	/**
	 * No new alert within this many ms of the previous one: a run that starts that soon joins
	 * the previous window (one incident, one page). 0 = only `mergeGap` joins runs.
	 */
	refractoryMs: number;
	/** A BOCPD change must move the series by this many robust σ to alert; Infinity = off. */
	shiftZ: number;
	seasonal: SeasonalOptions;
	bocpd: BocpdOptions;
}

export const ALERT_DEFAULTS: AlertSettings = {
	z: 3.5,
	window: 288,
	noveltyRank: 2,
	noveltyWindow: 576,
	noveltyGrowth: 0.25,
	runsOnce: true,
	warmupOut: true,
	relFloor: 0.05,
	mergeGap: 12,
	recurrence: RECURRENCE_DEFAULTS,
	rarity: RARITY_DEFAULTS,
	likelihood: LIKELIHOOD_DEFAULTS,
	refractoryMs: 3 * 3_600_000,
	shiftZ: Infinity,
	seasonal: { offsetPoints: 36 },
	bocpd: {}
};

export type AlertKind = 'spike' | 'dip' | 'level';

export interface Alert {
	/** Index and time of the onset. */
	index: number;
	t: number;
	kind: AlertKind;
	/** Largest |z| of the window the alert opens. */
	score: number;
	/**
	 * Raised in the learning period (NAB's probation: the first 15 % of points, at most 750),
	 * where every departure is new to the detector; absent after it.
	 */
	learning?: true;
}

export interface AnomalyWindow {
	/** First and last anomalous index. */
	start: number;
	end: number;
	kind: AlertKind;
	score: number;
}

export interface AlertResult {
	alerts: Alert[];
	windows: AnomalyWindow[];
	/** Per point: expected value and z of the residual (NaN while the history is too short). */
	expected: Float64Array;
	z: Float64Array;
}

/** Robust σ (1.4826 · MAD) of the finite values of `xs`. */
function robustSigma(xs: Float64Array): number {
	const f = xs.filter(Number.isFinite).sort();
	const m = quantileSorted(f, 0.5);
	return 1.4826 * quantileSorted(f.map((x) => Math.abs(x - m)).sort(), 0.5);
}

/**
 * Residuals and their z-scores against the seasonal baseline. After the learning period (NAB's
 * probation: first 15 % of rows, at most 750) its residual σ floors the trailing σ of points the
 * level model scores, so a quiet hour does not make ordinary variability look anomalous. Points
 * the seasonal model scores are not floored: the learning period is often shorter than the two
 * cycles that model needs, so its residuals there are the level model's, cycle included.
 */
function residualZ(t: Float64Array, v: Float64Array, s: AlertSettings) {
	const base = seasonalBaseline(t, v, {
		levelPoints: s.window,
		scalePoints: s.window,
		...s.seasonal
	});
	const resid = Float64Array.from(v, (x, i) => x - base.expected[i]);
	const learn = nabProbation(v.length);
	const floor = learn >= 12 ? robustSigma(resid.subarray(0, learn)) : 0;
	const z = new Float64Array(v.length).fill(NaN);
	for (let i = 0; i < v.length; i++) {
		const e = base.expected[i];
		if (!Number.isFinite(resid[i]) || !Number.isFinite(base.scale[i])) continue;
		const floored = i >= learn && base.period[i] === 0 ? floor : 0;
		const sigma = Math.max(base.scale[i], floored, s.relFloor * Math.abs(e), 1e-9);
		z[i] = resid[i] / sigma;
	}
	return { z, resid, expected: base.expected, scale: base.scale, period: base.period };
}

/** Indexes at which BOCPD reports a change (when it knows it, not its onset) of >= shiftZ. */
function levelShifts(v: Float64Array, z: Float64Array, s: AlertSettings): Set<number> {
	const out = new Set<number>();
	if (!Number.isFinite(s.shiftZ)) return out;
	const head = v.subarray(0, Math.max(12, nabProbation(v.length)));
	const m = quantileSorted(head.filter(Number.isFinite).sort(), 0.5);
	const scale = Math.max(robustSigma(head), s.relFloor * Math.abs(m), 1e-9);
	const x = Float64Array.from(v, (y) => (y - m) / scale);
	for (const c of bocpd(x, s.bocpd)) if (Math.abs(z[c.at]) >= s.shiftZ) out.add(c.at);
	return out;
}

/** Same-sign runs of |z| >= limit, as [first, end) index pairs. */
function exceedanceRuns(z: Float64Array, limit: number): [number, number][] {
	const runs: [number, number][] = [];
	for (let i = 0; i < z.length;) {
		if (!(Math.abs(z[i]) >= limit)) {
			i++;
			continue;
		}
		let j = i + 1;
		while (j < z.length && Math.abs(z[j]) >= limit && Math.sign(z[j]) === Math.sign(z[i])) j++;
		runs.push([i, j]);
		i = j;
	}
	return runs;
}

/** Alerts (onsets) and anomaly windows of one series; see the module comment. */
export function detectAlerts(
	t: Float64Array,
	v: Float64Array,
	settings: Partial<AlertSettings> = {}
): AlertResult {
	const s = { ...ALERT_DEFAULTS, ...settings };
	const { z, resid, expected, scale, period } = residualZ(t, v, s);
	const rec = s.recurrence;
	const lk = s.likelihood;
	const L = lk ? anomalyLikelihood(z, lk) : undefined;
	const zMean = lk ? trailingMean(z, lk.short) : undefined;
	// Unlikely: the recent residuals, on this point's side, are a departure the series has not
	// made in its history (a sustained one, where each point alone looks seen-before or routine).
	const unlikely = (i: number) =>
		!!lk && L![i] <= lk.epsilon && Math.sign(zMean![i]) === Math.sign(z[i]);
	// Frequent excursions are routine only on intermittent stretches — where most recent residuals
	// are exactly 0 (the series sits at its floor), so the robust scale is 0, every burst has an
	// unbounded z and only its size against earlier bursts can tell routine from news. Elsewhere
	// the z-scale already carries the series' variability (everywhere, the test lost windows).
	const rare = s.rarity && scale.some((x) => x === 0) ? rarityTest(t, z, s.z, s.rarity) : undefined;
	const frequent = (i: number) => !!rare && scale[i] === 0 && rare(i);
	const routine = (i: number) => (rec && recursAt(t, v, i, expected[i], rec)) || frequent(i);
	const shifts = levelShifts(v, z, s);
	const runs = exceedanceRuns(z, s.z);
	// The novelty look-back: each excursion once, without the warm-up of the point's cycle.
	const look = {
		rank: s.noveltyRank,
		window: s.noveltyWindow,
		growth: s.noveltyGrowth,
		leftOut: s.runsOnce ? allButPeaks(resid, runs) : undefined
	};
	const isNew = s.warmupOut ? noveltyByCycle(resid, z, period, look) : novelty(resid, z, look);
	// Point k of the run that began at i: its look-back ends where the run began.
	const news = (k: number, i: number) => (isNew(k, i) && !routine(k)) || unlikely(k);
	// Where each run is known to be anomalous: its first news point (-1: it is not).
	const knownAt = runs.map(([i, j]) => {
		for (let k = i; k < j; k++) if (shifts.has(k) || news(k, i)) return k;
		return -1;
	});
	const windows: AnomalyWindow[] = [];
	// Where each window's alert is raised: the first row at which the detector knows (the first
	// news point of its first run), which may be later than the run's first row.
	const raisedAt: number[] = [];
	const open = (start: number, end: number, kind: AlertKind, score: number, at: number) => {
		const cur = windows.at(-1);
		const soon = cur && t[start] - t[raisedAt[raisedAt.length - 1]] <= s.refractoryMs;
		if (cur && (start - cur.end <= s.mergeGap || soon)) {
			cur.end = Math.max(cur.end, end);
			cur.score = Math.max(cur.score, score);
		} else {
			windows.push({ start, end, kind, score });
			raisedAt.push(at);
		}
	};
	// In time order: each anomalous run, and level shifts outside runs (BOCPD, off by default).
	for (let k = 0, r = 0; k < v.length; k++) {
		if (r < runs.length && runs[r][0] === k) {
			const [i, j] = runs[r];
			if (knownAt[r] >= 0) {
				let peak = 0;
				for (let q = i; q < j; q++) peak = Math.max(peak, Math.abs(z[q]));
				open(i, j - 1, z[i] > 0 ? 'spike' : 'dip', peak, knownAt[r]);
			}
			k = j - 1;
			r++;
		} else if (shifts.has(k)) open(k, k, 'level', Math.abs(z[k]), k);
	}
	const learn = nabProbation(v.length);
	const alerts = windows.map((w, k) => ({
		index: raisedAt[k],
		t: t[raisedAt[k]],
		kind: w.kind,
		score: w.score,
		...(raisedAt[k] < learn ? { learning: true as const } : {})
	}));
	return { alerts, windows, expected, z };
}
