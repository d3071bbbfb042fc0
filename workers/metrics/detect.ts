/**
 * Anomaly detectors on one series (t ascending, epoch ms; NaN = missing):
 * - threshold: the seed's pager rule — value above (or below) a fixed level for at least a
 *   minimum duration, so one spike does not page anyone;
 * - mad: robust z-score against the trailing window's median and MAD (the current point is not
 *   part of its own reference, so a spike cannot hide itself);
 * - nsigma: robust z-score against the median and MAD of a baseline window.
 * Both z-score detectors also require novelty (see `ZOptions.noveltyRank`): a level the series has
 * recently reached more than once is its normal behaviour, however far from the median it is.
 * Flagged points closer than `mergeGap` samples form one anomaly. docs/metrics.md has the NAB
 * evaluation behind the defaults.
 */
import {
	DEFAULT_THRESHOLD,
	DEFAULT_Z,
	type Anomaly,
	type DetectorName
} from '../shared/outputs-metrics';
import { novelty } from './detectors/novelty';
import { medianStep } from './resample';
import { quantileSorted } from './quantile';
import { rollingMedianMad } from './rolling';

export { DEFAULT_THRESHOLD, DEFAULT_Z };

/** Options every detector shares. */
export interface CommonOptions {
	/** Flagged samples at most this many samples apart form one anomaly (one page, not twelve). Default 12. */
	mergeGap?: number;
}

/** Options of the z-score detectors. */
export interface ZOptions extends CommonOptions {
	/** Smallest σ, as a fraction of the reference level's magnitude. Default 0.05. */
	relFloor?: number;
	/** Which deviations count: 'both' (default), 'above' or 'below'. */
	direction?: 'above' | 'below' | 'both';
	/**
	 * Novelty: a flagged value must lie beyond the `noveltyRank`-th most extreme value (in its
	 * direction) of the preceding `noveltyWindow` points. Default 2: a level reached at most once
	 * recently is news, a recurring spike is the series' normal shape. 0 disables the test.
	 */
	noveltyRank?: number;
	/** Points the novelty test looks back. Default 576 (two days at 5 min, 2.4 h at 15 s). */
	noveltyWindow?: number;
	/** Consecutive flagged samples needed. Default 1 (one 5-min sample can be the whole event). */
	minPoints?: number;
	/**
	 * An anomaly (after merging) must last this long, ms, each sample standing for one step —
	 * the threshold rule's minimum duration. Default 120 000: a lone 15 s spike pages nobody,
	 * while one 5-min sample (5 min >= 2 min) still counts.
	 */
	minDurationMs?: number;
}

/** Whether z-score `z` is at least `limit` in the requested direction. */
export function exceeds(z: number, limit: number, direction: ZOptions['direction']): boolean {
	if (direction === 'below') return z <= -limit;
	if (direction === 'above') return z >= limit;
	return Math.abs(z) >= limit;
}

export interface ThresholdOptions extends CommonOptions {
	/** Level in the series' unit. Default 800. */
	threshold?: number;
	/** 'above' (default) or 'below' (e.g. throughput dropping). */
	direction?: 'above' | 'below';
	/** A stretch must last this long, ms (sample count × step). Default 120 000 (2 min). */
	minDurationMs?: number;
}

export interface MadOptions extends ZOptions {
	/** Trailing reference window, points. Default 288 (a day at 5 min, 72 min at 15 s). */
	window?: number;
	/** |z| that flags a point. Default 3.5 (Iglewicz & Hoaglin's modified z-score cut-off). */
	z?: number;
	/**
	 * Known-normal period (inclusive, epoch ms). When given, its robust σ floors the trailing σ: a
	 * quiet hour does not make the normal variability of the baseline look anomalous.
	 */
	baseline?: { start: number; end: number };
}

export interface NSigmaOptions extends ZOptions {
	/** Baseline window (inclusive, epoch ms); default the first 15 % of the series. */
	baseline?: { start: number; end: number };
	/** Robust standard deviations (1.4826 · MAD) that flag a point. Default 3.5. */
	n?: number;
}

/** Samples between flagged points that still join them into one anomaly. */
export const DEFAULT_MERGE_GAP = 12;
/** Default minimum duration of every detector's anomalies, ms (the seed's 2 min). */
export const DEFAULT_MIN_DURATION_MS = 120_000;
/** Default novelty rank and look-back (points). */
export const DEFAULT_NOVELTY = { rank: 2, window: 576 };
/** 1.4826 · MAD estimates σ for normal data. */
const MAD_TO_SIGMA = 1.4826;

