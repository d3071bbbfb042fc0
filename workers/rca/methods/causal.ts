/**
 * The design paper's causal route, in the form RCD and CIRCA use it: learn a causal graph of the
 * most anomalous services with PC (Fisher-z; the call graph as background knowledge: an anomaly
 * travels from callee to caller, so a caller never causes its callee, and nothing is caused by the
 * symptom), then test each service by regression (regression-based hypothesis testing, Li et al.,
 * "Causal Inference-Based Root Cause Analysis for Online Service Systems with Intervention
 * Recognition", KDD 2022): fit it on its causal parents over the baseline, and measure how far
 * the incident departs from what its parents predict. A service whose incident values its parents
 * explain is a victim; one they do not explain is where something changed. Services with a
 * directed path to the symptom in the learned graph keep their score; others are halved.
 * Each service is represented by its strongest series; the graph covers at most 12 services.
 */
import { alignSeries } from '../../causal/align';
import { ols } from '../../causal/ols';
import { runPc, type PcResult } from '../../causal/pc';
import { DataError } from '../../causal/table';
import type { Series } from '../../bundle/types';
import { evidence } from '../signals';
import { quantileSorted } from '../score';
import type { RcaWindows } from '../types';
import type { MethodContext, MethodResult } from './context';

const MAX_NODES = 12;
const OFF_PATH = 0.5;
const MAX_BASELINE_ROWS = 2000;

/** Parents of each node: directed edges into it, and undirected ones oriented callee → caller. */
function parentsOf(pc: PcResult, services: string[], ctx: MethodContext): number[][] {
	const parents: number[][] = services.map(() => []);
	for (const e of pc.edges) {
		if (e.kind === '-->') parents[e.to].push(e.from);
		else if (e.kind === '---' && ctx.graph) {
			const [a, b] = [services[e.from], services[e.to]];
			if (ctx.graph.calleesOf(b).has(a)) parents[e.to].push(e.from);
			else if (ctx.graph.calleesOf(a).has(b)) parents[e.from].push(e.to);
		}
	}
	return parents;
}

/** k-th largest |residual z| of the incident rows given the parents fitted on the baseline rows. */
function residualScore(
	cols: Float64Array[],
	j: number,
	parents: number[],
	isBase: boolean[]
): number {
	const base = isBase.flatMap((b, r) => (b ? [r] : []));
	const inc = isBase.flatMap((b, r) => (b ? [] : [r]));
	if (inc.length === 0 || base.length < parents.length + 3) return 0;
	const y = Float64Array.from(base, (r) => cols[j][r]);
	const xs = parents.map((p) => Float64Array.from(base, (r) => cols[p][r]));
	let predict = (_r: number) => y.reduce((s, v) => s + v, 0) / y.length;
	let sigma = Math.sqrt(
		y.reduce((s, v) => s + (v - predict(0)) ** 2, 0) / Math.max(1, y.length - 1)
	);
	if (parents.length) {
		try {
			const fit = ols(y, xs, parents.map(String));
			predict = (r) =>
				fit.coef[0] + parents.reduce((s, p, k) => s + fit.coef[k + 1] * cols[p][r], 0);
			sigma = Math.sqrt(fit.sigma2);
		} catch {
			/* collinear parents: fall back to the plain baseline mean */
		}
	}
	const z = inc.map(
		(r) => Math.abs(cols[j][r] - predict(r)) / Math.max(sigma, 1e-12 + 1e-6 * Math.abs(predict(r)))
	);
	return quantileSorted(Float64Array.from(z).sort(), 0.5);
}

/** The services the graph covers (most anomalous, plus the symptom's) and their strongest series. */
function pickSeries(ctx: MethodContext): Series[] {
	const sym = ctx.symptom;
	const picked = [...ctx.services]
		.sort((a, b) => (ctx.anomaly.get(b) ?? 0) - (ctx.anomaly.get(a) ?? 0))
		.slice(0, MAX_NODES);
	if (sym && !picked.includes(sym.service)) picked[picked.length - 1] = sym.service;
	const series: Series[] = [];
	for (const s of picked) {
		const key =
			s === sym?.service
				? sym.key
				: ctx.signals.byService.get(s)?.find((q) => q.detail === undefined)?.key;
		const v = key ? ctx.series?.(key) : undefined;
		if (key && v) series.push({ key: s, service: s, metric: key, t: v.t, v: v.v });
	}
	return series;
}

