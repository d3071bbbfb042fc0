/**
 * NAB's scoring, ported from numenta/NAB `nab/sweeper.py` (v1.1, the scorer behind the published
 * scoreboard) and `nab/runner.py` (normalisation). Rows, not timestamps: a window is a pair of
 * inclusive row indexes, a detection is a row at which the detector alerts.
 *
 * Per file: every labelled window starts at −fnWeight; the earliest detection inside it replaces
 * that with tpWeight · S(position) / S(−1) (S = scaled sigmoid, position −1 = left edge); each
 * detection outside windows adds fpWeight · S(distance after the preceding window, in widths),
 * −fpWeight when no window precedes. Rows of the probationary period are not scored.
 */

/** Weights of one NAB application profile (`config/profiles.json`). */
export interface NabProfile {
	tp: number;
	fp: number;
	fn: number;
}

/** NAB's three profiles. */
export const NAB_PROFILES = {
	standard: { tp: 1, fp: 0.11, fn: 1 },
	reward_low_FP_rate: { tp: 1, fp: 0.22, fn: 1 },
	reward_low_FN_rate: { tp: 1, fp: 0.055, fn: 2 }
} as const satisfies Record<string, NabProfile>;

export type NabProfileName = keyof typeof NAB_PROFILES;

/** A labelled window as inclusive row indexes. */
export interface RowWindow {
	start: number;
	end: number;
}

/** One file's score under one profile, with NAB's row counts (probation excluded). */
export interface NabFileScore {
	score: number;
	tp: number;
	tn: number;
	fp: number;
	fn: number;
	/** Labelled windows with at least one scored row. */
	windows: number;
	/** Windows whose score came from a detection. */
	detected: number;
}

/** 2·sigmoid(−5x) − 1, and −1 from 3 widths past a window on (sweeper's version). */
export function scaledSigmoid(x: number): number {
	return x >= 3 ? -1 : 2 / (1 + Math.exp(5 * x)) - 1;
}

/** NAB's probationary length in rows: 15 % of the file, at most 750 (15 % of 5 000). */
export function nabProbation(n: number): number {
	return Math.min(Math.floor(0.15 * n), 750);
}

/**
 * Row windows from timestamp windows: first row at or after `start`, last row at or before `end`
 * (NAB builds its windows from the data's own timestamps, so both are exact matches there).
 */
export function rowWindows(
	t: Float64Array,
	windows: { start: number; end: number }[]
): RowWindow[] {
	const out: RowWindow[] = [];
	for (const w of windows) {
		let a = 0;
		while (a < t.length && t[a] < w.start) a++;
		let b = t.length - 1;
		while (b >= 0 && t[b] > w.end) b--;
		if (a <= b) out.push({ start: a, end: b });
	}
	return out.sort((x, y) => x.start - y.start);
}

/** Sweep score of every row: what a detection at that row would be worth (calcSweepScore). */
export function sweepScores(n: number, windows: RowWindow[], p: NabProfile): Float64Array {
	const maxTp = scaledSigmoid(-1);
	const out = new Float64Array(n);
	let w = 0;
	let prev: RowWindow | undefined;
	for (let i = 0; i < n; i++) {
		const cur = windows[w];
		if (cur && i >= cur.start && i <= cur.end) {
			const width = cur.end - cur.start + 1;
			out[i] = (scaledSigmoid(-(cur.end - i + 1) / width) * p.tp) / maxTp;
			if (i === cur.end) {
				prev = cur;
				w++;
			}
			continue;
		}
		// A one-row window divides by zero in Python; treat it as "far past" (−1).
		const past = prev ? Math.abs(prev.end - i) / (prev.end - prev.start) : 3;
		out[i] = scaledSigmoid(Number.isFinite(past) ? past : 3) * p.fp;
	}
	return out;
}

/**
 * Score of one file for binary detections (`detected(i)` = the detector alerts at row i), exactly
 * as sweeper.scoreDataSet at a threshold: the window's best (= earliest) detection counts once,
 * every detection outside windows counts.
 */
export function nabScoreFile(
	n: number,
	detected: (i: number) => boolean,
	windows: RowWindow[],
	p: NabProfile
): NabFileScore {
	const probation = nabProbation(n);
	const sweep = sweepScores(n, windows, p);
	const inWindow = new Int32Array(n).fill(-1);
	windows.forEach((w, k) => inWindow.fill(k, w.start, w.end + 1));
	const part = new Map<number, number>();
	const r: NabFileScore = { score: 0, tp: 0, tn: 0, fp: 0, fn: 0, windows: 0, detected: 0 };
	let fpScore = 0;
	for (let i = Math.ceil(probation); i < n; i++) {
		const k = inWindow[i];
		if (k >= 0 && !part.has(k)) part.set(k, -p.fn);
		const hit = detected(i);
		if (k >= 0) {
			if (hit) part.set(k, Math.max(part.get(k) ?? -p.fn, sweep[i]));
			r[hit ? 'tp' : 'fn']++;
		} else {
			if (hit) fpScore += sweep[i];
			r[hit ? 'fp' : 'tn']++;
		}
	}
	let total = 0;
	for (const v of part.values()) total += v;
	r.windows = part.size;
	r.detected = [...part.values()].filter((v) => v !== -p.fn).length;
	r.score = total + fpScore;
	return r;
}

/**
 * NAB's 0–100 scale for a set of files (runner.normalize): 100·(raw − null)/(perfect − null),
 * null = never alerting (−fn per window), perfect = every window detected at its left edge.
 */
export function nabNormalize(raw: number, windows: number, p: NabProfile): number {
	const nul = -p.fn * windows;
	const perfect = p.tp * windows;
	return perfect === nul ? 0 : (100 * (raw - nul)) / (perfect - nul);
}
