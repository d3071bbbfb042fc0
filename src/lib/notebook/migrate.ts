/**
 * Upgrades raw notebook JSON from older document versions, one step at a time (n -> n+1), before
 * validation. Every format bump adds one step here and a test with a file of the old version.
 */
import { NOTEBOOK_VERSION } from './model';

type Raw = Record<string, unknown>;

export interface MigrationStep {
	/** The version this step reads; it writes `from + 1`. */
	from: number;
	/** What changed, for the warning shown after loading an old file. */
	description: string;
	/** Pure: returns the upgraded document (without `version`; the runner sets it). Lossy changes
	 * are reported through `warn`. */
	up(doc: Raw, warn: (message: string) => void): Raw;
}

export interface MigrationResult {
	/** The document at NOTEBOOK_VERSION (still unvalidated). */
	doc: Raw;
	/** One line per applied step. */
	warnings: string[];
}

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v0 (pre-release drafts): cells were `{id, type, title?, deps?: string[], config?, text?}`.
 * `deps` named other cells by id or title; v1 wires the first one to the `data` slot by name.
 */
function v0CellToV1(
	cell: unknown,
	nameOf: Map<string, string>,
	warn: (m: string) => void
): unknown {
	if (!isRecord(cell)) return cell;
	const { type, title, deps, config, text, ...rest } = cell;
	const out: Raw = { ...rest, kind: type === 'md' ? 'markdown' : type };
	if (typeof title === 'string') out.name = title;
	const depList = Array.isArray(deps) ? deps.filter((d): d is string => typeof d === 'string') : [];
	out.inputs = depList.length > 0 ? { data: nameOf.get(depList[0]) ?? depList[0] } : {};
	if (depList.length > 1) {
		warn(`cell ${String(cell.id)}: only the first of ${depList.length} dependencies was kept`);
	}
	if (config !== undefined) out.params = config;
	if (text !== undefined) out.source = text;
	return out;
}

function v0ToV1(doc: Raw, warn: (m: string) => void): Raw {
	const cells = Array.isArray(doc.cells) ? doc.cells : [];
	// A v0 dependency may be a cell id or a title; both resolve to the v1 name (= the title).
	const nameOf = new Map<string, string>();
	for (const c of cells) {
		if (!isRecord(c) || typeof c.title !== 'string') continue;
		if (typeof c.id === 'string') nameOf.set(c.id, c.title);
		nameOf.set(c.title, c.title);
	}
	return { ...doc, cells: cells.map((c) => v0CellToV1(c, nameOf, warn)) };
}

/** v1 -> v2: notes arrived; a v1 document has none (a stray `notes` of a fork is left to the parser). */
function v1ToV2(doc: Raw): Raw {
	return { ...doc, notes: Array.isArray(doc.notes) ? doc.notes : [] };
}

/** Ordered steps; index i upgrades version i to i + 1. */
export const MIGRATIONS: MigrationStep[] = [
	{
		from: 0,
		description: 'cells: type/title/deps/config/text became kind/name/inputs/params/source',
		up: v0ToV1
	},
	{ from: 1, description: 'notes (analyst annotations) were added, none yet', up: v1ToV2 }
];

/**
 * Applies every step from `doc.version` up to NOTEBOOK_VERSION. Throws on a version that is not a
 * whole number, newer than this app, or without a migration path.
 */
export function migrate(doc: Raw, steps: MigrationStep[] = MIGRATIONS): MigrationResult {
	const version = doc.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
		throw new Error(`notebook version must be a whole number, got ${JSON.stringify(version)}`);
	}
	if (version > NOTEBOOK_VERSION) {
		throw new Error(
			`notebook version ${version} is newer than this version of AITIA supports (${NOTEBOOK_VERSION}); update AITIA to open it`
		);
	}
	const warnings: string[] = [];
	let current = doc;
	for (let v = version; v < NOTEBOOK_VERSION; v++) {
		const step = steps.find((s) => s.from === v);
		if (!step) throw new Error(`no migration from notebook version ${v} to ${v + 1}`);
		warnings.push(`migrated from version ${v} to ${v + 1}: ${step.description}`);
		current = { ...step.up(current, (m) => warnings.push(m)), version: v + 1 };
	}
	return { doc: current, warnings };
}
