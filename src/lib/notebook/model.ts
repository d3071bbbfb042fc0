/**
 * The notebook document: what is saved to `.nb.json`, exported and shared. It holds intent only
 * (cells, their parameters and declared dependencies); outputs and run status live elsewhere
 * (runtime state in memory, cached outputs in IndexedDB keyed by hash).
 */

export const NOTEBOOK_FORMAT = 'aitia.notebook';
/** Current document version; older versions are upgraded by migrate.ts. */
export const NOTEBOOK_VERSION = 1;

export interface Cell {
	/** Short random id; never changes, unique within the notebook. */
	id: string;
	/** Cell kind: one module under kinds/ per kind ('markdown', 'data', 'chart', 'stats', ...). */
	kind: string;
	/** Unique name within the notebook; other cells reference it in their `inputs`. */
	name: string;
	/** Declared dependencies: input slot -> name of the cell feeding it. */
	inputs: Record<string, string>;
	/** Kind-specific parameters (validated by the kind's schema). */
	params: Record<string, unknown>;
	/** Free text for kinds that have it (markdown). */
	source?: string;
}

export interface Notebook {
	/** Always 'aitia.notebook'. */
	format: typeof NOTEBOOK_FORMAT;
	/** Document version. */
	version: number;
	/** Stable notebook id. */
	id: string;
	title: string;
	/** The incident this notebook analyses (manifest id of a stored bundle). */
	incidentId: string;
	cells: Cell[];
	/** ISO 8601 creation time. */
	createdAt: string;
	/** ISO 8601 last-change time. */
	updatedAt: string;
}
