/**
 * Overlay layers of the chart cell (pure d3): shaded anomalies, threshold / SLO lines and a
 * forecast's line and prediction band. Value-unit layers (lines, band) are skipped in normalised
 * mode, where the y axis has no unit. None of them uses the `series` class: tests and read-outs
 * count `path.series` as the data lines.
 */
import * as d3 from 'd3';
import type { ChartOverlays } from '$lib/notebook/outputs';

type Scale = (x: number) => number;
type Layer = d3.Selection<SVGGElement, unknown, null, undefined>;

/** Values the y axis must include so lines and band are visible. */
export function overlayExtent(o: ChartOverlays | undefined, normalize: boolean): number[] {
	if (!o || normalize) return [];
	const xs = (o.lines ?? []).map((l) => l.value);
	if (o.forecast) xs.push(...o.forecast.lo, ...o.forecast.hi);
	return xs.filter(Number.isFinite);
}

/**
 * Anomaly shading, drawn behind the series, and a triangle on the bottom edge at each alert (the
 * moment the detector would have paged): a one-sample anomaly's sliver is easy to miss on a
 * two-week chart, and the alert can be later than the stretch's start. Alerts raised while the
 * detector was still learning the series are hollow.
 */
export function drawAnomalies(plot: Layer, o: ChartOverlays | undefined, x: Scale, h: number) {
	for (const a of o?.anomalies ?? []) {
		const at = a.alertT ?? a.start;
		plot
			.append('path')
			.attr('class', `anomaly-alert${a.learning ? ' learning' : ''}`)
			.attr('data-key', a.key)
			.attr('d', `M${x(at)},${h - 9}l5,9h-10z`)
			.append('title')
			.text(
				`${a.detector} alert on ${a.key}${a.learning ? ' (while learning the series)' : ''}: peak ${a.peak.toPrecision(4)}`
			);
	}
	for (const a of o?.anomalies ?? []) {
		const x0 = x(a.start);
		// A one-sample anomaly still gets a visible sliver.
		const w = Math.max(3, x(a.end) - x0);
		plot
			.append('rect')
			.attr('class', 'anomaly')
			.attr('data-detector', a.detector)
			.attr('data-key', a.key)
			.attr('x', x0)
			.attr('width', w)
			.attr('y', 0)
			.attr('height', h)
			.append('title')
			.text(
				`${a.detector} anomaly on ${a.key}: peak ${a.peak.toPrecision(4)}, score ${a.score.toFixed(1)}`
			);
	}
}

/** Band, fitted line, reference lines and breach marker, drawn over the series. */
export function drawOverlayLines(
	plot: Layer,
	o: ChartOverlays | undefined,
	x: Scale,
	y: Scale,
	size: { w: number; h: number },
	normalize: boolean
) {
	if (!o || normalize) return;
	const f = o.forecast;
	if (f) {
		const idx = d3.range(f.t.length);
		const area = d3
			.area<number>()
			.x((k) => x(f.t[k]))
			.y0((k) => y(f.lo[k]))
			.y1((k) => y(f.hi[k]));
		plot.append('path').attr('class', 'forecast-band').attr('d', area(idx));
		const line = d3
			.line<number>()
			.x((k) => x(f.t[k]))
			.y((k) => y(f.fit[k]));
		plot.append('path').attr('class', 'forecast-fit').attr('fill', 'none').attr('d', line(idx));
	}
	for (const l of o.lines ?? []) {
		const g = plot.append('g').attr('class', `ref-line ref-${l.kind}`).attr('data-value', l.value);
		g.append('line').attr('x1', 0).attr('x2', size.w).attr('y1', y(l.value)).attr('y2', y(l.value));
		g.append('text')
			.attr('x', size.w - 4)
			.attr('y', y(l.value) - 4)
			.attr('text-anchor', 'end')
			.text(l.label);
	}
	if (o.breachAt !== undefined) {
		plot
			.append('line')
			.attr('class', 'breach-marker')
			.attr('x1', x(o.breachAt))
			.attr('x2', x(o.breachAt))
			.attr('y1', 0)
			.attr('y2', size.h)
			.append('title')
			.text('predicted SLO breach');
	}
}