/**
 * Groups flagged samples into anomalies: runs separated by fewer than MERGE_GAP samples merge;
 * a group is kept when its longest run has >= minPoints samples. Score = max |score[i]|.
 * With `known` (the samples that are evidence on their own, e.g. novel ones), each anomaly also
 * gets `alertT`: the first sample at which a streaming detector knows it — a known sample has
 * been seen, the longest run has minPoints samples and the group lasts minDurationMs — so an
 * alert is not dated back to a run start that only later turned out to be anomalous.
 */
export function groupFlags(
	key: string,
	detector: DetectorName,
	t: Float64Array,
	v: Float64Array,
	score: Float64Array,
	flagged: (i: number) => boolean,
	minPoints: number,
	mergeGap = DEFAULT_MERGE_GAP,
	minDurationMs = 0,
	known?: (i: number) => boolean
): Anomaly[] {
	const out: Anomaly[] = [];
	const step = minDurationMs > 0 ? medianStep(t) : 0;
	const span = (a: number, b: number) => b - a + (Number.isFinite(step) ? step : 0);
	type Open = Anomaly & { lastI: number; longest: number; run: number; seen: boolean };
	let cur: Open | undefined;
	const close = () => {
		if (cur && cur.longest >= minPoints && span(cur.start, cur.end) >= minDurationMs) {
			const { key: k, detector: d, start, end, peakT, peak, score: s, alertT } = cur;
			const a: Anomaly = { key: k, detector: d, start, end, peakT, peak, score: s };
			// A group kept without a known sample of its own (judged only after a baseline) is
			// known when it closes.
			if (known) a.alertT = alertT ?? end;
			out.push(a);
		}
		cur = undefined;
	};
	const learn = (c: Open, i: number) => {
		c.seen ||= known?.(i) ?? false;
		const ready = c.longest >= minPoints && span(c.start, t[i]) >= minDurationMs;
		if (known && c.alertT === undefined && c.seen && ready) c.alertT = t[i];
	};
	for (let i = 0; i < t.length; i++) {
		if (!flagged(i)) continue;
		const s = Math.abs(score[i]);
		if (cur && i - cur.lastI <= mergeGap) {
			cur.run = i - cur.lastI === 1 ? cur.run + 1 : 1;
			cur.longest = Math.max(cur.longest, cur.run);
			cur.end = t[i];
			cur.lastI = i;
			if (s > cur.score) Object.assign(cur, { score: s, peakT: t[i], peak: v[i] });
			learn(cur, i);
			continue;
		}
		close();
		const first = { start: t[i], end: t[i], peakT: t[i], peak: v[i], score: s };
		cur = { key, detector, ...first, lastI: i, longest: 1, run: 1, seen: false };
		learn(cur, i);
	}
	close();
	return out;
}

export function detectThreshold(
	key: string,
	t: Float64Array,
	v: Float64Array,
	opts: ThresholdOptions = {}
): Anomaly[] {
	const level = opts.threshold ?? DEFAULT_THRESHOLD;
	const below = opts.direction === 'below';
	const minDur = opts.minDurationMs ?? DEFAULT_MIN_DURATION_MS;
	const step = medianStep(t);
	const hit = (i: number) => (below ? v[i] < level : v[i] > level);
	const keep = new Uint8Array(t.length);
	for (let i = 0; i < t.length;) {
		let j = i;
		while (j < t.length && hit(j)) j++;
		// A run covers its samples' span plus one step (each sample stands for its interval).
		const duration = j > i ? t[j - 1] - t[i] + (Number.isFinite(step) ? step : 0) : 0;
		if (j > i && duration >= minDur) keep.fill(1, i, j);
		i = Math.max(j, i + 1);
	}
	const score = Float64Array.from(v, (x) => (below ? level / x : x / level));
	return groupFlags(key, 'threshold', t, v, score, (i) => keep[i] === 1, 1, opts.mergeGap);
}

export function detectMad(
	key: string,
	t: Float64Array,
	v: Float64Array,
	opts: MadOptions = {}
): Anomaly[] {
	const w = opts.window ?? 288;
	const zMax = opts.z ?? DEFAULT_Z;
	const { median, mad } = rollingMedianMad(v, { window: w, minPeriods: Math.ceil(w / 2) });
	const baseSigma = opts.baseline ? robustLevel(t, v, opts.baseline).sigma : 0;
	const z = new Float64Array(v.length).fill(NaN);
	for (let i = 1; i < v.length; i++) {
		const med = median[i - 1];
		if (!Number.isFinite(v[i]) || Number.isNaN(med)) continue;
		const sigma = Math.max(MAD_TO_SIGMA * mad[i - 1], baseSigma);
		z[i] = (v[i] - med) / flooredSigma(sigma, med, opts.relFloor);
	}
	const isNew = noveltyTest(v, z, opts);
	const keep = novelRuns(z, zMax, opts.direction, isNew);
	const flagged = (i: number) => keep[i] === 1;
	const minDur = opts.minDurationMs ?? DEFAULT_MIN_DURATION_MS;
	const minPts = opts.minPoints ?? 1;
	return groupFlags(key, 'mad', t, v, z, flagged, minPts, opts.mergeGap, minDur, isNew);
}

