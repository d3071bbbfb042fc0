/** What a new version of the document, or a move of the replay cursor, invalidates (engine.setNotebook, engine.setCursor). */
import type { NotebookGraph } from './graph';
import { stableStringify } from './hash';
import type { KindRegistry } from './kinds/kind';
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type Cell, type Notebook } from './model';

/** The document before the first setNotebook. */
export const EMPTY_NOTEBOOK: Notebook = {
	format: NOTEBOOK_FORMAT,
	version: NOTEBOOK_VERSION,
	id: '',
	title: '',
	incidentId: '',
	cells: [],
	notes: [],
	createdAt: '',
	updatedAt: ''
};

/**
 * What decides a cell's output: kind, params, source and the cells its inputs resolve to (by id,
 * so renaming a cell and its references is no change; a name that does not resolve counts as is).
 */
function definition(cell: Cell, graph: NotebookGraph): string {
	const { kind, params, source } = cell;
	const wired = graph.inputsOf(cell.id);
	const inputs = Object.fromEntries(
		Object.entries(cell.inputs).map(([slot, name]) => [slot, wired[slot] ?? `?${name}`])
	);
	return stableStringify({ kind, params, source, inputs });
}

/** Cells whose definition changed (or their incident, or the notes they read), plus everything downstream. */
export function dirtyCells(
	prev: { doc: Notebook; graph: NotebookGraph },
	next: { doc: Notebook; graph: NotebookGraph },
	kinds: KindRegistry
): Set<string> {
	const dirty = new Set<string>();
	const incidentMoved = prev.doc.incidentId !== next.doc.incidentId;
	const notesMoved = stableStringify(prev.doc.notes) !== stableStringify(next.doc.notes);
	for (const cell of next.doc.cells) {
		const old = prev.graph.cell(cell.id);
		if (!old) continue;
		const kind = kinds[cell.kind];
		const changed =
			(incidentMoved && kind?.readsIncident) ||
			(notesMoved && kind?.readsNotes) ||
			definition(old, prev.graph) !== definition(cell, next.graph);
		if (!changed) continue;
		dirty.add(cell.id);
		for (const d of next.graph.dependents(cell.id)) dirty.add(d);
	}
	return dirty;
}

/** Cells that re-run while the cursor moves: live kinds fed only by live kinds (a chart of a data cell). */
export function liveCells(graph: NotebookGraph, kinds: KindRegistry): Set<string> {
	const live = (id: string) => !!kinds[graph.cell(id)?.kind ?? '']?.live;
	return new Set(graph.order.filter((id) => live(id) && graph.upstream(id).every(live)));
}

/**
 * Cells a move of the replay cursor makes stale: those that read the incident in time or the
 * notes (hidden at a cursor), and everything downstream.
 */
export function cursorCells(graph: NotebookGraph, kinds: KindRegistry): Set<string> {
	const touched = new Set<string>();
	for (const id of graph.order) {
		const kind = kinds[graph.cell(id)?.kind ?? ''];
		if (!kind?.time && !kind?.readsNotes) continue;
		touched.add(id);
		for (const d of graph.dependents(id)) touched.add(d);
	}
	return touched;
}
