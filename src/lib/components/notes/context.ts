/**
 * Context for notes: the notebook's Annotator (set by the notebook view, absent in views that do
 * not annotate) and the id of the cell an output belongs to (set by each cell frame), so a chart
 * or a table deep inside an output can pin a note without every view passing them along.
 */
import { getContext, setContext } from 'svelte';
import type { Annotator } from '$lib/state/Annotator.svelte';

const ANNOTATOR = Symbol('annotator');
const CELL = Symbol('cell-id');

export const provideAnnotator = (a: Annotator): Annotator => setContext(ANNOTATOR, a);
export const annotator = (): Annotator | undefined => getContext<Annotator | undefined>(ANNOTATOR);

/** The cell id is read through a getter: a frame keeps its component when its cell is reordered. */
export const provideCell = (id: () => string): void => void setContext(CELL, id);
export const currentCell = (): string | undefined =>
	getContext<(() => string) | undefined>(CELL)?.();
