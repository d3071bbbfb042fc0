/** Notebooks shared by the notebook tests. */
import type { Notebook } from '$lib/notebook/model';

/** One cell of every kind: markdown, data, chart and stats (the last two fed by the data cell). */
export function sampleNotebook(): Notebook {
	return {
		format: 'aitia.notebook',
		version: 2,
		id: 'nb_test',
		title: 'Checkout latency',
		incidentId: 'inc-1',
		createdAt: '2026-03-01T10:00:00.000Z',
		updatedAt: '2026-03-02T11:00:00.000Z',
		notes: [],
		cells: [
			{ id: 'm1', kind: 'markdown', name: 'intro', inputs: {}, params: {}, source: '# Why?' },
			{
				id: 'd1',
				kind: 'data',
				name: 'golden',
				inputs: {},
				params: { series: ['edge.*'], logs: { limit: 50 }, events: true, range: 'all' }
			},
			{
				id: 'c1',
				kind: 'chart',
				name: 'golden_chart',
				inputs: { data: 'golden' },
				params: {
					title: 'Edge',
					series: [],
					normalize: true,
					showEvents: true,
					showWindows: false,
					maxPoints: 500
				}
			},
			{
				id: 's1',
				kind: 'stats',
				name: 'stats',
				inputs: { data: 'golden' },
				params: { window: 'baseline' }
			}
		]
	};
}
