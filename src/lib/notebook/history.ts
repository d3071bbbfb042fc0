/**
 * Undoable document edits. Every change the editor makes is a typed transaction that carries
 * enough to be inverted (the removed cell itself, the old params), so undo needs no snapshots of
 * the whole document and a restored cell keeps its id, which is what its cached output hangs on.
 * The history lives in the session, never in the saved document.
 */
import { freeName, newId } from './ids';
import { renameCell } from './edit';
import type { Cell, Note, Notebook } from './model';

export type Edit =
	| { type: 'insert'; index: number; cell: Cell }
	| { type: 'remove'; index: number; cell: Cell }
	| { type: 'move'; from: number; to: number }
	| { type: 'patch'; before: Cell; after: Cell }
	/** Several cells at once (a rename rewrites every reference to the old name). */
	| { type: 'cells'; before: Cell[]; after: Cell[] }
	| { type: 'title'; before: string; after: string }
	/** One note added (before null), changed, or deleted (after null), at its place in the list. */
	| { type: 'note'; index: number; before: Note | null; after: Note | null };

export interface Transaction {
	/** What the user did, for the undo/redo button titles ("Delete cell golden"). */
	label: string;
	edits: Edit[];
	/** Consecutive transactions with the same key (typing in one field) merge into one step. */
	mergeKey?: string;
	/** When it was recorded (ms), so merging stops after a pause. */
	at: number;
}

