/**
 * The notebook document: what is saved to `.nb.json`, exported and shared. It holds intent only
 * (cells, their parameters and declared dependencies); outputs and run status live elsewhere
 * (runtime state in memory, cached outputs in IndexedDB keyed by hash).
 */

export const NOTEBOOK_FORMAT = 'aitia.notebook';
/** Current document version; older versions are upgraded by migrate.ts. */
export const NOTEBOOK_VERSION = 2;

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
	/** The analysts' notes on the incident and its analysis (v2). */
	notes: Note[];
	/** ISO 8601 creation time. */
	createdAt: string;
	/** ISO 8601 last-change time. */
	updatedAt: string;
}

/** Tags every note can carry; free tags are allowed beside them. */
export const NOTE_TAGS = ['trigger', 'mitigation', 'root cause', 'red herring'] as const;

/** What a note is pinned to. Times are epoch ms; cells are named by id, so a rename keeps the pin. */
export type NoteAnchor =
	/** A moment (no `end`) or a time range, e.g. selected on a chart (`cell`) and its series. */
	| { type: 'time'; t: number; end?: number; cell?: string; series?: string[] }
	/**
	 * One item of a cell's output: a log line, an event, a causal-graph edge or a ranked candidate,
	 * named by `key` (the line's text, the edge "a → b", the service) and its time when it has one.
	 */
	| {
			type: 'item';
			item: 'log' | 'event' | 'edge' | 'candidate';
			cell: string;
			key: string;
			t?: number;
	  }
	/** A whole cell. */
	| { type: 'cell'; cell: string };

/** An analyst's note. Written and edited in the notebook, saved with it, shared in capsules. */
export interface Note {
	/** Short random id, unique within the notebook. */
	id: string;
	on: NoteAnchor;
	/** Markdown; rendered sanitised (no raw HTML, no script URLs, no off-site images). */
	text: string;
	/** `NOTE_TAGS` or free tags, lower case, no duplicates. */
	tags: string[];
	/** The name the analyst set once in this browser. */
	author: string;
	/** ISO 8601. */
	createdAt: string;
	/** ISO 8601; equal to createdAt until the note is edited. */
	updatedAt: string;
}
