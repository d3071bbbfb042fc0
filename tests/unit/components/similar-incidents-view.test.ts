// The similar-incidents table says when nothing in the library matches, instead of ranking
// strangers at score 0 without a word.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SimilarIncidentsView from '$lib/components/output/logs/SimilarIncidentsView.svelte';
import type { SimilarIncidentsOutput } from '$lib/notebook/outputs';

const match = (score: number) => ({
	incidentId: 'coolant-leak-b4',
	title: 'Coolant leak',
	score,
	parts: { templates: score, metrics: 0, events: 0 },
	sharedTemplates: [],
	sharedSymptoms: [],
	sharedEvents: [],
	reason: score ? 'shared templates' : 'nothing specific in common'
});
const output = (score: number): SimilarIncidentsOutput => ({
	type: 'similar-incidents',
	incidentId: 'x',
	embedder: { name: 'lexical-hash-v1', reason: 'test' },
	signature: { burstingTemplates: [], anomalousMetrics: [], events: [] },
	compared: 1,
	matches: [match(score)]
});

describe('SimilarIncidentsView', () => {
	it('says none is alike when every score is 0, and keeps the table', () => {
		const { body } = render(SimilarIncidentsView, { props: { output: output(0) } });
		expect(body).toContain('data-testid="none-alike"');
		expect(body).toMatch(/The one incident in the library shares no template, symptom or event/);
		expect(body).toContain('data-testid="similar-incident"');
		const three = render(SimilarIncidentsView, {
			props: { output: { ...output(0), compared: 3 } }
		});
		expect(three.body).toMatch(/None of the 3 incidents in the library shares a template/);
	});

	it('says nothing of the kind when one matches', () => {
		const { body } = render(SimilarIncidentsView, { props: { output: output(0.4) } });
		expect(body).not.toContain('none-alike');
	});
});
