/**
 * Notes and the replay cursor on a time chart (pure d3). A ranged note is a tinted band behind
 * the series; every note also gets a flag in the top margin, above the brush, so it can be
 * clicked and focused; read-only bundle annotations have a dashed outline. The replay cursor is a
 * solid line with its time, the same on every chart.
 */
import * as d3 from 'd3';
import type { Note } from '$lib/notebook/model';
import { noteColor } from './palette';

/** A note or a bundle annotation as charts, the replay bar and the timeline list show it. */
export interface NoteMark {
	id: string;
	t: number;
	end?: number;
	tags: string[];
	/** Short text for a flag or a tooltip. */
	label: string;
	/** Bundle annotations cannot be edited here. */
	readonly: boolean;
	/** The note, for marks that are notebook notes. */
	note?: Note;
}

type Scale = (x: number) => number;
type Layer = d3.Selection<SVGGElement, unknown, null, undefined>;

const visible = (m: NoteMark, domain: [number, number]) =>
	(m.end ?? m.t) >= domain[0] && m.t <= domain[1];

/** Bands of ranged notes and lines of moment notes, drawn behind the series. */
export function drawNoteBands(
	plot: Layer,
	marks: readonly NoteMark[],
	x: Scale,
	h: number,
	domain: [number, number]
) {
	for (const m of marks) {
		if (!visible(m, domain)) continue;
		const color = noteColor(m.tags);
		const x0 = x(m.t);
		const el: d3.Selection<SVGElement, unknown, null, undefined> =
			m.end === undefined
				? plot.append<SVGElement>('line').attr('x1', x0).attr('x2', x0).attr('y1', 0).attr('y2', h)
				: plot
						.append<SVGElement>('rect')
						.attr('x', x0)
						.attr('width', Math.max(2, x(m.end) - x0))
						.attr('y', 0)
						.attr('height', h);
		el.attr('class', `note-band${m.readonly ? ' readonly' : ''}`)
			.attr('data-note', m.id)
			.attr('stroke', color)
			.attr('fill', color);
	}
}

/**
 * Flags in the top margin: one per visible note, clickable and reachable by Tab (Enter opens the
 * note). `top` is the margin's height.
 */
export function drawNoteFlags(
	g: Layer,
	marks: readonly NoteMark[],
	x: Scale,
	top: number,
	domain: [number, number],
	onOpen: (m: NoteMark) => void
) {
	for (const m of marks) {
		if (!visible(m, domain)) continue;
		const color = noteColor(m.tags);
		const fx = x(Math.max(m.t, domain[0]));
		const flag = g
			.append('g')
			.attr('class', `note-flag${m.readonly ? ' readonly' : ''}`)
			.attr('data-note', m.id)
			.attr('transform', `translate(${fx},${-top + 2})`)
			.attr('tabindex', 0)
			.attr('role', 'button')
			.attr('aria-label', `${m.readonly ? 'Bundle note' : 'Note'}: ${m.tags.join(', ')} ${m.label}`)
			.on('click', () => onOpen(m))
			.on('keydown', (e: KeyboardEvent) => {
				if (e.key !== 'Enter' && e.key !== ' ') return;
				e.preventDefault();
				e.stopPropagation();
				onOpen(m);
			});
		flag
			.append('path')
			.attr('d', 'M0,0 L0,14 M0,0 L9,3.5 L0,7 Z')
			.attr('stroke', color)
			.attr('fill', color);
		flag.append('title').text(`${m.tags.length ? `[${m.tags.join(', ')}] ` : ''}${m.label}`);
	}
}

/** The notebook's replay cursor with its time (UTC hh:mm). */
/**
 * The notebook's replay cursor with its time (UTC hh:mm); returns a mover, so a cursor move
 * shifts one line instead of redrawing the chart (scrubbing redraws only when data changes).
 */
export function drawReplayCursor(
	plot: Layer,
	x: Scale,
	h: number,
	domain: [number, number]
): (t: number | null) => void {
	const g = plot.append('g').attr('class', 'replay-cursor');
	const line = g.append('line').attr('y1', 0).attr('y2', h);
	const text = g.append('text').attr('y', h - 4);
	return (t) => {
		const shown = t !== null && t >= domain[0] && t <= domain[1];
		g.attr('visibility', shown ? 'visible' : 'hidden').attr('data-t', shown ? t : null);
		if (!shown) return;
		const cx = x(t);
		line.attr('x1', cx).attr('x2', cx);
		text.attr('x', cx + 3).text(`as of ${new Date(t).toISOString().slice(11, 16)}`);
	};
}