/** Baseline and incident rows on one time grid; long baselines thinned to MAX_BASELINE_ROWS. */
function table(series: Series[], w: RcaWindows) {
	const aligned = alignSeries(series, { start: w.baseline.start, end: w.incident.end });
	const isBase = Array.from(aligned.t, (t) => t <= w.baseline.end);
	const every = Math.max(1, Math.ceil(isBase.filter(Boolean).length / MAX_BASELINE_ROWS));
	let seen = 0;
	const kept = Array.from(aligned.t, (t) =>
		t <= w.baseline.end ? seen++ % every === 0 : t >= w.incident.start
	);
	return {
		names: aligned.table.names,
		cols: aligned.table.columns.map((c) => Float64Array.from(c.filter((_, r) => kept[r]))),
		isBase: isBase.filter((_, r) => kept[r])
	};
}

/** Background knowledge: a caller never causes its callee; the symptom causes nothing. */
function forbiddenEdges(ctx: MethodContext, names: string[]): [string, string][] {
	const out: [string, string][] = [];
	for (const a of names)
		for (const b of names) {
			if (a === b) continue;
			if (a === ctx.symptom?.service) out.push([a, b]);
			else if (ctx.graph?.path(a, b) && !ctx.graph.path(b, a)) out.push([a, b]);
		}
	return out;
}

/** Index of the least anomalous service that is not the symptom's, or -1. */
function weakest(ctx: MethodContext, names: string[]): number {
	let best = -1;
	names.forEach((s, j) => {
		if (s === ctx.symptom?.service) return;
		if (best < 0 || (ctx.anomaly.get(s) ?? 0) < (ctx.anomaly.get(names[best]) ?? 0)) best = j;
	});
	return best;
}

/** True when node j has a directed path to `target` through the parent lists. */
function reaches(parents: number[][], j: number, target: number): boolean {
	const seen = new Set([j]);
	const stack = [j];
	while (stack.length) {
		const u = stack.pop()!;
		if (u === target) return true;
		for (let v = 0; v < parents.length; v++) {
			if (!parents[v].includes(u) || seen.has(v)) continue;
			seen.add(v);
			stack.push(v);
		}
	}
	return false;
}

export async function causalMethod(ctx: MethodContext): Promise<MethodResult> {
	const scores = new Map<string, number>(
		ctx.services.map((s) => [s, 0.1 * (ctx.anomaly.get(s) ?? 0)])
	);
	const reasons = new Map<string, string>();
	const keep = (why: string): MethodResult => ({
		scores,
		reasons,
		note: `${why}; it kept the anomaly order`
	});
	const t = table(pickSeries(ctx), ctx.windows!);
	const { isBase } = t;
	let { names, cols } = t;
	let pc: PcResult | undefined;
	const left: string[] = [];
	// Series bridged over long gaps can be collinear: drop the least anomalous one and retry.
	while (!pc) {
		if (names.length < 2 || cols[0].length <= names.length + 2)
			return keep('the causal method needs two or more services with enough aligned samples');
		try {
			const knowledge = { forbidden: forbiddenEdges(ctx, names) };
			pc = await runPc({ names, columns: cols, rows: cols[0].length }, { alpha: 0.05, knowledge });
		} catch (err) {
			if (!(err instanceof DataError)) throw err;
			const drop = weakest(ctx, names);
			if (drop < 0) return keep(`the causal method could not run PC (${err.message})`);
			left.push(names[drop]);
			names = names.filter((_, j) => j !== drop);
			cols = cols.filter((_, j) => j !== drop);
		}
	}
	const parents = parentsOf(pc, names, ctx);
	const target = ctx.symptom ? names.indexOf(ctx.symptom.service) : -1;
	names.forEach((s, j) => {
		const z = residualScore(cols, j, parents[j], isBase);
		const onPath = target < 0 || reaches(parents, j, target);
		scores.set(s, evidence(z) * (onPath ? 1 : OFF_PATH));
		const by = parents[j].length
			? `given its causal parents ${parents[j].map((p) => names[p]).join(', ')}`
			: 'with no causal parent';
		const off = onPath ? '' : '; no causal path to the symptom';
		reasons.set(
			s,
			`incident departs from what its baseline predicts ${by} by z ${z.toFixed(1)}${off}`
		);
	});
	const dropped = left.length ? `; left out as collinear: ${left.join(', ')}` : '';
	const note = `causal graph: ${pc.edges.length} edges among ${names.length} services (PC, alpha 0.05)${dropped}`;
	return { scores, reasons, note };
}
