import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ParamsForm from '$lib/components/cell/ParamsForm.svelte';
import { anomaliesKind } from '$lib/notebook/kinds/anomalies';

describe('ParamsForm', () => {
	it("shows the schema's default as the placeholder of a field the document leaves out", () => {
		const params = { series: ['edge.latency_ms'], detector: 'auto', threshold: 900 };
		const { body } = render(ParamsForm, {
			props: { kind: anomaliesKind, params, cellId: 'c1', onchange: () => {} }
		});
		const input = (key: string) => new RegExp(`<input[^>]*id="c1-${key}"[^>]*>`).exec(body)?.[0];
		// |z| is not in the document: the cell runs with 3.5, and the empty field says so.
		expect(input('z')).toMatch(/placeholder="3.5"/);
		// A value the document holds is the field's value, with no placeholder.
		expect(input('threshold')).toMatch(/value="900"/);
		expect(input('threshold')).not.toMatch(/placeholder=/);
	});
});