export interface History {
	past: Transaction[];
	future: Transaction[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
/** Steps kept; older ones fall off (each holds cells, which are small). */
export const HISTORY_LIMIT = 200;
/** Edits of one field closer together than this are one undo step. */
export const MERGE_WINDOW_MS = 1000;

const withCells = (doc: Notebook, cells: Cell[]): Notebook => ({ ...doc, cells });

export function applyEdit(doc: Notebook, e: Edit): Notebook {
	const cells = [...doc.cells];
	switch (e.type) {
		case 'insert':
			cells.splice(Math.min(e.index, cells.length), 0, e.cell);
			return withCells(doc, cells);
		case 'remove':
			return withCells(
				doc,
				cells.filter((c) => c.id !== e.cell.id)
			);
		case 'move': {
			const [cell] = cells.splice(e.from, 1);
			if (cell) cells.splice(e.to, 0, cell);
			return withCells(doc, cells);
		}
		case 'patch':
			return withCells(
				doc,
				cells.map((c) => (c.id === e.after.id ? e.after : c))
			);
		case 'cells': {
			const next = new Map(e.after.map((c) => [c.id, c]));
			return withCells(
				doc,
				cells.map((c) => next.get(c.id) ?? c)
			);
		}
		case 'title':
			return { ...doc, title: e.after };
		case 'note':
			return { ...doc, notes: applyNote(doc.notes, e) };
	}
}

/** The notes with `before` replaced by `after`, in place, so undoing a deletion restores the order. */
function applyNote(notes: Note[], e: Extract<Edit, { type: 'note' }>): Note[] {
	const { before, after } = e;
	if (!before) {
		if (!after) return notes;
		const out = [...notes];
		out.splice(Math.min(e.index, out.length), 0, after);
		return out;
	}
	return notes.flatMap((n) => (n.id !== before.id ? [n] : after ? [after] : []));
}

export function invertEdit(e: Edit): Edit {
	switch (e.type) {
		case 'insert':
			return { ...e, type: 'remove' };
		case 'remove':
			return { ...e, type: 'insert' };
		case 'move':
			return { type: 'move', from: e.to, to: e.from };
		case 'patch':
			return { type: 'patch', before: e.after, after: e.before };
		case 'cells':
			return { type: 'cells', before: e.after, after: e.before };
		case 'title':
			return { type: 'title', before: e.after, after: e.before };
		case 'note':
			return { type: 'note', index: e.index, before: e.after, after: e.before };
	}
}

export const applyTx = (doc: Notebook, tx: Transaction): Notebook =>
	tx.edits.reduce(applyEdit, doc);

export const invertTx = (tx: Transaction): Transaction => ({
	...tx,
	edits: [...tx.edits].reverse().map(invertEdit)
});

/** Two patches of one field in a row become one (before of the first, after of the second). */
function merge(prev: Transaction, next: Transaction): Transaction | null {
	if (!next.mergeKey || prev.mergeKey !== next.mergeKey) return null;
	if (next.at - prev.at > MERGE_WINDOW_MS) return null;
	const [a] = prev.edits;
	const [b] = next.edits;
	if (prev.edits.length !== 1 || next.edits.length !== 1) return null;
	if (a.type !== 'patch' || b.type !== 'patch') return null;
	return { ...next, edits: [{ type: 'patch', before: a.before, after: b.after }] };
}

/** Records a transaction that was just applied; a new edit drops the redo branch. */
export function record(h: History, tx: Transaction): History {
	if (!tx.edits.length) return h;
	const last = h.past[h.past.length - 1];
	const merged = last && merge(last, tx);
	const past = merged ? [...h.past.slice(0, -1), merged] : [...h.past, tx];
	return { past: past.slice(-HISTORY_LIMIT), future: [] };
}

/** The document and history after undoing the last step, or null when there is none. */
export function undo(
	h: History,
	doc: Notebook
): { doc: Notebook; history: History; tx: Transaction } | null {
	const tx = h.past[h.past.length - 1];
	if (!tx) return null;
	const history = { past: h.past.slice(0, -1), future: [...h.future, tx] };
	return { doc: applyTx(doc, invertTx(tx)), history, tx };
}

export function redo(
	h: History,
	doc: Notebook
): { doc: Notebook; history: History; tx: Transaction } | null {
	const tx = h.future[h.future.length - 1];
	if (!tx) return null;
	const history = { past: [...h.past, tx], future: h.future.slice(0, -1) };
	return { doc: applyTx(doc, tx), history, tx };
}

/* Transaction builders: each reads the current document and describes one user action. */

const tx = (label: string, edits: Edit[], mergeKey?: string): Transaction => ({
	label,
	edits,
	mergeKey,
	at: Date.now()
});

const find = (doc: Notebook, id: string) => {
	const index = doc.cells.findIndex((c) => c.id === id);
	return { index, cell: doc.cells[index] as Cell | undefined };
};

export function insertTx(doc: Notebook, cell: Cell, index = doc.cells.length): Transaction {
	return tx(`Add cell ${cell.name}`, [{ type: 'insert', index, cell }]);
}

export function removeTx(doc: Notebook, cellId: string): Transaction {
	const { index, cell } = find(doc, cellId);
	return tx(`Delete cell ${cell?.name ?? ''}`, cell ? [{ type: 'remove', index, cell }] : []);
}

/** Moves a cell to position `to` (clamped); no step when it would not move. */
export function moveTx(doc: Notebook, cellId: string, to: number): Transaction {
	const { index, cell } = find(doc, cellId);
	const target = Math.max(0, Math.min(doc.cells.length - 1, to));
	const edits: Edit[] = cell && target !== index ? [{ type: 'move', from: index, to: target }] : [];
	return tx(`Move cell ${cell?.name ?? ''}`, edits);
}

/** A copy right after the original: new id, free name, same wiring, params and text. */
export function duplicateTx(doc: Notebook, cellId: string): Transaction {
	const { index, cell } = find(doc, cellId);
	if (!cell) return tx('Duplicate', []);
	const copy: Cell = {
		...structuredClone(cell),
		id: newId(new Set(doc.cells.map((c) => c.id))),
		name: freeName(
			`${cell.name.replace(/_copy(_\d+)?$/, '')}_copy`,
			new Set(doc.cells.map((c) => c.name))
		)
	};
	return tx(`Duplicate cell ${cell.name}`, [{ type: 'insert', index: index + 1, cell: copy }]);
}

/** Changes fields of a cell; typing into one field merges into a single step. */
export function patchTx(
	doc: Notebook,
	cellId: string,
	patch: Partial<Omit<Cell, 'id'>>
): Transaction {
	const { cell } = find(doc, cellId);
	if (!cell) return tx('Edit', []);
	const key = `${cellId}:${Object.keys(patch).sort().join(',')}`;
	return tx(
		`Edit cell ${cell.name}`,
		[{ type: 'patch', before: cell, after: { ...cell, ...patch } }],
		key
	);
}

export function renameTx(doc: Notebook, cellId: string, name: string): Transaction {
	const next = renameCell(doc, cellId, name);
	const changed = next.cells.filter((c, i) => c !== doc.cells[i]);
	const before = doc.cells.filter((c) => changed.some((d) => d.id === c.id));
	return tx(`Rename to ${name}`, changed.length ? [{ type: 'cells', before, after: changed }] : []);
}

export function titleTx(doc: Notebook, title: string): Transaction {
	const edits: Edit[] =
		title === doc.title ? [] : [{ type: 'title', before: doc.title, after: title }];
	return tx('Rename notebook', edits, 'title');
}

/* Notes: one step each, so undo brings back exactly the note that was added, changed or deleted. */

export function addNoteTx(doc: Notebook, note: Note): Transaction {
	return tx('Add note', [{ type: 'note', index: doc.notes.length, before: null, after: note }]);
}

/** Changes a note's text or tags (the anchor and authorship stay); stamps `updatedAt`. */
export function editNoteTx(
	doc: Notebook,
	id: string,
	patch: Partial<Pick<Note, 'text' | 'tags'>>,
	now: string
): Transaction {
	const index = doc.notes.findIndex((n) => n.id === id);
	const before = doc.notes[index];
	if (!before) return tx('Edit note', []);
	const after = { ...before, ...patch, updatedAt: now };
	return tx('Edit note', [{ type: 'note', index, before, after }]);
}

export function removeNoteTx(doc: Notebook, id: string): Transaction {
	const index = doc.notes.findIndex((n) => n.id === id);
	const before = doc.notes[index];
	return tx('Delete note', before ? [{ type: 'note', index, before, after: null }] : []);
}
