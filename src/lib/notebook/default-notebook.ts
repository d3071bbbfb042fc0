/**
 * The investigation notebook every imported incident opens with, chosen from what the bundle
 * holds. Pure: IncidentInfo in, document out. Every choice that decides an answer is a visible
 * parameter on its cell; the root-cause symptom is left empty so the ranking picks the most
 * anomalous user-facing signal itself and shows which one it took.
 */
import type { IncidentInfo } from '$workers/data/api';
import { defaultSlo } from '$workers/shared/classify';
import { formatTime } from '$lib/format';
import { freeName, newId } from './ids';
import type { KindRegistry } from './kinds/kind';
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type Cell, type Notebook } from './model';
import { entryServices, metricClass, userFacingSeries } from './support/suggest';

/** Golden signals: what the notebook charts first. */
const GOLDEN = new Set(['latency', 'errors', 'traffic', 'saturation']);
/** More series than this in one chart is a hairball; the data cell still lists them all. */
const MAX_GOLDEN = 24;

type Draft = Omit<Cell, 'id' | 'name'> & { name: string };

function intro(info: IncidentInfo, symptomHint: string | undefined): string {
	const m = info.manifest;
	const range = `${formatTime(m.timeRange.start, m.timezone)} – ${formatTime(m.timeRange.end, m.timezone)}`;
	return [
		`# ${m.title}`,
		'',
		m.description ?? '',
		'',
		`Services: ${m.services.join(', ') || '–'} · ${range}`,
		'',
		'Built from what the bundle holds. The root-cause cell picks its symptom itself (the most',
		'anomalous user-facing signal) and shows it; set **Symptom series** on it to choose another.',
		'The effect cell measures how much the top candidate moves that symptom.',
		symptomHint ? `Forecast and anomalies watch \`${symptomHint}\`.` : ''
	]
		.join('\n')
		.replace(/\n{3,}/g, '\n\n');
}

/** The golden-signal keys (capped), and whether their kinds of value differ (then normalise). */
function golden(keys: string[]): { keys: string[]; mixed: boolean } {
	const picked = keys.filter((k) => GOLDEN.has(metricClass(k).family)).slice(0, MAX_GOLDEN);
	const chosen = picked.length ? picked : keys.slice(0, MAX_GOLDEN);
	return { keys: chosen, mixed: new Set(chosen.map((k) => metricClass(k).kind)).size > 1 };
}

function drafts(info: IncidentInfo): Draft[] {
	const keys = info.seriesKeys;
	const g = golden(keys);
	const symptom = userFacingSeries(keys, entryServices(info.topology));
	const logs = info.counts.logLines > 0;
	const cells: Draft[] = [
		{ kind: 'markdown', name: 'intro', inputs: {}, params: {}, source: intro(info, symptom) }
	];
	const add = (kind: string, name: string, inputs: Record<string, string>, params = {}) =>
		cells.push({ kind, name, inputs, params });
	if (keys.length) {
		add('data', 'golden', {}, { series: g.keys, logs: false, events: true, range: 'all' });
		add(
			'chart',
			'golden_chart',
			{ data: 'golden' },
			{ normalize: g.mixed, title: 'Golden signals' }
		);
		add('stats', 'golden_stats', { data: 'golden' }, { window: 'incident' });
		const sample = logs ? { limit: 200 } : false;
		add('data', 'all_series', {}, { series: ['*'], logs: sample, events: true, range: 'all' });
		add('root-cause', 'ranking', { data: 'all_series' }, { symptom: '', topology: '' });
	}
	if (symptom) {
		add('data', 'symptom', {}, { series: [symptom], logs: false, events: true, range: 'all' });
		// The detector the NAB evaluation measures and `aitia anomalies` defaults to.
		add('anomalies', 'anomalies', { data: 'symptom' }, { series: [symptom], detector: 'auto' });
		add('forecast', 'forecast', { data: 'symptom' }, { series: symptom, slo: defaultSlo(symptom) });
		add('chart', 'symptom_chart', {
			data: 'symptom',
			anomalies: 'anomalies',
			forecast: 'forecast'
		});
	}
	if (logs) add('templates', 'log_templates', {});
	// Past incidents of the library that looked like this one: the diagnosis's "similar past
	// incidents" context (the paper's retrieval step). With no other incident it says so.
	if (keys.length || logs) add('similar-incidents', 'similar', {});
	if (g.keys.length > 1) {
		add('causal-graph', 'pc_graph', { data: 'golden' }, { reduce: true });
		// Treatment and outcome left empty: the cell takes the top ranked candidate and the
		// ranking's symptom when it runs (falling back to names), and says which it took.
		add('effect', 'effect', { data: 'golden', graph: 'pc_graph', candidates: 'ranking' }, {});
	}
	return cells;
}

/** The diagnosis reads whatever the notebook above produced. */
function diagnosis(cells: Draft[]): Draft {
	const has = (n: string) => cells.some((c) => c.name === n);
	const inputs: Record<string, string> = {};
	if (has('all_series')) inputs.data = 'all_series';
	if (has('golden_stats')) inputs.stats = 'golden_stats';
	if (has('ranking')) inputs.candidates = 'ranking';
	if (has('anomalies')) inputs.anomalies = 'anomalies';
	if (has('forecast')) inputs.forecast = 'forecast';
	if (has('log_templates')) inputs.templates = 'log_templates';
	if (has('similar')) inputs.similar = 'similar';
	return { kind: 'diagnosis', name: 'diagnosis', inputs, params: {} };
}

/**
 * The default investigation notebook for an incident (`now`: creation time, ISO 8601). Params
 * are completed by each kind's schema, so the defaults are written out and visible too.
 */
export function defaultNotebook(info: IncidentInfo, now: string, kinds: KindRegistry): Notebook {
	const list = drafts(info);
	if (list.some((c) => c.name === 'all_series')) list.push(diagnosis(list));
	const ids = new Set<string>();
	const names = new Set<string>();
	const cells = list.map((d): Cell => {
		const id = newId(ids);
		const name = freeName(d.name, names);
		ids.add(id);
		names.add(name);
		const params = (kinds[d.kind]?.schema.parse(d.params) ?? d.params) as Cell['params'];
		return { ...d, id, name, params };
	});
	return {
		format: NOTEBOOK_FORMAT,
		version: NOTEBOOK_VERSION,
		id: `nb-${info.manifest.id}-${newId()}`.slice(0, 64),
		title: `Investigation: ${info.manifest.title}`,
		incidentId: info.manifest.id,
		cells,
		notes: [],
		createdAt: now,
		updatedAt: now
	};
}
