/**
 * Writing notes on an open notebook: which note is being written or edited, the author name
 * (set once per browser), and the marks every chart draws (the notebook's notes plus the
 * bundle's read-only annotations). Every change is an undoable transaction on the session, so a
 * note is saved with the document and shared with it. Views reach this through context
 * (components/notes/context.ts) and only call it on a user action.
 */
import type { IncidentInfo } from '$workers/data/api';
import type { Note, NoteAnchor } from '$lib/notebook/model';
import { addNoteTx, editNoteTx, removeNoteTx } from '$lib/notebook/history';
import { makeNote, noteSummary, noteTime, timelineOrder } from '$lib/notebook/notes';
import type { NotebookSession } from './NotebookSession.svelte';
import type { NoteMark } from '$lib/charts/notes';

export type { NoteMark };

const AUTHOR_KEY = 'aitia.author';

/** What the editor dialog holds: a new note on `on`, or an existing note. */
export type NoteDraft = { on: NoteAnchor; note?: undefined } | { on: NoteAnchor; note: Note };

function storedAuthor(): string {
	try {
		return globalThis.localStorage?.getItem(AUTHOR_KEY) ?? '';
	} catch {
		return ''; // storage blocked (private mode, sandboxed frame): ask each time
	}
}

export class Annotator {
	/** The name notes are signed with; asked for on the first note. */
	author = $state(storedAuthor());
	draft = $state<NoteDraft | null>(null);
	/** The note deleted last, so the list can offer Undo right there. */
	deleted = $state<Note | null>(null);

	/** Getters, so one annotator (set in context once) follows the notebook view's props. */
	constructor(
		private readonly current: () => NotebookSession,
		private readonly incident: () => IncidentInfo | undefined,
		private readonly canWrite: () => boolean = () => true
	) {}

	private get session(): NotebookSession {
		return this.current();
	}

	/** False for a recorded run (capsule) or the postmortem view: notes are shown, not written. */
	get editable(): boolean {
		return !this.session.snapshot && this.canWrite();
	}

	get notes(): Note[] {
		return this.session.doc.notes;
	}

	/** The replay cursor, for the line every chart draws. */
	get cursor(): number | null {
		return this.session.asOf;
	}

	/** Notes and bundle annotations that have a time, in time order. */
	get marks(): NoteMark[] {
		const marks: NoteMark[] = [];
		for (const note of timelineOrder(this.notes)) {
			const t = noteTime(note.on);
			if (t === undefined) continue;
			const end = note.on.type === 'time' ? note.on.end : undefined;
			marks.push({
				id: note.id,
				t,
				end,
				tags: note.tags,
				label: noteSummary(note.text),
				readonly: false,
				note
			});
		}
		for (const a of this.incident()?.annotations ?? [])
			marks.push({
				id: `bundle:${a.id}`,
				t: a.t,
				end: a.end,
				tags: [],
				label: (a.author ? `${a.author}: ` : '') + noteSummary(a.text),
				readonly: true
			});
		return marks.sort((a, b) => a.t - b.t);
	}

	/** Notes pinned to one cell (on it, on an item of its output, or on a range chosen on it). */
	notesOf(cellId: string): Note[] {
		return timelineOrder(this.notes.filter((n) => n.on.cell === cellId));
	}

	start(on: NoteAnchor): void {
		if (this.editable) this.draft = { on };
	}

	open(note: Note): void {
		if (this.editable) this.draft = { on: note.on, note };
	}

	close(): void {
		this.draft = null;
	}

	/** Saves the open draft; remembers the author for the next note. */
	save(fields: { text: string; tags: string[]; author: string }): void {
		const d = this.draft;
		if (!d) return;
		const author = fields.author.trim();
		if (author !== this.author) {
			this.author = author;
			try {
				globalThis.localStorage?.setItem(AUTHOR_KEY, author);
			} catch {
				/* not remembered; the note still carries it */
			}
		}
		const now = new Date(Date.now()).toISOString(); // eslint-disable-line svelte/prefer-svelte-reactivity -- a timestamp, not state
		if (d.note) {
			this.session.commit(
				editNoteTx(this.session.doc, d.note.id, { text: fields.text, tags: fields.tags }, now)
			);
		} else {
			this.session.commit(
				addNoteTx(this.session.doc, makeNote(this.notes, d.on, { ...fields, author }, now))
			);
		}
		this.draft = null;
	}

	remove(id: string): void {
		const note = this.notes.find((n) => n.id === id);
		if (!note) return;
		this.session.commit(removeNoteTx(this.session.doc, id));
		this.deleted = note;
		if (this.draft?.note?.id === id) this.draft = null;
	}

	/** Brings the last deleted note back, when the last step is still its deletion. */
	undoDelete(): void {
		const last = this.session.history.past.at(-1);
		const edit = last?.edits[0];
		if (edit?.type === 'note' && edit.after === null && edit.before?.id === this.deleted?.id)
			this.session.undo();
		this.deleted = null;
	}
}
