import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import AnomaliesView from '$lib/components/output/metrics/AnomaliesView.svelte';
import type { AnomaliesOutput } from '$lib/notebook/outputs';

/** The view's text as a reader sees it: tags dropped, whitespace runs collapsed. */
const text = (html: string) =>
	html
		.replace(/<!--[^]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.replace(/ ([.,;)])/g, '$1')
		.trim();

describe('AnomaliesView', () => {
	it('says which detector, thresholds and baseline, with spaces between them', () => {
		const output = {
			detector: 'threshold',
			series: [{ key: 'edge.latency_ms', unit: 'ms' }],
			thresholds: { 'edge.latency_ms': 800 },
			baseline: { start: Date.UTC(2026, 2, 14, 0), end: Date.UTC(2026, 2, 14, 3) },
			anomalies: []
		} as unknown as AnomaliesOutput;
		const { body } = render(AnomaliesView, { props: { output } });
		expect(text(body)).toContain(
			'Detector threshold on 1 series (thresholds edge.latency_ms > 800 ms); normal = baseline ' +
				'2026-03-14 00:00:00 UTC – 2026-03-14 03:00:00 UTC.'
		);
	});

	it('adds an alert column when the detector knew later than the start', () => {
		const start = Date.UTC(2026, 2, 14, 4);
		const anomaly = { key: 'edge.latency_ms', detector: 'auto', start, end: start + 600_000 };
		const output = {
			detector: 'auto',
			series: [{ key: 'edge.latency_ms', unit: 'ms' }],
			thresholds: {},
			anomalies: [
				{ ...anomaly, peakT: start, peak: 900, score: 8, alertT: start + 300_000, learning: true },
				{
					...anomaly,
					start: start + 3_600_000,
					peakT: start,
					peak: 950,
					score: 9,
					alertT: start + 3_600_000
				},
				// One sample: no stretch to measure, and "0 ms" read as an error.
				{
					...anomaly,
					start: start + 7_200_000,
					end: start + 7_200_000,
					peakT: start,
					peak: 1e3,
					score: 5
				}
			]
		} as unknown as AnomaliesOutput;
		const seen = text(render(AnomaliesView, { props: { output } }).body);
		expect(seen).toContain('peak score alert');
		expect(seen).toContain('8.00 +5 min · learning');
		expect(seen).toContain('9.00 at start');
		expect(seen).toMatch(/04:00:00 UTC 10 min .* 06:00:00 UTC one sample /);
	});
});
