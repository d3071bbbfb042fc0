/**
 * The demo notebook (`notebooks/demo.nb.json`) that opens the demo incident. Generated here so
 * its series patterns and incident id can never drift from the bundle.
 */
import { INCIDENT_ID } from './events';

/** Fixed so the file is byte-identical on every generation. */
const STAMP = '2026-03-20T09:00:00.000Z';

const INTRO = `# Coolant leak in rack B4: why did edge latency breach 800 ms?

Shortly before **04:30 UTC** on 14 March the pager fired: edge latency above 800 ms (SLO 1000 ms).
On-call suspected the **api v2.14.1 deploy at 03:20** and wanted to roll back.

This notebook walks the request path from the outside in, one layer at a time:

1. **Golden signals** of the edge, the API and the database. Check which series moves *first*.
   Compare the deploy marker with the moment the lines start to bend.
2. **Statistics of the incident window** next to the baseline (00:00 to 03:00 UTC).
3. **host-b4**, the machine the database runs on: temperature, clock and fans.
4. **Why**: a root-cause ranking of every series (baseline vs incident, upstream first), the
   latency forecaster and its predictive alert, the log templates that burst, past incidents of
   the library that looked alike, and a diagnosis that puts all of this evidence together
   (offline here; with an LLM when one is configured).

Try this: hide the edge and API series, then ask what db_lock_ms was reacting to.`;

const CLOSING = `## Finding

- Nothing changes at the 03:20 deploy. The first series to move is **host-b4.cpu_temp_c**, from about 03:50.
- Next the CPU throttles (**cpu_clock_ghz** 3.2 to 1.6 GHz), then **db.db_lock_ms** climbs from ~40 ms to ~2.6 s.
  After that the API's **pool_wait_ms** rises, and last of all **edge.latency_ms**. Each step lags the one before it.
- DC operations reported the coolant leak at 04:57, half an hour after the page. The host's BMC log had
  been warning about low coolant-loop pressure since 03:54.

**Root cause:** a coolant leak in rack B4 made host-b4 throttle its CPU, which slowed the database.
Rolling back the deploy would not have helped, and neither did scaling out the API.`;

const cell = (
	id: string,
	kind: string,
	name: string,
	inputs: Record<string, string>,
	params: Record<string, unknown>,
	source?: string
): Record<string, unknown> =>
	source === undefined
		? { id, kind, name, inputs, params }
		: { id, kind, name, inputs, params, source };

export function demoNotebook(): Record<string, unknown> {
	return {
		format: 'aitia.notebook',
		// Notebook format 2 (src/lib/notebook/model.ts): the demo ships with no analysts' notes.
		version: 2,
		id: 'demo-coolant-leak',
		title: 'Demo: coolant leak in rack B4',
		incidentId: INCIDENT_ID,
		createdAt: STAMP,
		updatedAt: STAMP,
		cells: demoCells(),
		notes: []
	};
}

function demoCells(): Record<string, unknown>[] {
	return [
		cell('c1', 'markdown', 'intro', {}, {}, INTRO),
		cell(
			'c2',
			'data',
			'golden',
			{},
			{
				series: ['edge.*', 'api.*', 'db.*'],
				logs: { limit: 200 },
				events: true,
				range: 'all'
			}
		),
		cell(
			'c3',
			'chart',
			'golden_chart',
			{ data: 'golden' },
			{
				title: 'Golden signals: edge, api, db',
				series: [],
				normalize: true,
				showEvents: true,
				showWindows: true,
				maxPoints: 1500
			}
		),
		cell('c4', 'stats', 'golden_stats', { data: 'golden' }, { window: 'incident' }),
		cell(
			'c5',
			'data',
			'host',
			{},
			{
				series: ['host-b4.*', 'db.db_lock_ms'],
				logs: false,
				events: true,
				range: 'all'
			}
		),
		cell(
			'c6',
			'chart',
			'host_chart',
			{ data: 'host' },
			{
				title: 'host-b4 sensors next to db lock time',
				series: [],
				normalize: true,
				showEvents: true,
				showWindows: true,
				maxPoints: 1500
			}
		),
		...analysisCells(),
		cell('c7', 'markdown', 'finding', {}, {}, CLOSING)
	];
}

/**
 * The "why" half of the demo: root-cause ranking over every series, the latency forecaster,
 * log templates and search, similar past incidents, and the diagnosis that takes all of them
 * as evidence.
 */
function analysisCells(): Record<string, unknown>[] {
	const everything = { series: ['*'], logs: { limit: 200 }, events: true, range: 'all' };
	return [
		cell('c8', 'data', 'all_series', {}, everything),
		cell(
			'c9',
			'root-cause',
			'ranking',
			{ data: 'all_series' },
			{ symptom: 'edge.latency_ms', threshold: 3, topology: '', limit: 10 }
		),
		cell('c10', 'data', 'edge', {}, { ...everything, series: ['edge.latency_ms'], logs: false }),
		cell(
			'c11',
			'forecast',
			'latency_forecast',
			{ data: 'edge' },
			{
				series: 'edge.latency_ms',
				window: 50,
				horizonMinutes: 30,
				slo: 1000,
				confidence: 0.9,
				replay: true
			}
		),
		cell(
			'c15',
			'anomalies',
			'latency_anomalies',
			{ data: 'edge' },
			{ series: ['edge.latency_ms'], detector: 'threshold', threshold: 800, minDurationMinutes: 2 }
		),
		cell(
			'c16',
			'chart',
			'latency_chart',
			{ data: 'edge', anomalies: 'latency_anomalies', forecast: 'latency_forecast' },
			{
				title: 'Edge latency: anomalies, SLO and the forecaster',
				series: [],
				normalize: false,
				showEvents: true,
				showWindows: true,
				maxPoints: 1500
			}
		),
		cell(
			'c17',
			'windows',
			'golden_windows',
			{ data: 'golden' },
			{ series: ['edge.*', 'api.*'], windowMinutes: 5 }
		),
		cell('c12', 'templates', 'log_templates', {}, { embedder: 'auto', sort: 'burst', limit: 15 }),
		cell(
			'c13',
			'log-search',
			'log_search',
			{},
			{ query: 'socket timeout', k: 10, linesPer: 3, embedder: 'auto' }
		),
		cell(
			'c18',
			'similar-incidents',
			'similar_incidents',
			{},
			{ k: 5, minBurst: 3, embedder: 'auto' }
		),
		cell(
			'c14',
			'diagnosis',
			'diagnosis',
			{
				data: 'all_series',
				stats: 'golden_stats',
				candidates: 'ranking',
				anomalies: 'latency_anomalies',
				forecast: 'latency_forecast',
				templates: 'log_templates',
				similar: 'similar_incidents'
			},
			{ send: 'ask', maxTokens: 3000, redactPatterns: [], noDefaultRedaction: false }
		)
	];
}

/** The file's exact bytes: pretty JSON, 2-space indent, trailing newline. */
export const demoNotebookText = (): string => JSON.stringify(demoNotebook(), null, 2) + '\n';
