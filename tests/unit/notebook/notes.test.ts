import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from '$lib/notebook/serialize';
import {
	describeAnchor,
	makeNote,
	normaliseTags,
	noteSummary,
	timelineOrder
} from '$lib/notebook/notes';
import {
	addNoteTx,
	applyTx,
	editNoteTx,
	record,
	removeNoteTx,
	undo,
	EMPTY_HISTORY
} from '$lib/notebook/history';
import type { Note } from '$lib/notebook/model';
import { sampleNotebook } from './notebooks';

const T0 = Date.UTC(2026, 2, 14, 4, 12);
const note = (over: Partial<Note> = {}): Note => ({
	id: 'n1',
	on: { type: 'time', t: T0, end: T0 + 8 * 60_000, cell: 'c1', series: ['edge.latency_ms'] },
	text: 'Deploy **v2.3** lands here',
	tags: ['trigger'],
	author: 'Ana',
	createdAt: '2026-03-15T09:00:00.000Z',
	updatedAt: '2026-03-15T09:00:00.000Z',
	...over
});

describe('notes in the notebook document', () => {
	it('migrates a version 1 notebook to version 2 with no notes, saying so', () => {
		const v1 = { ...sampleNotebook(), version: 1 } as Record<string, unknown>;
		delete v1.notes;
		const { notebook, warnings } = parseNotebook(JSON.stringify(v1));
		expect(notebook.version).toBe(2);
		expect(notebook.notes).toEqual([]);
		expect(warnings).toEqual([
			'migrated from version 1 to 2: notes (analyst annotations) were added, none yet'
		]);
	});

	it('round-trips notes of every anchor type', () => {
		const nb = {
			...sampleNotebook(),
			notes: [
				note(),
				note({ id: 'n2', on: { type: 'item', item: 'candidate', cell: 'c1', key: 'db', t: T0 } }),
				note({ id: 'n3', on: { type: 'cell', cell: 'd1' }, tags: ['red herring', 'dns'] })
			]
		};
		const { notebook, warnings } = parseNotebook(serializeNotebook(nb));
		expect(warnings).toEqual([]);
		expect(notebook.notes).toEqual(nb.notes);
		expect(Object.keys(JSON.parse(serializeNotebook(nb)).notes[0])).toEqual([
			'id',
			'on',
			'text',
			'tags',
			'author',
			'createdAt',
			'updatedAt'
		]);
	});

	it('drops a damaged note with a warning and repairs ids, tags and reversed ranges', () => {
		const { notebook, warnings } = parseNotebook({
			...sampleNotebook(),
			notes: [
				note(),
				{ id: 'bad', on: { type: 'time' }, text: 'no time' },
				note({ tags: [' Trigger ', 'trigger', ''], on: { type: 'time', t: T0 + 60_000, end: T0 } }),
				{ on: { type: 'cell', cell: 'm1' }, text: 'no id, no dates' }
			]
		});
		expect(notebook.notes).toHaveLength(3);
		expect(warnings.some((w) => /^note 2: dropped \(on\.t/.test(w))).toBe(true);
		expect(warnings.some((w) => /^note 3: duplicate id "n1"/.test(w))).toBe(true);
		expect(warnings.some((w) => /^note 4: missing id/.test(w))).toBe(true);
		const repaired = notebook.notes[1];
		expect(repaired.tags).toEqual(['trigger']);
		expect(repaired.on).toEqual({ type: 'time', t: T0, end: T0 + 60_000 });
		expect(notebook.notes[2].createdAt).toBe(sampleNotebook().updatedAt);
		expect(new Set(notebook.notes.map((n) => n.id)).size).toBe(3);
	});

	it('refuses notes that are not a list without losing the notebook', () => {
		const { notebook, warnings } = parseNotebook({ ...sampleNotebook(), notes: { a: 1 } });
		expect(notebook.notes).toEqual([]);
		expect(notebook.cells).toHaveLength(sampleNotebook().cells.length);
		expect(warnings).toEqual(['notes: not a list, ignored']);
	});
});

describe('note helpers', () => {
	it('normalises tags: trimmed, lower case, unique, no empties', () => {
		expect(normaliseTags(['Root  Cause', 'root cause', ' ', 'DNS'])).toEqual(['root cause', 'dns']);
	});

	it('orders a timeline by the time notes are about, timeless notes last', () => {
		const a = note({ id: 'a', on: { type: 'cell', cell: 'x' } });
		const b = note({ id: 'b', on: { type: 'time', t: T0 + 1 } });
		const c = note({ id: 'c', on: { type: 'item', item: 'log', cell: 'x', key: 'k', t: T0 } });
		expect(timelineOrder([a, b, c]).map((n) => n.id)).toEqual(['c', 'b', 'a']);
	});

	it('describes anchors in words, naming cells (or their absence)', () => {
		const time = (t: number) => new Date(t).toISOString().slice(11, 16);
		const names = (id: string) => (id === 'c1' ? 'symptom_chart' : undefined);
		expect(describeAnchor(note().on, time, names)).toBe('range 04:12 – 04:20 in symptom_chart');
		expect(
			describeAnchor({ type: 'item', item: 'candidate', cell: 'zz', key: 'db' }, time, names)
		).toBe('candidate “db” in a deleted cell');
		expect(describeAnchor({ type: 'time', t: T0 }, time)).toBe('moment 04:12');
		// A timeline row shows the start itself.
		expect(describeAnchor(note().on, time, names, true)).toBe('range until 04:20 in symptom_chart');
		expect(
			describeAnchor({ type: 'item', item: 'log', cell: 'c1', key: 'x', t: T0 }, time, names, true)
		).toBe('log line “x” in symptom_chart');
	});

	it('makes a note with a free id, normalised tags and a moment for a zero-length range', () => {
		const n = makeNote(
			[note()],
			{ type: 'time', t: T0, end: T0 },
			{ text: 'x', tags: ['A'], author: ' Bo ' },
			'now'
		);
		expect(n.id).not.toBe('n1');
		expect(n.on).toEqual({ type: 'time', t: T0 });
		expect(n).toMatchObject({ tags: ['a'], author: 'Bo', createdAt: 'now', updatedAt: 'now' });
	});
});

describe('note edits are undoable', () => {
	it('adds, edits and deletes one note per step, and undo restores each', () => {
		let doc = sampleNotebook();
		let history = EMPTY_HISTORY;
		const step = (tx: Parameters<typeof applyTx>[1]) => {
			doc = applyTx(doc, tx);
			history = record(history, tx);
		};
		step(addNoteTx(doc, note()));
		step(addNoteTx(doc, note({ id: 'n2', text: 'second' })));
		step(editNoteTx(doc, 'n1', { text: 'changed', tags: ['mitigation'] }, 'later'));
		expect(doc.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
		expect(doc.notes[0]).toMatchObject({
			text: 'changed',
			tags: ['mitigation'],
			updatedAt: 'later',
			author: 'Ana'
		});
		step(removeNoteTx(doc, 'n1'));
		expect(doc.notes.map((n) => n.id)).toEqual(['n2']);

		const back = (n: number) => {
			for (let i = 0; i < n; i++) {
				const r = undo(history, doc)!;
				doc = r.doc;
				history = r.history;
			}
		};
		back(1);
		expect(doc.notes[0]).toMatchObject({ id: 'n1', text: 'changed' });
		back(1);
		expect(doc.notes[0]).toMatchObject({
			id: 'n1',
			text: 'Deploy **v2.3** lands here',
			tags: ['trigger']
		});
		back(2);
		expect(doc.notes).toEqual([]);
		expect(removeNoteTx(doc, 'nope').edits).toEqual([]);
	});
});

describe('noteSummary', () => {
	it('gives the first line as plain text, cut with an ellipsis', () => {
		expect(noteSummary('## The **trigger** is [here](https://x.y)\nmore')).toBe(
			'The trigger is here'
		);
		expect(noteSummary('- `a`'.padEnd(100, 'b'), 10)).toBe('abbbbbbbb…');
	});
});
