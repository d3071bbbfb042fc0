/**
 * Contracts of the root-cause ranking: what goes in (series with their times, the windows, the
 * call graph, the symptom, the method) and what comes out (services ranked, each with the evidence
 * and the reasons for its place). Types only, shared by the worker, the CLI and the cell.
 */
import type { Series } from '../bundle/types';
import type { Family } from '../shared/classify';
import type { ScoreSettings } from './score';

export type { Family } from '../shared/classify';

/** A closed time interval, epoch ms. */
export interface Window {
	start: number;
	end: number;
}

/** One metric series of the incident: a bundle Series, whole (the ranking cuts the windows itself). */
export type RcaSeriesInput = Series;

/** The windows a ranking compares. */
export interface RcaWindows {
	/** Normal period. */
	baseline: Window;
	/** Period searched for the cause (starts before the onset: causes precede symptoms). */
	incident: Window;
	/** First user-visible impact, if known. */
	onset?: number;
	/** Where each window came from, in words ("manifest baseline", "--onset"). */
	source: { baseline: string; incident: string };
}

/** A directed service edge. Call graph: caller → callee. Causal graph: cause → effect. */
export interface ServiceEdge {
	from: string;
	to: string;
}

export const RCA_METHODS = [
	'ensemble',
	'baro',
	'traversal',
	'random-walk',
	'causal',
	'flows'
] as const;
export type RcaMethod = (typeof RCA_METHODS)[number];

/** Every setting of the ranking; one set serves every dataset (docs/rca.md reports sensitivity). */
export interface RcaSettings {
	/** Robust z from which a quantity counts as anomalous. */
	threshold: number;
	score: ScoreSettings;
	/** Weight of each family in a service's anomaly (traffic moves because of load, not faults). */
	familyWeight: Record<Family, number>;
	/** Weight of host-level and client-side (waiting-for-callees) quantities. */
	indirectWeight: number;
	/** Weight of latency and error signals of a service that served no requests in either window. */
	idleWeight: number;
	/** Subtract each quantity's median evidence across services (signals.ts, subtractPeers). */
	peerBaseline: boolean;
	/** Further anomalous quantities that add to a service's anomaly (corroboration), and their weight. */
	corroborate: number;
	corroborationWeight: number;
	/** Share of the incident length before the onset that still belongs to the incident window. */
	leadFraction: number;
	/**
	 * Where a quantity's onset comes from: the shared anomaly detector (detector-onset.ts) or
	 * the first run of 3 points over `threshold` against the baseline window (score.ts).
	 */
	onsets: 'detector' | 'threshold';
	/** Random walk: probability of stepping back from a callee to its caller. */
	walkBack: number;
	/** Ensemble: weight of each method's rank. */
	ensembleWeights: Partial<Record<Exclude<RcaMethod, 'ensemble'>, number>>;
}

/**
 * Evidence that is a verdict over the whole window rather than a series (a log statement that fell
 * silent): already scored, it joins the service's signals as one more quantity.
 */
export interface WindowEvidence {
	service: string;
	/** Name shown as the metric (e.g. `log_vanished_template`). */
	metric: string;
	quantity: string;
	family: Family;
	/** Deviation in spreads, like a series' z. */
	z: number;
	/** What was expected and what was seen (shown as baseline and incident values). */
	expected: number;
	observed: number;
	/** In words (the template that fell silent). */
	detail: string;
}

/** Input of a ranking. */
export interface RankRequest {
	series: RcaSeriesInput[];
	windows: RcaWindows;
	/** Call graph (caller → callee), from topology.json or derived from spans. */
	topology?: ServiceEdge[];
	/** Causal edges between services (cause → effect), e.g. from a PC graph. */
	causal?: ServiceEdge[];
	/** Window-level evidence (vanished log templates). */
	evidence?: WindowEvidence[];
	/** Series key of the symptom; undefined = pick the most anomalous user-facing signal. */
	symptom?: string;
	method?: RcaMethod;
	settings?: Partial<Omit<RcaSettings, 'score'>> & { score?: Partial<ScoreSettings> };
}

/** One quantity (latency, errors, cpu, ...) of one service, scored. */
export interface QuantitySignal {
	service: string;
	quantity: string;
	family: Family;
	/** Sustained robust z in the bad direction (before weighting). */
	score: number;
	/** score × family weight: what the service's anomaly is made of. */
	weighted: number;
	/** The strongest series of the quantity. */
	key: string;
	metric: string;
	/** Signed z of its most extreme point. */
	peakZ: number;
	baselineMedian: number;
	incidentMedian: number;
	scale: number;
	scaleKind: 'iqr' | 'mad' | 'floor';
	/** When the strongest series first crossed the threshold (epoch ms), if it did. */
	onset?: number;
	/** Sampling step of that series in the incident window (ms): onsets closer than this are ties. */
	step: number;
	/** True when the series' data starts after the incident window does (its onset may be later than the change). */
	onsetCensored: boolean;
	/** Deviation already present before the incident window (far baselines), subtracted from score. */
	drift: number;
	/** True when the reference was the series' data outside the incident (no baseline data). */
	outsideReference: boolean;
	/** For window-level evidence: what it is, in words. */
	detail?: string;
}

/** A service as a candidate, with its evidence. */
export interface ServiceCandidate {
	rank: number;
	service: string;
	/** Sort key of the chosen method (higher ranks first): the order and the score agree. */
	score: number;
	/** The service's own anomaly: the largest weighted quantity score. */
	anomaly: number;
	/** Earliest threshold crossing among its anomalous quantities. */
	onset?: number;
	/** Its quantities, strongest first. */
	signals: QuantitySignal[];
	/** Call-graph path from the symptom's service to this one (symptom first), if there is one. */
	path?: string[];
	/** `symptom ← path ← candidate`, in words. */
	chain: string;
	/** Why it is where it is. */
	reasons: string[];
	/** Its rank under each method that ran (ensemble: the ones it combined). */
	methodRanks: Partial<Record<RcaMethod, number>>;
	/** Why it is not first (empty for the first). */
	whyNotFirst: string;
}

/** The chosen symptom. */
export interface SymptomInfo {
	key: string;
	service: string;
	family: Family;
	/** True when the ranking picked it (no --symptom given). */
	auto: boolean;
	score: number;
	onset?: number;
}

/** Output of a ranking. */
export interface RcaResult {
	method: RcaMethod;
	windows: RcaWindows;
	symptom?: SymptomInfo;
	candidates: ServiceCandidate[];
	/** Edges used, and where they came from. */
	/** Dependency edges used: the call graph plus causal edges (cause → effect, read as effect → cause). */
	graph: { edges: number; source: 'topology' | 'topology+causal' | 'none'; causalEdges: number };
	/** Things the analyst should know about this run (skipped series, far baseline, ...). */
	notes: string[];
	settings: RcaSettings;
}
