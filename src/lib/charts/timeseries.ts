/**
 * Pure d3 builder for the chart cell: (svg, output, size, view) -> drawn SVG. No stores, no
 * fetching; interaction (brush zoom, hover read-out) is reported back through callbacks so the
 * Svelte component owns the state.
 */
import * as d3 from 'd3';
import { nearest } from '$workers/shared/bisect';
import type { TimeseriesOutput } from '$lib/notebook/outputs';
import { isolated, sharedUnit, timeTick, valueTickFormat, withGaps } from './axis';
import { drawAnomalies, drawOverlayLines, overlayExtent } from './overlays';
import { drawNoteBands, drawNoteFlags, drawReplayCursor, type NoteMark } from './notes';
import { eventColor, seriesColor } from './palette';

export interface ReadoutValue {
	key: string;
	color: string;
	value: number;
	unit?: string;
}

export interface Readout {
	/** Time under the cursor (nearest sample of the first series with data). */
	t: number;
	/** Pixel x of the cursor inside the svg. */
	x: number;
	values: ReadoutValue[];
}

export interface ChartView {
	width: number;
	height: number;
	/** Visible x domain (epoch ms); undefined = the output's full range. */
	domain?: [number, number];
	/** Time of the keyboard / hover cursor, if any. */
	cursorT?: number;
	/** What a drag does: zoom in (default) or select a range to annotate (`onSelect`). */
	brushMode?: 'zoom' | 'note';
	/** Notes to draw, and what clicking one does. */
	marks?: readonly NoteMark[];
	onOpenMark?(mark: NoteMark): void;
	onSelect?(range: [number, number]): void;
	onBrush(domain: [number, number]): void;
	onResetZoom(): void;
	onHover(readout: Readout | null): void;
}

const MARGIN = { top: 18, right: 16, bottom: 26, left: 52 };

function extentOf(v: Float64Array): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const x of v) {
		if (Number.isNaN(x)) continue;
		if (x < lo) lo = x;
		if (x > hi) hi = x;
	}
	return lo <= hi ? [lo, hi] : [0, 1];
}

/** Values under the cursor for each series, in the series' own units. */
export function readoutAt(out: TimeseriesOutput, t: number): ReadoutValue[] {
	return out.series.map((s, i) => {
		const j = nearest(s.t, t);
		return { key: s.key, color: seriesColor(i), value: j < 0 ? NaN : s.v[j], unit: s.unit };
	});
}

/** What a drawn chart can still change without a redraw. */
export interface DrawnChart {
	/** Moves the notebook's replay cursor line (null hides it). */
	setReplayCursor(t: number | null): void;
}

