// The forecast cell says which points it fitted when the anomaly detector chose them, and shades
// that anomaly on its chart; a forecast of the last points (or one saved before the basis
// existed) says nothing of the kind.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ForecastView from '$lib/components/output/ForecastView.svelte';
import { firstAlert, forecast } from '../../../workers/metrics/forecast';
import type { ForecastOutput } from '$lib/notebook/outputs';

const T0 = Date.UTC(2026, 2, 14, 3, 0);
// 60 calm minutes, then 20 minutes climbing 20 ms a minute.
const t = Float64Array.from({ length: 80 }, (_, i) => T0 + i * 60_000);
const v = Float64Array.from(t, (_, i) => (i < 60 ? 100 + (i % 3) : 100 + 20 * (i - 59)));
const output = (regime: boolean): ForecastOutput => ({
	type: 'forecast',
	series: { key: 'edge.latency_ms', service: 'edge', metric: 'latency_ms', t, v },
	forecast: forecast('edge.latency_ms', t, v, { regime, slo: 1000 }),
	horizonMs: 30 * 60_000
});

describe('ForecastView', () => {
	it('names the anomaly the fit started at and shades it', () => {
		const { body } = render(ForecastView, { props: { output: output(true) } });
		expect(body).toContain('data-testid="forecast-basis"');
		expect(body).toMatch(
			/Fitted on the \d+ points since the anomaly that began at 2026-03-14 04:0\d/
		);
		expect(body).toContain('data-testid="forecast-anomaly"');
		// Axes: times on the x axis (the series runs 03:00–04:19, the view to 04:49), values on y.
		expect(body).toContain('data-testid="forecast-axes"');
		expect(body).toMatch(/text-anchor="middle"[^>]*>04:00<\/text>/);
		expect(body).toMatch(/text-anchor="end"[^>]*>400<\/text>/);
	});

	it('says nothing of the kind for the last points', () => {
		const out = output(false);
		expect(out.forecast.basis).toBe('recent');
		const { body } = render(ForecastView, { props: { output: out } });
		expect(body).not.toContain('forecast-basis');
		expect(body).not.toContain('forecast-anomaly');
	});

	it('says what the replay found: the first alert, or that there was none', () => {
		const calm = { ...output(false), forecast: forecast('edge.latency_ms', t, v, { asOf: t[50] }) };
		expect(calm.forecast.breach).toBeNull();
		const html = (o: ForecastOutput) => render(ForecastView, { props: { output: o } }).body;
		// No replay asked: nothing said about one.
		expect(html(calm)).not.toContain('replay-');
		expect(html({ ...calm, replayed: true })).toMatch(
			/data-testid="replay-none"[^>]*>\s*Replayed sample by sample up to 2026-03-14 03:50:00 UTC: the forecaster would not have alerted earlier either/
		);
		const first = firstAlert('edge.latency_ms', t, v, { slo: 1000 })!;
		const found = html({ ...output(true), firstAlert: first, replayed: true });
		expect(found).toContain('data-testid="predictive-alert"');
		expect(found).toContain('Found by the replay');
		expect(found).not.toContain('replay-none');
	});

	it("marks the replay's first alert on the chart, or points to it when it is left of the view", () => {
		const html = (o: ForecastOutput) => render(ForecastView, { props: { output: o } }).body;
		const marker = (body: string) =>
			body.match(/<(g|text)[^>]*data-testid="forecast-first-alert"[^>]*>/)?.[0];
		const first = firstAlert('edge.latency_ms', t, v, { slo: 1000, regime: true })!;
		expect(first.at).toBeLessThan(t[79]);
		const inView = html({ ...output(true), firstAlert: first, replayed: true });
		expect(marker(inView)).toMatch(new RegExp(`^<g[^>]*data-at="${first.at}"`));
		expect(inView).toContain('first alert</text>');
		// No replay, or a first alert that is the forecast shown: no marker.
		expect(marker(html(output(true)))).toBeUndefined();
		const now = forecast('edge.latency_ms', t, v, { regime: true, slo: 1000 });
		expect(marker(html({ ...output(true), firstAlert: now, replayed: true }))).toBeUndefined();
		// An earlier episode alerted first, long before the view (a few fit spans back) starts.
		const n = 700;
		const lt = Float64Array.from({ length: n }, (_, i) => T0 + i * 60_000);
		const climb = (i: number, from: number) => 100 + 20 * (i - from);
		const lv = Float64Array.from(lt, (_, i) =>
			i >= 100 && i < 125 ? climb(i, 99) : i >= 680 ? climb(i, 679) : 100 + (i % 3)
		);
		const long: ForecastOutput = {
			...output(true),
			series: { ...output(true).series, t: lt, v: lv },
			forecast: forecast('edge.latency_ms', lt, lv, { regime: true, slo: 1000 }),
			firstAlert: firstAlert('edge.latency_ms', lt, lv, { slo: 1000, regime: true })!,
			replayed: true
		};
		expect(long.firstAlert!.at).toBeLessThan(lt[125]);
		const left = html(long);
		expect(marker(left)).toMatch(/^<text/);
		expect(left).toMatch(/◀ first alert 2026-03-14 0[45]:\d\d/);
	});
});
