/**
 * Reading and writing `.nb.json`. Parsing normalises at the edge: whatever comes in (an old
 * version, a hand-edited file, a damaged export) leaves as a fully-defaulted Notebook with unique
 * ids and names, plus warnings saying what was repaired. Writing uses a fixed key order so saved
 * files diff cleanly.
 */
import { z } from 'zod';
import { freeName, nameFromKind, newId } from './ids';
import { migrate } from './migrate';
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type Cell, type Notebook } from './model';
import { orderedNote, parseNotes } from './notes';

/** Thrown when a file cannot be read as a notebook at all; `issues` lists every problem. */
export class NotebookParseError extends Error {
	constructor(readonly issues: string[]) {
		super(`not a valid notebook: ${issues.join('; ')}`);
		this.name = 'NotebookParseError';
	}
}

export interface ParsedNotebook {
	notebook: Notebook;
	/** What was repaired or migrated, one sentence each. */
	warnings: string[];
}

// Ids and names are checked by the repair pass (not here) so a damaged one is fixed, not fatal.
const CellSpec = z.object({
	id: z.unknown().optional(),
	kind: z.string().trim().min(1, 'a cell needs a kind'),
	name: z.unknown().optional(),
	inputs: z.record(z.string(), z.string()).default({}),
	params: z.record(z.string(), z.unknown()).default({}),
	source: z.string().optional()
});

const NotebookSpec = z.object({
	format: z.literal(NOTEBOOK_FORMAT),
	version: z.literal(NOTEBOOK_VERSION),
	id: z.unknown().optional(),
	title: z.string().default(''),
	incidentId: z.string().default(''),
	createdAt: z.string().optional(),
	updatedAt: z.string().optional(),
	cells: z.array(CellSpec).default([]),
	// Each note is checked on its own in notes.ts, so one damaged note costs only itself.
	notes: z.unknown().optional()
});

const NOTEBOOK_KEYS = Object.keys(NotebookSpec.shape);
const CELL_KEYS = Object.keys(CellSpec.shape);

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function formatIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const path = issue.path
			.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
			.join('');
		return path ? `${path}: ${issue.message}` : issue.message;
	});
}

function readRaw(input: unknown): Raw {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (err) {
			throw new NotebookParseError([`not valid JSON (${(err as Error).message})`]);
		}
	}
	if (!isRecord(value)) throw new NotebookParseError(['a notebook must be a JSON object']);
	if (value.format !== NOTEBOOK_FORMAT) {
		throw new NotebookParseError([
			`unknown format ${JSON.stringify(value.format)} (expected "${NOTEBOOK_FORMAT}")`
		]);
	}
	return value;
}

/** Keys this version does not know are dropped; say so, since the file may be from a fork. */
function unknownKeyWarnings(doc: Raw): string[] {
	const warnings: string[] = [];
	const extra = Object.keys(doc).filter((k) => !NOTEBOOK_KEYS.includes(k));
	if (extra.length) warnings.push(`ignored unknown notebook fields: ${extra.join(', ')}`);
	const cells = Array.isArray(doc.cells) ? doc.cells : [];
	cells.forEach((cell, i) => {
		if (!isRecord(cell)) return;
		const extraCell = Object.keys(cell).filter((k) => !CELL_KEYS.includes(k));
		if (extraCell.length)
			warnings.push(`cell ${i + 1}: ignored unknown fields: ${extraCell.join(', ')}`);
	});
	return warnings;
}

type CellIn = z.infer<typeof CellSpec>;
const usable = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Unique ids: keep the first holder of an id, give later duplicates and missing ones new ids. */
function repairIds(cells: CellIn[], warnings: string[]): string[] {
	const taken = new Set(cells.map((c) => c.id).filter(usable));
	const seen = new Set<string>();
	return cells.map((c, i) => {
		if (usable(c.id) && !seen.has(c.id)) {
			seen.add(c.id);
			return c.id;
		}
		const id = newId(taken);
		taken.add(id);
		seen.add(id);
		const why = usable(c.id) ? `duplicate id "${c.id}"` : 'missing id';
		warnings.push(`cell ${i + 1}: ${why}, assigned "${id}"`);
		return id;
	});
}

/** Unique names: missing ones derive from the kind (data, data_2); duplicates get a suffix. */
function repairNames(cells: CellIn[], warnings: string[]): string[] {
	const taken = new Set(cells.map((c) => c.name).filter(usable));
	const seen = new Set<string>();
	return cells.map((c, i) => {
		if (usable(c.name) && !seen.has(c.name)) {
			seen.add(c.name);
			return c.name;
		}
		const name = freeName(usable(c.name) ? c.name : nameFromKind(c.kind), taken);
		taken.add(name);
		seen.add(name);
		const why = usable(c.name) ? `duplicate name "${c.name}"` : 'missing name';
		warnings.push(`cell ${i + 1}: ${why}, renamed to "${name}"`);
		return name;
	});
}

function normalise(spec: z.infer<typeof NotebookSpec>, warnings: string[]): Notebook {
	const ids = repairIds(spec.cells, warnings);
	const names = repairNames(spec.cells, warnings);
	const cells: Cell[] = spec.cells.map((c, i) => {
		const cell: Cell = {
			id: ids[i],
			kind: c.kind,
			name: names[i],
			inputs: c.inputs,
			params: c.params
		};
		if (c.source !== undefined) cell.source = c.source;
		return cell;
	});
	const id = usable(spec.id) ? spec.id : 'nb_' + newId();
	if (id !== spec.id) warnings.push(`missing notebook id, assigned "${id}"`);
	const now = new Date().toISOString();
	if (!spec.createdAt || !spec.updatedAt) warnings.push('missing timestamps were set');
	const createdAt = spec.createdAt ?? spec.updatedAt ?? now;
	const updatedAt = spec.updatedAt ?? createdAt;
	const { format, version, title, incidentId } = spec;
	const notes = parseNotes(spec.notes, updatedAt, warnings);
	return { format, version, id, title, incidentId, createdAt, updatedAt, cells, notes };
}

/**
 * Parses `.nb.json` text (or an already-parsed value) into a normalised Notebook. Older versions
 * are migrated; an unknown format, a newer version or a structurally broken file throws a
 * NotebookParseError. Unknown cell kinds are kept (they fail when run).
 */
export function parseNotebook(input: unknown): ParsedNotebook {
	const raw = readRaw(input);
	let migrated: ReturnType<typeof migrate>;
	try {
		migrated = migrate(raw);
	} catch (err) {
		throw new NotebookParseError([(err as Error).message]);
	}
	const warnings = [...migrated.warnings, ...unknownKeyWarnings(migrated.doc)];
	const result = NotebookSpec.safeParse(migrated.doc);
	if (!result.success) throw new NotebookParseError(formatIssues(result.error));
	return { notebook: normalise(result.data, warnings), warnings };
}

function orderedCell(cell: Cell): Raw {
	const out: Raw = {
		id: cell.id,
		kind: cell.kind,
		name: cell.name,
		inputs: cell.inputs,
		params: cell.params
	};
	if (cell.source !== undefined) out.source = cell.source;
	return out;
}

/** Pretty JSON (2-space indent), fixed key order, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
	const doc = {
		format: nb.format,
		version: nb.version,
		id: nb.id,
		title: nb.title,
		incidentId: nb.incidentId,
		createdAt: nb.createdAt,
		updatedAt: nb.updatedAt,
		cells: nb.cells.map(orderedCell),
		notes: nb.notes.map(orderedNote)
	};
	return JSON.stringify(doc, null, 2) + '\n';
}
