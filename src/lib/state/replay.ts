/**
 * The replay scale of an incident: the span a cursor moves over, the step it moves by, and the
 * marks it can jump between (events, the bundle's notes, the declared onset, the end of the
 * baseline). Pure, so the
 * scrubber, the keyboard and the tests share one rule.
 */
import type { IncidentInfo } from '$workers/data/api';
import type { Note } from '$lib/notebook/model';
import { noteTime } from '$lib/notebook/notes';

export interface ReplayMark {
	t: number;
	kind: 'event' | 'onset' | 'baseline-end' | 'note' | 'anomaly';
	label: string;
}

export interface ReplayScale {
	start: number;
	end: number;
	/** One step of the cursor, ms. */
	step: number;
	/** Sorted by time. */
	marks: ReplayMark[];
}

const SECOND = 1000;
/** Steps a cursor may take: the smallest of these that crosses the incident in ≤ 300 steps. */
const NICE = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400].map(
	(s) => s * SECOND
);

/**
 * The scale of `info`, with the bundle's annotations, the notebook's `notes` and the starts of
 * `anomalies` (found on the whole incident) as marks.
 */
export function replayScale(
	info: IncidentInfo,
	notes: readonly Note[] = [],
	anomalies: readonly { t: number; label: string }[] = []
): ReplayScale {
	const m = info.manifest;
	const { start, end } = m.timeRange;
	const span = Math.max(1, end - start);
	const step = NICE.find((s) => span / s <= 300) ?? NICE[NICE.length - 1];
	const marks: ReplayMark[] = info.events.map((e) => ({
		t: e.t,
		kind: 'event' as const,
		label: e.title
	}));
	for (const a of info.annotations ?? [])
		marks.push({ t: a.t, kind: 'note', label: a.author ? `${a.author}: ${a.text}` : a.text });
	for (const n of notes) {
		const t = noteTime(n.on);
		const tags = n.tags.length ? `[${n.tags.join(', ')}] ` : '';
		if (t !== undefined) marks.push({ t, kind: 'note', label: `${tags}${n.author}: ${n.text}` });
	}
	for (const a of anomalies) marks.push({ t: a.t, kind: 'anomaly', label: a.label });
	if (m.onset !== undefined) marks.push({ t: m.onset, kind: 'onset', label: 'declared onset' });
	if (m.baseline) marks.push({ t: m.baseline.end, kind: 'baseline-end', label: 'end of baseline' });
	marks.sort((a, b) => a.t - b.t);
	return { start, end, step, marks: marks.filter((k) => k.t >= start && k.t <= end) };
}

const clamp = (s: ReplayScale, t: number) => Math.min(s.end, Math.max(s.start, t));

/** The cursor moved by `n` steps (clamped to the incident); from no cursor, steps start at the onset. */
export function stepCursor(s: ReplayScale, t: number | null, n: number, onset?: number): number {
	const from = t ?? onset ?? s.start;
	return clamp(s, from + n * s.step);
}

/** The next mark after (dir 1) or before (dir −1) the cursor; the cursor itself when there is none. */
export function jumpMark(s: ReplayScale, t: number | null, dir: 1 | -1): number {
	const from = t ?? (dir > 0 ? s.start - 1 : s.end + 1);
	const next =
		dir > 0 ? s.marks.find((k) => k.t > from) : [...s.marks].reverse().find((k) => k.t < from);
	return next?.t ?? clamp(s, from);
}
