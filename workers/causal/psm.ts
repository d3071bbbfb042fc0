/**
 * Propensity-score matching for a binary treatment: logistic propensity (IRLS), 1-nearest-
 * neighbour matching on the logit of the score with replacement and a caliper (default 0.2 SD
 * of the logit, Austin 2011), ATT over matched treated units, ATC over matched controls, ATE as
 * their weighted mean, and a seeded bootstrap CI.
 */
import { logistic } from './logistic';
import { seededRng } from './rng';
import { DataError } from './table';

/** Matching result. */
export interface PsmResult {
	ate: number;
	att: number;
	atc: number;
	/** Caliper in logit units. */
	caliper: number;
	/** Treated / control units that found a match within the caliper. */
	matchedTreated: number;
	matchedControl: number;
	treated: number;
	control: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

/** Mean of y[i] - y[nearest opposite-arm unit] over units of `arm` that have a match. */
function matchedDiff(
	idxFrom: number[],
	idxTo: number[],
	score: Float64Array,
	y: Float64Array,
	caliper: number,
	sign: number
): { mean: number; matched: number } {
	const sortedTo = [...idxTo].sort((a, b) => score[a] - score[b]);
	const keys = sortedTo.map((i) => score[i]);
	let sum = 0;
	let matched = 0;
	for (const i of idxFrom) {
		let lo = 0;
		let hi = keys.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (keys[mid] < score[i]) lo = mid + 1;
			else hi = mid;
		}
		let best = -1;
		for (const c of [lo - 1, lo]) {
			if (c < 0 || c >= keys.length) continue;
			if (best < 0 || Math.abs(keys[c] - score[i]) < Math.abs(keys[best] - score[i])) best = c;
		}
		if (best < 0 || Math.abs(keys[best] - score[i]) > caliper) continue;
		sum += sign * (y[i] - y[sortedTo[best]]);
		matched++;
	}
	return { mean: matched ? sum / matched : NaN, matched };
}

/** Matching on fixed scores (the bootstrap refits nothing but the matching). */
function matchOn(
	t: Float64Array,
	y: Float64Array,
	score: Float64Array,
	caliper: number,
	rows?: number[]
): PsmResult {
	const idx = rows ?? Array.from({ length: t.length }, (_, i) => i);
	const treated = idx.filter((i) => t[i] === 1);
	const control = idx.filter((i) => t[i] === 0);
	const att = matchedDiff(treated, control, score, y, caliper, 1);
	const atc = matchedDiff(control, treated, score, y, caliper, -1);
	if (!att.matched || !atc.matched) {
		throw new DataError('no treated/control pairs within the caliper: the groups do not overlap');
	}
	const ate = (att.mean * treated.length + atc.mean * control.length) / idx.length;
	return {
		ate,
		att: att.mean,
		atc: atc.mean,
		caliper,
		matchedTreated: att.matched,
		matchedControl: atc.matched,
		treated: treated.length,
		control: control.length
	};
}

/** Propensity scores (logit) of a binary treatment given covariates. */
export function propensityLogits(t: Float64Array, xs: Float64Array[]): Float64Array {
	const fit = logistic(t, xs);
	return fit.p.map(logit);
}

/** PSM estimate; caliperSd = caliper in SDs of the logit score. */
export function psm(
	t: Float64Array,
	y: Float64Array,
	xs: Float64Array[],
	caliperSd = 0.2
): PsmResult {
	const score = propensityLogits(t, xs);
	let mean = 0;
	for (const s of score) mean += s;
	mean /= score.length;
	let v = 0;
	for (const s of score) v += (s - mean) ** 2;
	const sd = Math.sqrt(v / (score.length - 1));
	return matchOn(t, y, score, Math.max(caliperSd * sd, 1e-12));
}

/** Percentile bootstrap CI of the PSM ATE (resampling rows, refitting the propensity model). */
export function psmBootstrap(
	t: Float64Array,
	y: Float64Array,
	xs: Float64Array[],
	caliperSd: number,
	reps: number,
	seed: number
): { lo: number; hi: number; se: number } {
	const rng = seededRng(seed);
	const n = t.length;
	const values: number[] = [];
	for (let b = 0; b < reps; b++) {
		const rows = Array.from({ length: n }, () => Math.floor(rng() * n));
		const pick = (a: Float64Array) => Float64Array.from(rows, (r) => a[r]);
		try {
			values.push(psm(pick(t), pick(y), xs.map(pick), caliperSd).ate);
		} catch {
			// A resample without overlap says nothing about the spread; skip it.
		}
	}
	if (values.length < 10) throw new DataError('the bootstrap found too few resamples with overlap');
	values.sort((a, b) => a - b);
	const q = (f: number) => values[Math.min(values.length - 1, Math.floor(f * values.length))];
	const m = values.reduce((s, v) => s + v, 0) / values.length;
	const se = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
	return { lo: q(0.025), hi: q(0.975), se };
}
