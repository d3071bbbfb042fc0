/**
 * The ranking evidence that logs and traces add to the metric series, computed once for a pair of
 * windows: per-service series derived from spans (traces/derive.ts) and from log lines
 * (logs/signals.ts), vanished log templates and broken request flows (traces/flows.ts) as window-level
 * evidence, and the call graph the spans
 * reveal. The CLI, `rca-eval` and the data worker all call this, so every path ranks the same way.
 */
import type { LogTable, Series, SpanTable } from '../bundle/types';
import { logSignals } from '../logs/signals';
import { deriveFromSpans } from '../traces/derive';
import { FLOW_DEFAULTS, flowBreaks, type FlowBreak, type FlowSettings } from '../traces/flows';
import { FLOW_QUANTITY } from './methods/flows';
import type { ServiceEdge, Window, WindowEvidence } from './types';

/** What logs and spans contribute to one ranking. */
export interface RcaExtras {
	series: Series[];
	evidence: WindowEvidence[];
	/** Caller → callee edges seen in the spans (used when the bundle has no topology.json). */
	edges: ServiceEdge[];
	/** Counts for the output's notes. */
	counts: { traceSeries: number; logSeries: number; vanished: number; flowBreaks: number };
}

export const NO_EXTRAS: RcaExtras = {
	series: [],
	evidence: [],
	edges: [],
	counts: { traceSeries: 0, logSeries: 0, vanished: 0, flowBreaks: 0 }
};

export function rcaExtras(
	logs: LogTable | undefined,
	spans: SpanTable | undefined,
	windows: { baseline: Window; incident: Window },
	flow: Partial<FlowSettings> = {}
): RcaExtras {
	const series: Series[] = [];
	const evidence: WindowEvidence[] = [];
	let edges: ServiceEdge[] = [];
	let traceSeries = 0;
	let logSeries = 0;
	if (spans && spans.length > 0) {
		const d = deriveFromSpans(spans);
		series.push(...d.series);
		traceSeries = d.series.length;
		edges = d.edges.map(({ from, to }) => ({ from, to }));
	}
	if (logs && logs.length > 0) {
		const l = logSignals(logs, windows.baseline, windows.incident);
		series.push(...l.series);
		logSeries = l.series.length;
		for (const v of l.vanished)
			evidence.push({
				service: v.service,
				metric: 'log_vanished_template',
				quantity: 'log_vanished',
				family: 'errors',
				z: v.z,
				expected: v.expected,
				observed: v.observed,
				detail: `"${v.template}" expected ~${v.expected.toFixed(0)} times, seen ${v.observed}`
			});
	}
	const vanished = evidence.length;
	if (spans && spans.length > 0)
		for (const f of flowBreaks(spans, logs, windows.baseline, windows.incident, {
			...FLOW_DEFAULTS,
			...flow
		}))
			evidence.push({
				service: f.service,
				metric: 'trace_flow_break',
				quantity: FLOW_QUANTITY,
				family: 'errors',
				z: f.z,
				expected: f.expected,
				observed: f.observed,
				detail: flowDetail(f)
			});
	const flows = evidence.length - vanished;
	return {
		series,
		evidence,
		edges,
		counts: { traceSeries, logSeries, vanished, flowBreaks: flows }
	};
}

/** 'in "GET /x ← api GET /y", it always logs … (6 of 6 spans before), 0 of 9 spans now (p ≈ 1e-7, 12 tested)'. */
function flowDetail(f: FlowBreak): string {
	const p = `p ≈ 1e${Math.round(f.log10p)}, ${f.tests} step${f.tests === 1 ? '' : 's'} tested`;
	const now = `${f.observed} of ${f.spans} spans now`;
	const step = f.step.length > 160 ? `${f.step.slice(0, 159)}…` : f.step;
	return f.kind === 'broken-invariant'
		? `in "${f.context}", it always ${step} (${f.refObserved} of ${f.refSpans} spans before), ${now} (${p})`
		: `in "${f.context}", it now ${step} in ${now}, never before in ${f.refSpans} spans (${p})`;
}
