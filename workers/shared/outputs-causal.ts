/** Output types of the causal cells (graph, effect, root-cause ranking). */
import type { EffectResult } from '../causal/effect';
import type { PcResult } from '../causal/pc';
import type { RcaMethod, RcaResult, RcaWindows, ServiceCandidate, SymptomInfo } from '../rca/types';
import type { CaseOutcome, Scorecard } from './scorecard';

/** A CPDAG from PC with its evidence ledger. */
export interface CausalGraphOutput {
	type: 'causal-graph';
	result: PcResult;
	/** Series left out of the table, with the reason. */
	dropped: { key: string; reason: string }[];
}

/** An effect estimate with refuters. */
export interface EffectOutput {
	type: 'effect';
	result: EffectResult;
}

/** A ranked service plus a thinned baseline / incident sample of its strongest series. */
export interface RootCauseCandidate extends ServiceCandidate {
	/** Key of the sampled series (its strongest series). */
	sampleKey?: string;
	/** Up to 120 baseline and incident values, for the small chart. */
	baselineSample: number[];
	incidentSample: number[];
}

/** Services ranked as root-cause candidates, with the evidence chain of each. */
export interface RootCauseOutput {
	type: 'root-cause';
	method: RcaMethod;
	/** The symptom the ranking explains (picked automatically unless given). */
	symptom?: SymptomInfo;
	windows: RcaWindows;
	/** The top candidates (the cell's row limit). */
	candidates: RootCauseCandidate[];
	/** All services in rank order (for "why is X not first?" beyond the shown rows). */
	order: { service: string; whyNotFirst: string }[];
	graph: RcaResult['graph'] & { from: 'topology.json' | 'typed' | 'spans' | 'none' };
	/** What logs and traces added. */
	extras: { traceSeries: number; logSeries: number; vanished: number; flowBreaks?: number };
	notes: string[];
}

/** The scorecard of the labelled incidents in the library. */
export interface RcaScorecardOutput {
	type: 'rca-scorecard';
	method: RcaMethod;
	scorecard: Scorecard;
	cases: (CaseOutcome & { rank: number })[];
}
