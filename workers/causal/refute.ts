/**
 * DoWhy-style refuters with verdicts in plain words. Each re-estimates the effect on modified
 * data `reps` times:
 * - placebo treatment: the treatment is replaced by a random permutation; the true effect of a
 *   placebo is 0, so the estimate should collapse towards 0;
 * - random common cause: an independent random covariate is added; the estimate should not move;
 * - data subset: 80 % random subsets; the estimate should stay close.
 * The p-value is DoWhy's normal approximation: how unusual the expected value (0 for the placebo,
 * the original estimate otherwise) is among the re-estimates.
 */
import { twoSidedP } from './normal';
import { ols } from './ols';
import { psm } from './psm';
import { normal, seededRng, shuffled } from './rng';

/** One refuter's outcome. */
export interface RefuterResult {
	name: 'placebo treatment' | 'random common cause' | 'data subset';
	/** Mean of the re-estimates. */
	newEffect: number;
	/** The value the re-estimates are expected to be near. */
	expected: number;
	pValue: number;
	passed: boolean;
	/** Plain-language reading. */
	verdict: string;
}

/** Inputs of the refuters. */
export interface RefuteInput {
	t: Float64Array;
	y: Float64Array;
	xs: Float64Array[];
	names: string[];
	method: 'regression' | 'psm';
	estimate: number;
	seed: number;
	reps: number;
}

function summarise(values: number[], expected: number): { mean: number; p: number } {
	const mean = values.reduce((s, v) => s + v, 0) / values.length;
	const sd = Math.sqrt(
		values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length - 1)
	);
	const p = sd > 0 ? twoSidedP((expected - mean) / sd) : expected === mean ? 1 : 0;
	return { mean, p };
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3));

export function refuteAll(input: RefuteInput): RefuterResult[] {
	const rng = seededRng(input.seed);
	const { t, y, xs, names, method, estimate, reps } = input;
	const placebo: number[] = [];
	const common: number[] = [];
	const subset: number[] = [];
	for (let r = 0; r < reps; r++) {
		placebo.push(pointEstimate(shuffled(t, rng), y, xs, names, method));
		const noise = Float64Array.from(t, () => normal(rng));
		common.push(pointEstimate(t, y, [...xs, noise], [...names, 'random'], method));
		const rows = Array.from({ length: t.length }, (_, i) => i).filter(() => rng() < 0.8);
		const pick = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]);
		subset.push(pointEstimate(pick(t), pick(y), xs.map(pick), names, method));
	}
	const out: RefuterResult[] = [];
	const p1 = summarise(placebo, 0);
	const p1ok = p1.p >= 0.05;
	out.push({
		name: 'placebo treatment',
		newEffect: p1.mean,
		expected: 0,
		pValue: p1.p,
		passed: p1ok,
		verdict: p1ok
			? `The estimate survived: with a shuffled (placebo) treatment the effect drops to ${fmt(p1.mean)}, consistent with no effect (p = ${p1.p.toFixed(2)}), so the original ${fmt(estimate)} is not an artefact of the method.`
			: `The estimate did NOT survive: a shuffled (placebo) treatment still shows an effect of ${fmt(p1.mean)} (p = ${p1.p.toFixed(3)}), so the method finds "effects" where none exist.`
	});
	for (const [name, values] of [
		['random common cause', common],
		['data subset', subset]
	] as const) {
		const s = summarise(values, estimate);
		const ok = s.p >= 0.05;
		const what =
			name === 'random common cause'
				? 'adding a random common cause'
				: 'using random 80 % subsets of the rows';
		out.push({
			name,
			newEffect: s.mean,
			expected: estimate,
			pValue: s.p,
			passed: ok,
			verdict: ok
				? `The estimate survived: ${what} gives ${fmt(s.mean)} against ${fmt(estimate)} (p = ${s.p.toFixed(2)}; a large p means no meaningful change).`
				: `The estimate did NOT survive: ${what} moves it to ${fmt(s.mean)} from ${fmt(estimate)} (p = ${s.p.toFixed(3)}); treat it as fragile.`
		});
	}
	return out;
}

/** The point estimate alone (used by refuters on modified data). */
export function pointEstimate(
	t: Float64Array,
	y: Float64Array,
	xs: Float64Array[],
	names: string[],
	method: 'regression' | 'psm'
): number {
	if (method === 'psm') return psm(t, y, xs).ate;
	return ols(y, [t, ...xs], ['treatment', ...names]).coef[1];
}