/**
 * A σ estimate with a floor: quantised or idle metrics (CPU 0.134 % for hours) have MAD 0, and
 * then every tiny wobble would be "infinitely" anomalous. The floor is `relFloor` of the level's
 * magnitude (or 1e-9 for a level of 0).
 */
export function flooredSigma(sigma: number, level: number, relFloor = 0.05): number {
	return Math.max(sigma, relFloor * Math.abs(level), 1e-9);
}

/**
 * Median and robust σ (1.4826 · MAD) of the finite values inside `range` (inclusive). Robust so
 * that a spike inside the baseline does not widen "normal" for the rest of the series.
 */
export function robustLevel(
	t: Float64Array,
	v: Float64Array,
	range: { start: number; end: number }
): { median: number; sigma: number; n: number } {
	const xs: number[] = [];
	for (let i = 0; i < t.length; i++) {
		if (t[i] >= range.start && t[i] <= range.end && Number.isFinite(v[i])) xs.push(v[i]);
	}
	const sorted = Float64Array.from(xs).sort();
	const median = quantileSorted(sorted, 0.5);
	const dev = Float64Array.from(sorted, (x) => Math.abs(x - median)).sort();
	return { median, sigma: MAD_TO_SIGMA * quantileSorted(dev, 0.5), n: xs.length };
}

/**
 * The novelty test: is v[i] beyond the `rank`-th most extreme value, on z[i]'s side, of the
 * preceding `window` points? With fewer than `rank` earlier values anything is new.
 */
export function noveltyTest(
	v: Float64Array,
	z: Float64Array,
	opts: Pick<ZOptions, 'noveltyRank' | 'noveltyWindow'>
): (i: number) => boolean {
	return novelty(v, z, {
		rank: opts.noveltyRank ?? DEFAULT_NOVELTY.rank,
		window: opts.noveltyWindow ?? DEFAULT_NOVELTY.window
	});
}

/**
 * Marks whole runs of same-sign exceedance (|z| >= limit) that contain at least one novel point:
 * novelty decides whether a stretch is news, the stretch itself is the anomaly — so a level shift
 * is shaded for as long as it lasts, not only for its first, record-setting samples.
 */
export function novelRuns(
	z: Float64Array,
	limit: number,
	direction: ZOptions['direction'],
	isNew: (i: number) => boolean
): Uint8Array {
	const keep = new Uint8Array(z.length);
	const ex = (i: number) => exceeds(z[i], limit, direction);
	for (let i = 0; i < z.length;) {
		if (!ex(i)) {
			i++;
			continue;
		}
		let j = i;
		let news = false;
		while (j < z.length && ex(j) && Math.sign(z[j]) === Math.sign(z[i])) news = isNew(j++) || news;
		if (news) keep.fill(1, i, j);
		i = j;
	}
	return keep;
}

export function detectNSigma(
	key: string,
	t: Float64Array,
	v: Float64Array,
	opts: NSigmaOptions = {}
): Anomaly[] {
	if (t.length === 0) return [];
	const base = opts.baseline ?? { start: t[0], end: t[0] + 0.15 * (t[t.length - 1] - t[0]) };
	const { median, sigma, n } = robustLevel(t, v, base);
	if (n < 2) {
		throw new Error(`nsigma: the baseline window holds ${n} value(s); it needs at least 2`);
	}
	const scale = flooredSigma(sigma, median, opts.relFloor);
	const nMax = opts.n ?? DEFAULT_Z;
	const z = Float64Array.from(v, (x) => (x - median) / scale);
	const isNew = noveltyTest(v, z, opts);
	const keep = novelRuns(z, nMax, opts.direction, isNew);
	// Points inside the baseline define normal; they are not judged against themselves.
	const judged = (i: number) => t[i] > base.end && keep[i] === 1;
	const minDur = opts.minDurationMs ?? DEFAULT_MIN_DURATION_MS;
	const minPts = opts.minPoints ?? 1;
	return groupFlags(key, 'nsigma', t, v, z, judged, minPts, opts.mergeGap, minDur, isNew);
}
