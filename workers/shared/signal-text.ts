/**
 * A ranked service's evidence in words, one rule for the ranking's reasons (workers/rca) and the
 * page's table: "latency_ms 90 → 900 (z 40)" — the baseline and incident medians and the score,
 * the sustained z (the z a tenth of the incident's points reach, rca/score.ts). On a spiky series
 * the medians can agree while a minority of points is far out; the text then says so, instead of
 * an unchanged value beside a large z.
 */
export interface SignalFacts {
	metric: string;
	baselineMedian: number;
	incidentMedian: number;
	score: number;
	/** Window-level evidence, already in words. */
	detail?: string;
}

/** 3 significant digits, whole numbers from 100 up (never exponent notation). */
export const signalNumber = (v: number): string =>
	!Number.isFinite(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);

export function signalText(q: SignalFacts): string {
	if (q.detail) return `${q.metric}: ${q.detail}`;
	const from = signalNumber(q.baselineMedian);
	const to = signalNumber(q.incidentMedian);
	const z = q.score.toFixed(1);
	return from === to
		? `${q.metric} ${from} → ${to} (median unchanged; z ${z} in its most extreme points)`
		: `${q.metric} ${from} → ${to} (z ${z})`;
}
