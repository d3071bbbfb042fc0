/**
 * Average treatment effect of one column on another: regression adjustment (OLS) or propensity-
 * score matching, with a 95 % CI, a standardised impact score and the refuters. The adjustment
 * set is given, or read from a PC graph (parents and undirected neighbours of the treatment).
 */
import { ols } from './ols';
import type { PcResult } from './pc';
import { psm, psmBootstrap } from './psm';
import { refuteAll, type RefuterResult } from './refute';
import { DataError, checkTable, selectColumns, type NumericTable } from './table';

/** What to estimate. */
export interface EffectSpec {
	treatment: string;
	outcome: string;
	/** Adjustment set; when omitted and `graph` is given, read from the graph; else none. */
	covariates?: string[];
	graph?: Pick<PcResult, 'names' | 'edges'>;
	method?: 'regression' | 'psm';
	/** PSM on a continuous treatment: treated = value > threshold (required, and displayed). */
	threshold?: number;
	/** Run the refuters. */
	refute?: boolean;
	/** Seed of bootstrap and refuters. */
	seed?: number;
	/** Bootstrap / refuter repetitions (default 100 / 20). */
	bootstrapReps?: number;
	refuteReps?: number;
}

/** An effect estimate with its evidence. */
export interface EffectResult {
	treatment: string;
	outcome: string;
	method: 'regression' | 'psm';
	covariates: string[];
	/** Where the adjustment set came from. */
	adjustmentSource: 'given' | 'graph' | 'none';
	/** Effect of treatment 0 -> 1 (binary) or of +1 unit (continuous). */
	estimate: number;
	se: number;
	ci: [number, number];
	/** Effect of +1 SD of the treatment in SDs of the outcome (> 0.8 in magnitude = strong). */
	impact: number;
	binaryTreatment: boolean;
	/** PSM on a continuous treatment: the threshold used. */
	threshold?: number;
	/** PSM: ATT and ATC. */
	att?: number;
	atc?: number;
	n: number;
	refuters: RefuterResult[];
	notes: string[];
}

const sd = (a: Float64Array): number => {
	const m = a.reduce((s, v) => s + v, 0) / a.length;
	return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
};

/** Backdoor set from a CPDAG: parents of the treatment plus its undirected neighbours. */
export function adjustmentFromGraph(
	graph: Pick<PcResult, 'names' | 'edges'>,
	treatment: string,
	outcome: string
): string[] {
	const t = graph.names.indexOf(treatment);
	const out = new Set<string>();
	for (const e of graph.edges) {
		if (e.kind === '-->' && e.to === t) out.add(graph.names[e.from]);
		if (e.kind === '---' && (e.from === t || e.to === t))
			out.add(graph.names[e.from === t ? e.to : e.from]);
	}
	out.delete(outcome);
	return [...out];
}

const isBinary = (a: Float64Array) => a.every((v) => v === 0 || v === 1);

function resolveCovariates(spec: EffectSpec): {
	covariates: string[];
	source: EffectResult['adjustmentSource'];
} {
	if (spec.covariates) return { covariates: spec.covariates, source: 'given' };
	if (spec.graph)
		return {
			covariates: adjustmentFromGraph(spec.graph, spec.treatment, spec.outcome),
			source: 'graph'
		};
	return { covariates: [], source: 'none' };
}

export function estimateEffect(table: NumericTable, spec: EffectSpec): EffectResult {
	const method = spec.method ?? 'regression';
	if (spec.treatment === spec.outcome) throw new DataError('treatment and outcome must differ');
	const { covariates, source } = resolveCovariates(spec);
	const sub = selectColumns(table, [spec.treatment, spec.outcome, ...covariates]);
	checkTable(sub);
	const [t0, y, ...xs] = sub.columns;
	let t = t0;
	const notes: string[] = [];
	const binary = isBinary(t);
	if (method === 'psm' && !binary) {
		if (spec.threshold === undefined) {
			throw new DataError(
				`"${spec.treatment}" is continuous: PSM needs an explicit threshold (treated = value > threshold)`
			);
		}
		t = t.map((v) => (v > spec.threshold! ? 1 : 0));
		notes.push(`Treatment binarised: ${spec.treatment} > ${spec.threshold} counts as treated.`);
		if (t.every((v) => v === t[0]))
			throw new DataError(`no rows on one side of threshold ${spec.threshold}`);
	}
	const base =
		method === 'psm' ? psmEstimate(t, y, xs, spec) : regressionEstimate(t, y, xs, covariates);
	const impact = (base.estimate * sd(t)) / sd(y);
	const refuters = spec.refute
		? refuteAll({
				t,
				y,
				xs,
				names: covariates,
				method,
				estimate: base.estimate,
				seed: spec.seed ?? 7,
				reps: spec.refuteReps ?? 20
			})
		: [];
	return {
		treatment: spec.treatment,
		outcome: spec.outcome,
		method,
		covariates,
		adjustmentSource: source,
		...base,
		impact,
		binaryTreatment: binary,
		threshold: method === 'psm' && !binary ? spec.threshold : undefined,
		n: sub.rows,
		refuters,
		notes
	};
}

function regressionEstimate(t: Float64Array, y: Float64Array, xs: Float64Array[], names: string[]) {
	const fit = ols(y, [t, ...xs], ['treatment', ...names]);
	const estimate = fit.coef[1];
	const se = fit.se[1];
	return { estimate, se, ci: [estimate - 1.96 * se, estimate + 1.96 * se] as [number, number] };
}

function psmEstimate(t: Float64Array, y: Float64Array, xs: Float64Array[], spec: EffectSpec) {
	const r = psm(t, y, xs);
	const boot = psmBootstrap(t, y, xs, 0.2, spec.bootstrapReps ?? 100, spec.seed ?? 7);
	return {
		estimate: r.ate,
		se: boot.se,
		ci: [boot.lo, boot.hi] as [number, number],
		att: r.att,
		atc: r.atc
	};
}