export function renderTimeseries(
	svgEl: SVGSVGElement,
	out: TimeseriesOutput,
	view: ChartView
): DrawnChart {
	const { width, height } = view;
	const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
	const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
	const domain = view.domain ?? [out.range.start, out.range.end];
	const x = d3.scaleUtc().domain(domain).range([0, innerW]);

	// Normalised mode maps each series onto 0..1 by its own extent so ms and rpm share one axis.
	const extents = out.series.map((s) => extentOf(s.v));
	const all = [...extents, ...overlayExtent(out.overlays, out.normalize).map((v) => [v, v])].reduce<
		[number, number]
	>((a, e) => [Math.min(a[0], e[0]), Math.max(a[1], e[1])], [Infinity, -Infinity]);
	const y = d3
		.scaleLinear()
		.domain(out.normalize ? [0, 1] : all[0] <= all[1] ? all : [0, 1])
		.nice()
		.range([innerH, 0]);
	const scaled = (i: number, v: number) => {
		if (!out.normalize) return v;
		const [lo, hi] = extents[i];
		return hi > lo ? (v - lo) / (hi - lo) : 0.5;
	};

	const svg = d3.select(svgEl);
	svg.selectAll('*').remove();
	svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
	svg
		.append('defs')
		.append('clipPath')
		.attr('id', `clip-${svgEl.id}`)
		.append('rect')
		.attr('width', innerW)
		.attr('height', innerH);
	const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
	const plot = g.append('g').attr('clip-path', `url(#clip-${svgEl.id})`);

	for (const w of out.windows ?? []) {
		const x0 = Math.max(0, x(w.start));
		const x1 = Math.min(innerW, x(w.end));
		if (x1 <= x0) continue;
		plot
			.append('rect')
			.attr('class', `window window-${w.label}${w.proposed ? ' window-proposed' : ''}`)
			.attr('x', x0)
			.attr('width', x1 - x0)
			.attr('y', 0)
			.attr('height', innerH)
			.append('title')
			.text(
				`${w.label} window${w.proposed ? ' (proposed from the data: the manifest declares none)' : ''}`
			);
	}

	drawAnomalies(plot, out.overlays, x, innerH);
	drawNoteBands(plot, view.marks ?? [], x, innerH, domain);

	g.append('g')
		.attr('class', 'axis axis-x')
		.attr('transform', `translate(0,${innerH})`)
		.call(
			d3
				.axisBottom(x)
				.ticks(Math.max(2, Math.floor(innerW / 110)))
				.tickFormat(timeTick)
		);
	g.append('g')
		.attr('class', 'axis axis-y')
		.call(
			d3
				.axisLeft(y)
				.ticks(5)
				.tickFormat(out.normalize ? d3.format('.1f') : valueTickFormat(sharedUnit(out.series)))
		);

	out.series.forEach((s, i) => {
		const idx = withGaps(s.t);
		const line = d3
			.line<number>()
			// Gaps stay gaps (NaN or missing samples): never invent values with a ramp.
			.defined((j) => j >= 0 && !Number.isNaN(s.v[j]))
			.x((j) => x(s.t[j]))
			.y((j) => y(scaled(i, s.v[j])));
		plot
			.append('path')
			.attr('class', 'series')
			.attr('data-key', s.key)
			.attr('fill', 'none')
			.attr('stroke', seriesColor(i))
			.attr('stroke-width', 1.5)
			.attr('d', line(idx));
		// A sample alone between two gaps draws no line segment: mark it so it is not lost.
		for (const j of isolated(idx, s.v))
			plot
				.append('circle')
				.attr('class', 'lone')
				.attr('cx', x(s.t[j]))
				.attr('cy', y(scaled(i, s.v[j])))
				.attr('r', 2)
				.attr('fill', seriesColor(i));
	});

	drawOverlayLines(plot, out.overlays, x, y, { w: innerW, h: innerH }, out.normalize);

	for (const ev of out.events) {
		if (ev.t < domain[0] || ev.t > domain[1]) continue;
		const ex = x(ev.t);
		const mark = plot.append('g').attr('class', 'event-marker').attr('data-kind', ev.kind);
		mark
			.append('line')
			.attr('x1', ex)
			.attr('x2', ex)
			.attr('y1', 0)
			.attr('y2', innerH)
			.attr('stroke', eventColor(ev.kind))
			.attr('stroke-dasharray', '4 3');
		mark
			.append('path')
			.attr('d', d3.symbol(d3.symbolTriangle, 40)())
			.attr('transform', `translate(${ex},4) rotate(180)`)
			.attr('fill', eventColor(ev.kind))
			.append('title')
			.text(`${ev.kind}: ${ev.title}`);
	}

	const setReplayCursor = drawReplayCursor(plot, x, innerH, domain);

	const cursor = plot.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', innerH);
	const showCursor = (t: number | undefined) => {
		if (t === undefined) {
			cursor.attr('visibility', 'hidden');
			return;
		}
		cursor.attr('visibility', 'visible').attr('x1', x(t)).attr('x2', x(t));
	};
	showCursor(view.cursorT);

	const brush = d3
		.brushX()
		.extent([
			[0, 0],
			[innerW, innerH]
		])
		.on('end', (event: d3.D3BrushEvent<unknown>) => {
			const sel = event.selection as [number, number] | null;
			if (!sel) return;
			const d: [number, number] = [x.invert(sel[0]).getTime(), x.invert(sel[1]).getTime()];
			brushG.call(brush.move, null);
			if (d[1] - d[0] <= 1000) return;
			if (view.brushMode === 'note' && view.onSelect) view.onSelect(d);
			else view.onBrush(d);
		});
	const brushG = g
		.append('g')
		.attr('class', `brush brush-${view.brushMode ?? 'zoom'}`)
		.call(brush);
	// Flags sit in the top margin, above the brush, so they can be clicked.
	drawNoteFlags(g, view.marks ?? [], x, MARGIN.top, domain, (m) => view.onOpenMark?.(m));
	brushG
		.on('dblclick', () => view.onResetZoom())
		.on('mousemove', (event: MouseEvent) => {
			const [px] = d3.pointer(event, g.node());
			const t = x.invert(px).getTime();
			showCursor(t);
			view.onHover({ t, x: px + MARGIN.left, values: readoutAt(out, t) });
		})
		.on('mouseleave', () => {
			showCursor(view.cursorT);
			view.onHover(null);
		});
	return { setReplayCursor };
}

/** Pixel x of a time in the current view (for keyboard read-out placement). */
export function xOf(out: TimeseriesOutput, view: Pick<ChartView, 'width' | 'domain'>, t: number) {
	const domain = view.domain ?? [out.range.start, out.range.end];
	const innerW = Math.max(10, view.width - MARGIN.left - MARGIN.right);
	return MARGIN.left + ((t - domain[0]) / (domain[1] - domain[0] || 1)) * innerW;
}
