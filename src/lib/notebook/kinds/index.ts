/** The cell kinds this build knows. Adding a kind = one module under kinds/ + one line here. */
import { anomaliesKind } from './anomalies';
import { causalGraphKind } from './causal-graph';
import { chartKind } from './chart';
import { dataKind } from './data';
import { diagnosisKind } from './diagnosis';
import { effectKind } from './effect';
import { forecastKind } from './forecast';
import { knownWhenKind } from './known-when';
import type { AnyCellKind, KindRegistry } from './kind';
import { logSearchKind } from './log-search';
import { markdownKind } from './markdown';
import { rcaScorecardKind } from './rca-scorecard';
import { rootCauseKind } from './root-cause';
import { similarIncidentsKind } from './similar-incidents';
import { statsKind } from './stats';
import { templatesKind } from './templates';
import { windowsKind } from './windows';

const ALL: AnyCellKind[] = [
	markdownKind,
	dataKind,
	chartKind,
	statsKind,
	diagnosisKind,
	causalGraphKind,
	effectKind,
	rootCauseKind,
	knownWhenKind,
	rcaScorecardKind,
	forecastKind,
	windowsKind,
	anomaliesKind,
	templatesKind,
	logSearchKind,
	similarIncidentsKind
];

export const KINDS: KindRegistry = Object.freeze(Object.fromEntries(ALL.map((k) => [k.kind, k])));

export type { AnyCellKind, KindRegistry } from './kind';
