// The proposed-manifest form says when nothing could be proposed for onset and baseline, so a
// blank field does not read as "accepted" (the ranking then fails for want of a baseline).
import { render } from 'svelte/server';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import ProposedManifest from '$lib/components/library/ProposedManifest.svelte';
import type { ManifestDraft } from '$lib/import/files';

const draft: ManifestDraft = {
	id: 'taxi',
	title: 'taxi (Grafana or other time-series CSV)',
	services: 'taxi',
	start: '2024-01-01T00:00:00.000Z',
	end: '2024-03-07T15:00:00.000Z',
	baselineStart: '',
	baselineEnd: '',
	onset: ''
};
const intro = createRawSnippet(() => ({ render: () => '<span>taxi.csv has no manifest.</span>' }));
const props = (d: ManifestDraft) => ({ draft: d, onImport: () => {}, onCancel: () => {}, intro });

describe('ProposedManifest', () => {
	it('says that no onset or baseline could be proposed', () => {
		const { body } = render(ProposedManifest, { props: props(draft) });
		expect(body).toContain('data-testid="proposal-no-onset"');
		expect(body).toContain('No clear anomaly was found');
	});

	it('says nothing of the kind when an onset was proposed', () => {
		const withOnset = { ...draft, onset: '2024-01-23T20:00:00.000Z' };
		const { body } = render(ProposedManifest, { props: props(withOnset) });
		expect(body).not.toContain('proposal-no-onset');
	});
});
