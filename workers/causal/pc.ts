/**
 * PC (stable) with the Fisher-z test, reproducing causal-learn's `pc()`: skeleton, knowledge,
 * unshielded colliders by uc_rule / uc_priority, then Meek. Returns the CPDAG in causal-learn's
 * matrix encoding plus the evidence ledger of every pair.
 */
import type { CancelSignal } from '../shared/cancel';
import { definiteMaxP, maxPRule, ucSepset, type ColliderResult } from './colliders';
import { FisherZ } from './fisherz';
import type { EndpointGraph } from './graph';
import { resolveKnowledge, type Knowledge, type ResolvedKnowledge } from './knowledge';
import { definiteMeek, meek } from './meek';
import { skeletonDiscovery, type PairEvidence } from './skeleton';
import { checkTable, type NumericTable } from './table';
import type { Progress } from '../shared/progress';

/** PC parameters (causal-learn names in brackets). */
export interface PcOptions {
	/** Significance level [alpha], default 0.05. */
	alpha?: number;
	/** Maximum conditioning-set size; -1 = unlimited (causal-learn's behaviour). */
	depth?: number;
	/** 0 uc_sepset, 1 maxP, 2 definiteMaxP [uc_rule], default 0. */
	ucRule?: 0 | 1 | 2;
	/** -1 = the rule's own default (3, 3, 4); 0..4 as in causal-learn [uc_priority], default 2. */
	ucPriority?: -1 | 0 | 1 | 2 | 3 | 4;
	/** Background knowledge, applied strictly. */
	knowledge?: Knowledge;
}

/** One edge of the result, with its evidence. */
export interface PcEdge {
	from: number;
	to: number;
	/** '-->' from → to, '---' undirected, '<->' bidirected. */
	kind: '-->' | '---' | '<->';
	/** Largest p-value of any test of this pair (kept edges: all were ≤ alpha). */
	maxP: number;
	/** The conditioning set that gave maxP (variable indices). */
	maxPSet: number[];
	/** True when background knowledge fixed this edge's direction. */
	byKnowledge: boolean;
}

/** Ledger entry for a pair the search removed. */
export interface RemovedPair {
	a: number;
	b: number;
	/** The conditioning set with the largest p-value, and that p-value (> alpha). */
	sepset: number[];
	p: number;
	depth: number;
	byKnowledge: boolean;
}

/** A PC run's result. */
export interface PcResult {
	names: string[];
	/** causal-learn endpoint matrix: m[i][j] = mark at i (-1 tail, 1 arrow, 0 none). */
	matrix: number[][];
	edges: PcEdge[];
	removed: RemovedPair[];
	/** CI tests computed (cache misses). */
	tests: number;
	options: Required<Omit<PcOptions, 'knowledge'>> & { knowledge?: Knowledge };
	/** What the run assumed and did, in words (shown with the graph). */
	assumptions: string[];
}

const DEFAULT_PRIORITY = { 0: 3, 1: 3, 2: 4 } as const;

function orientColliders(
	skel: EndpointGraph,
	sepset: (number[][] | undefined)[],
	test: FisherZ['test'],
	opts: Required<Omit<PcOptions, 'knowledge'>>,
	bk: ResolvedKnowledge | undefined
): EndpointGraph {
	const priority = opts.ucPriority === -1 ? DEFAULT_PRIORITY[opts.ucRule] : opts.ucPriority;
	let res: ColliderResult;
	if (opts.ucRule === 0) res = ucSepset(skel, sepset, test, priority, bk);
	else if (opts.ucRule === 1) res = maxPRule(skel, test, priority, bk);
	else {
		res = definiteMaxP(skel, test, opts.alpha, priority, bk);
		return meek(definiteMeek(res.graph, res.definiteUC, res.definiteNonUC, bk), bk);
	}
	return meek(res.graph, bk);
}

/** Orients required edges and checks that no forbidden direction survived. */
function applyKnowledge(g: EndpointGraph, bk: ResolvedKnowledge): void {
	for (const [a, b] of bk.required) g.orient(a, b);
	for (let i = 0; i < g.p; i++) {
		for (let j = 0; j < g.p; j++) {
			if (i === j || !g.adjacent(i, j)) continue;
			// causal-learn's orient_by_background_knowledge: forbidden i --> j means j --> i.
			if (bk.isForbidden(i, j) && !bk.isForbidden(j, i) && g.isUndirected(i, j)) g.orient(j, i);
		}
	}
}

