/**
 * A ranking request from a parsed bundle (CLI, rca-eval, tests): metric series plus what traces
 * and logs add (extras.ts), the call graph from topology.json or else from the spans, and the
 * windows from the manifest and the run's overrides.
 */
import type { Bundle } from '../bundle/types';
import type { FlowSettings } from '../traces/flows';
import { rcaExtras } from './extras';
import { DEFAULT_SETTINGS } from './settings';
import type { RankRequest, RcaMethod } from './types';
import { resolveWindows, type WindowOverrides } from './windows';
import { proposeWindows } from '../bundle/sources/propose';

export interface BundleRankOptions {
	method?: RcaMethod;
	symptom?: string;
	windows?: WindowOverrides;
	settings?: RankRequest['settings'];
	/** Use log lines and spans as evidence (default true). */
	useLogs?: boolean;
	useTraces?: boolean;
	/** Broken-flow test settings (traces/flows.ts); the evaluation varies them. */
	flow?: Partial<FlowSettings>;
}

export interface BundleRank {
	request: RankRequest;
	/** Where the call graph came from. */
	graphSource: 'topology.json' | 'spans' | 'none';
	derived: { traceSeries: number; logSeries: number };
}

export function rankRequestFromBundle(b: Bundle, o: BundleRankOptions = {}): BundleRank {
	const m = b.manifest;
	const lead = o.settings?.leadFraction ?? DEFAULT_SETTINGS.leadFraction;
	const { timeRange, onset, baseline, incident } = m;
	// The same proposal a stored incident gets (incident-info.ts) when the manifest names no time.
	const proposed =
		onset === undefined && !baseline ? proposeWindows(b.series, timeRange.start) : undefined;
	const windows = resolveWindows(
		{ timeRange, onset, baseline, incident, proposed },
		o.windows,
		lead
	);
	const extras = rcaExtras(
		o.useLogs === false ? undefined : b.logs,
		o.useTraces === false ? undefined : b.traces,
		windows,
		o.flow
	);
	const topology = b.topology.length ? b.topology : extras.edges;
	const graphSource = b.topology.length ? 'topology.json' : extras.edges.length ? 'spans' : 'none';
	return {
		request: {
			series: [...b.series, ...extras.series],
			windows,
			topology,
			evidence: extras.evidence,
			symptom: o.symptom,
			method: o.method,
			settings: o.settings
		},
		graphSource,
		derived: { traceSeries: extras.counts.traceSeries, logSeries: extras.counts.logSeries }
	};
}
