/**
 * The scorecard of a batch of labelled incidents: AC@k (share of incidents whose true root-cause
 * service is in the top k) and Avg@5 (mean of AC@1..AC@5, as RCAEval reports it), overall, per
 * dataset and per fault type. Pure, shared by `aitia rca-eval`, `npm run eval -- rca` and the
 * scorecard cell.
 */

/** One ranked, labelled incident. */
export interface CaseOutcome {
	dataset: string;
	id: string;
	/** Fault type from ground_truth.json, if any. */
	fault?: string;
	/** True root-cause service. */
	truth: string;
	/** Services best first. */
	ranked: string[];
	/** Time to rank it (ms), including reading the bundle. */
	ms: number;
	/** Set when the case could not be ranked (counted as a miss). */
	error?: string;
}

export interface Score {
	n: number;
	/** k → AC@k. */
	ac: Record<number, number>;
	avg5: number;
	/** Median time per case, ms. */
	medianMs: number;
}

export interface Scorecard {
	ks: number[];
	overall: Score;
	byDataset: Record<string, Score>;
	/** Keyed `${dataset} / ${fault}`. */
	byFault: Record<string, Score>;
}

/** 1-based rank of the truth, Infinity when absent (names compared case-insensitively). */
export function truthRank(c: CaseOutcome): number {
	const t = c.truth.toLowerCase();
	const i = c.ranked.findIndex((s) => s.toLowerCase() === t);
	return c.error || i < 0 ? Infinity : i + 1;
}

function score(cases: CaseOutcome[], ks: number[]): Score {
	const ranks = cases.map(truthRank);
	const at = (k: number) => (cases.length ? ranks.filter((r) => r <= k).length / cases.length : 0);
	const ms = cases.map((c) => c.ms).sort((a, b) => a - b);
	return {
		n: cases.length,
		ac: Object.fromEntries(ks.map((k) => [k, at(k)])),
		avg5: [1, 2, 3, 4, 5].reduce((s, k) => s + at(k), 0) / 5,
		medianMs: ms.length ? ms[Math.floor(ms.length / 2)] : 0
	};
}

function groupBy(
	cases: CaseOutcome[],
	key: (c: CaseOutcome) => string
): Map<string, CaseOutcome[]> {
	const out = new Map<string, CaseOutcome[]>();
	for (const c of cases) (out.get(key(c)) ?? out.set(key(c), []).get(key(c))!).push(c);
	return out;
}

export function scorecard(cases: CaseOutcome[], ks: number[] = [1, 3, 5]): Scorecard {
	const pack = (m: Map<string, CaseOutcome[]>) =>
		Object.fromEntries(
			[...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, score(v, ks)])
		);
	return {
		ks,
		overall: score(cases, ks),
		byDataset: pack(groupBy(cases, (c) => c.dataset)),
		byFault: pack(groupBy(cases, (c) => `${c.dataset} / ${c.fault ?? 'unlabelled'}`))
	};
}

/** The scorecard as a fixed-width text table. */
export function scorecardTable(s: Scorecard): string {
	const head = ['', 'n', ...s.ks.map((k) => `AC@${k}`), 'Avg@5', 'ms/case'];
	const row = (name: string, x: Score) => [
		name,
		String(x.n),
		...s.ks.map((k) => x.ac[k].toFixed(2)),
		x.avg5.toFixed(2),
		x.medianMs.toFixed(0)
	];
	const rows = [
		head,
		...Object.entries(s.byDataset).map(([k, v]) => row(k, v)),
		...Object.entries(s.byFault).map(([k, v]) => row(`  ${k}`, v)),
		row('overall', s.overall)
	];
	const widths = head.map((_, j) => Math.max(...rows.map((r) => r[j].length)));
	return rows
		.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '))
		.join('\n');
}