function edgesOf(g: EndpointGraph, evidence: PairEvidence[], bk?: ResolvedKnowledge): PcEdge[] {
	const p = g.p;
	const out: PcEdge[] = [];
	for (let i = 0; i < p; i++) {
		for (let j = i + 1; j < p; j++) {
			if (!g.adjacent(i, j)) continue;
			const ev = evidence[i * p + j];
			const byKnowledge =
				!!bk &&
				(bk.isRequired(i, j) ||
					bk.isRequired(j, i) ||
					bk.isForbidden(i, j) ||
					bk.isForbidden(j, i));
			const base = { maxP: ev.maxP, maxPSet: ev.maxPSet, byKnowledge };
			if (g.isDirected(i, j)) out.push({ from: i, to: j, kind: '-->', ...base });
			else if (g.isDirected(j, i)) out.push({ from: j, to: i, kind: '-->', ...base });
			else if (g.isUndirected(i, j)) out.push({ from: i, to: j, kind: '---', ...base });
			else out.push({ from: i, to: j, kind: '<->', ...base });
		}
	}
	return out;
}

function removedOf(g: EndpointGraph, evidence: PairEvidence[]): RemovedPair[] {
	const p = g.p;
	const out: RemovedPair[] = [];
	for (let a = 0; a < p; a++) {
		for (let b = a + 1; b < p; b++) {
			if (g.adjacent(a, b)) continue;
			const ev = evidence[a * p + b];
			const byKnowledge = !!ev.byKnowledge;
			out.push({ a, b, sepset: ev.maxPSet, p: ev.maxP, depth: ev.removedAtDepth, byKnowledge });
		}
	}
	return out;
}

/** Runs PC on a table. Throws DataError on unusable input. */
export async function runPc(
	table: NumericTable,
	options: PcOptions = {},
	signal?: CancelSignal,
	onProgress?: Progress
): Promise<PcResult> {
	checkTable(table);
	return runPcOn(table.names, new FisherZ(table), options, signal, onProgress);
}

/** PC from a correlation matrix and sample size (Fisher-z needs nothing else). */
export function runPcOnCorrelation(
	names: string[],
	corr: Float64Array[],
	n: number,
	options: PcOptions = {},
	signal?: CancelSignal
): Promise<PcResult> {
	return runPcOn(names, new FisherZ({ corr, n }), options, signal);
}

async function runPcOn(
	names: string[],
	fz: FisherZ,
	options: PcOptions,
	signal?: CancelSignal,
	onProgress?: Progress
): Promise<PcResult> {
	const opts = {
		alpha: options.alpha ?? 0.05,
		depth: options.depth ?? -1,
		ucRule: options.ucRule ?? 0,
		ucPriority: options.ucPriority ?? 2
	};
	if (!(opts.alpha > 0 && opts.alpha < 1)) throw new RangeError('alpha must be in (0, 1)');
	if (opts.ucRule === 2 && ![-1, 2, 3, 4].includes(opts.ucPriority)) {
		throw new RangeError('uc_rule 2 (definiteMaxP) supports uc_priority -1, 2, 3 or 4');
	}
	fz.checkCollinearity(names);
	const bk = resolveKnowledge(names, options.knowledge);
	const skel = await skeletonDiscovery(names.length, fz.test, {
		alpha: opts.alpha,
		depth: opts.depth,
		knowledge: bk,
		signal,
		onProgress
	});
	const base = skel.graph.clone();
	if (bk) applyKnowledge(base, bk);
	const g = orientColliders(base, skel.sepset, fz.test, opts, bk);
	if (bk) applyKnowledge(g, bk);
	return {
		names,
		matrix: g.toRows(),
		edges: edgesOf(g, skel.evidence, bk),
		removed: removedOf(g, skel.evidence),
		tests: fz.computed,
		options: { ...opts, knowledge: options.knowledge },
		assumptions: assumptionsOf(fz.n, opts, !!bk)
	};
}

function assumptionsOf(
	rows: number,
	opts: { alpha: number; depth: number; ucRule: number; ucPriority: number },
	hasKnowledge: boolean
): string[] {
	const rule = ['uc_sepset', 'maxP', 'definiteMaxP'][opts.ucRule];
	return [
		`Linear-Gaussian relations: Fisher-z partial-correlation tests on ${rows} rows.`,
		'Causal sufficiency: no unmeasured common cause of two measured variables.',
		'Faithfulness: every independence in the data comes from the graph, not from cancelling effects.',
		`An edge is removed when some test has p > ${opts.alpha} (PC-stable, conditioning sets up to ${opts.depth < 0 ? 'any size' : opts.depth}).`,
		`Colliders by ${rule}, priority ${opts.ucPriority}; then Meek rules 1-3.`,
		hasKnowledge
			? 'Background knowledge is applied strictly: required edges are kept and oriented, forbidden directions never appear.'
			: 'No background knowledge given.'
	];
}
