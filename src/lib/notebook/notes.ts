/**
 * Analysts' notes (model.ts `Note`): reading them from a file (damaged notes are dropped with a
 * warning, never fatal, like cells), tag rules, and the pure questions views and the prompt ask —
 * when is a note, what does it say it is about, which notes belong to a cell.
 */
import { z } from 'zod';
import { newId } from './ids';
import type { Note, NoteAnchor } from './model';

/** Longest note text kept (a note is a paragraph or a page, not a log dump). */
export const NOTE_TEXT_MAX = 20_000;
const TAG_MAX = 40;

const time = z.number().finite();
const AnchorSpec = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('time'),
		t: time,
		end: time.optional(),
		cell: z.string().optional(),
		series: z.array(z.string()).optional()
	}),
	z.object({
		type: z.literal('item'),
		item: z.enum(['log', 'event', 'edge', 'candidate']),
		cell: z.string(),
		key: z.string(),
		t: time.optional()
	}),
	z.object({ type: z.literal('cell'), cell: z.string() })
]);

const NoteSpec = z.object({
	id: z.string().optional(),
	on: AnchorSpec,
	text: z.string().max(NOTE_TEXT_MAX),
	tags: z.array(z.string()).default([]),
	author: z.string().default(''),
	createdAt: z.string().optional(),
	updatedAt: z.string().optional()
});

/** Tags as stored: trimmed, lower case, at most 40 characters, no empties or duplicates. */
export function normaliseTags(tags: readonly string[]): string[] {
	const out: string[] = [];
	for (const raw of tags) {
		const tag = raw.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, TAG_MAX);
		if (tag && !out.includes(tag)) out.push(tag);
	}
	return out;
}

/** A range is stored start ≤ end; an end equal to the start is a moment. */
function normaliseAnchor(on: NoteAnchor): NoteAnchor {
	if (on.type !== 'time' || on.end === undefined) return on;
	const [t, end] = on.t <= on.end ? [on.t, on.end] : [on.end, on.t];
	const out: NoteAnchor = { ...on, t };
	if (end > t) out.end = end;
	else delete out.end;
	return out;
}

/**
 * The notes of a file: each one validated on its own, so one damaged note costs only itself.
 * Missing or duplicate ids get new ones; missing timestamps become `fallbackTime`.
 */
export function parseNotes(raw: unknown, fallbackTime: string, warnings: string[]): Note[] {
	if (raw === undefined) return [];
	if (!Array.isArray(raw)) {
		warnings.push('notes: not a list, ignored');
		return [];
	}
	const seen = new Set<string>();
	const notes: Note[] = [];
	raw.forEach((item, i) => {
		const r = NoteSpec.safeParse(item);
		if (!r.success) {
			const why = r.error.issues[0];
			warnings.push(
				`note ${i + 1}: dropped (${why.path.join('.') || 'note'}: ${why.message.toLowerCase()})`
			);
			return;
		}
		const n = r.data;
		let id = n.id ?? '';
		if (!id || seen.has(id)) {
			id = newId(seen);
			warnings.push(
				`note ${i + 1}: ${n.id ? `duplicate id "${n.id}"` : 'missing id'}, assigned "${id}"`
			);
		}
		seen.add(id);
		const createdAt = n.createdAt ?? n.updatedAt ?? fallbackTime;
		notes.push({
			id,
			on: normaliseAnchor(n.on),
			text: n.text,
			tags: normaliseTags(n.tags),
			author: n.author.trim(),
			createdAt,
			updatedAt: n.updatedAt ?? createdAt
		});
	});
	return notes;
}

/** Fixed key order for saving, so files diff cleanly. */
export function orderedNote(n: Note): Note {
	return {
		id: n.id,
		on: n.on,
		text: n.text,
		tags: n.tags,
		author: n.author,
		createdAt: n.createdAt,
		updatedAt: n.updatedAt
	};
}

/** The time a note is about (start of a range), or undefined for notes on a cell or a timeless item. */
export function noteTime(on: NoteAnchor): number | undefined {
	return on.type === 'cell' ? undefined : on.t;
}

/** The cell a note is pinned to, if any. */
export const noteCell = (on: NoteAnchor): string | undefined => on.cell;

const ITEM_NAMES = {
	log: 'log line',
	event: 'event',
	edge: 'graph edge',
	candidate: 'candidate'
} as const;

/**
 * What the note is about, in words ("range 04:12 – 04:20 in symptom_chart", "candidate “db” in
 * ranking"). `time` formats epoch ms; `cellName` resolves ids (undefined: the cell is gone); without
 * it cells are left unnamed (the prompt, which has no use for cell names). `startShown`: the
 * reader already shows the note's time (a timeline row), so only the end of a range is said.
 */
export function describeAnchor(
	on: NoteAnchor,
	time: (t: number) => string,
	cellName?: (id: string) => string | undefined,
	startShown = false
): string {
	const where = (id: string | undefined) => {
		if (id === undefined || !cellName) return '';
		const name = cellName(id);
		return name ? ` in ${name}` : ' in a deleted cell';
	};
	if (on.type === 'cell') return `cell${where(on.cell).replace(' in', '')}`;
	if (on.type === 'item') {
		const when = on.t === undefined || startShown ? '' : ` at ${time(on.t)}`;
		return `${ITEM_NAMES[on.item]} “${on.key}”${when}${where(on.cell)}`;
	}
	if (startShown)
		return on.end === undefined
			? `moment${where(on.cell)}`
			: `range until ${time(on.end)}${where(on.cell)}`;
	const span = on.end === undefined ? time(on.t) : `${time(on.t)} – ${time(on.end)}`;
	return `${on.end === undefined ? 'moment' : 'range'} ${span}${where(on.cell)}`;
}

/** Notes sorted for a timeline: by time (timeless ones last, by creation), then by creation. */
export function timelineOrder(notes: readonly Note[]): Note[] {
	const key = (n: Note) => noteTime(n.on) ?? Infinity;
	return [...notes].sort((a, b) => key(a) - key(b) || a.createdAt.localeCompare(b.createdAt));
}

/** The first line of a note as plain text (Markdown marks dropped), at most `max` characters. */
export function noteSummary(text: string, max = 80): string {
	const line = text.trim().split('\n')[0] ?? '';
	const plain = line
		.replace(/^\s*(#+|[-*+>]|\d+\.)\s+/, '')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`~]+/g, '');
	return plain.length > max ? plain.slice(0, max - 1) + '…' : plain;
}

/** A new note with a fresh id, stamped now. */
export function makeNote(
	existing: readonly Note[],
	on: NoteAnchor,
	fields: { text: string; tags: string[]; author: string },
	now: string
): Note {
	return {
		id: newId(new Set(existing.map((n) => n.id))),
		on: normaliseAnchor(on),
		text: fields.text.slice(0, NOTE_TEXT_MAX),
		tags: normaliseTags(fields.tags),
		author: fields.author.trim(),
		createdAt: now,
		updatedAt: now
	};
}
