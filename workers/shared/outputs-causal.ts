/** Output types of the causal cells (graph, effect, root-cause ranking). */
import type { EffectResult } from '../causal/effect';
import type { PcResult } from '../causal/pc';
import type { RcaCandidate } from '../causal/rca';

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

/** A ranked candidate plus a thinned baseline / incident sample for its chart. */
export interface RootCauseRow extends RcaCandidate {
	/** Up to 120 baseline and incident values, for the small chart. */
	baselineSample: number[];
	incidentSample: number[];
}

/** Ranked root-cause candidates. */
export interface RootCauseOutput {
	type: 'root-cause';
	rows: RootCauseRow[];
	/** Symptom series the impact scores refer to. */
	symptom?: string;
	/** Whether a topology or causal graph shaped the order. */
	usedTopology: boolean;
	usedGraph: boolean;
}
