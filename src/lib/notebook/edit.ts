/**
 * Document edits that need more than a field assignment: a new cell with defaults and a free
 * name, and renaming a cell together with every reference to it (one step, so no edit can leave
 * a dangling input behind).
 */
import { freeName, nameFromKind, newId } from './ids';
import type { KindRegistry } from './kinds/kind';
import type { Cell, Notebook } from './model';

/**
 * A new cell of `kind` with its default params, its slots wired to the nearest fit, and the
 * kind's suggestions for what the notebook holds (`seriesKeys`: the incident's series), so the
 * new cell validates and runs as added.
 */
export function newCell(
	doc: Notebook,
	kinds: KindRegistry,
	kind: string,
	seriesKeys: string[] = []
): Cell {
	const spec = kinds[kind];
	if (!spec) throw new Error(`unknown cell kind "${kind}"`);
	const ids = new Set(doc.cells.map((c) => c.id));
	const names = new Set(doc.cells.map((c) => c.name));
	const inputs: Record<string, string> = {};
	for (const slot of spec.inputs) {
		// Wire to the last cell whose output fits, which is what a user appending a cell means.
		const fit = [...doc.cells].reverse().find((c) => {
			const out = kinds[c.kind]?.output;
			return out !== undefined && slot.accepts.includes(out);
		});
		if (fit) inputs[slot.slot] = fit.name;
	}
	const wired: Record<string, Cell> = {};
	for (const [slot, name] of Object.entries(inputs)) {
		const c = doc.cells.find((x) => x.name === name);
		if (c) wired[slot] = c;
	}
	const suggested = spec.suggest?.({ inputs: wired, seriesKeys }) ?? {};
	const cell: Cell = {
		id: newId(ids),
		kind,
		name: freeName(nameFromKind(kind), names),
		inputs,
		params: spec.schema.parse(suggested) as Record<string, unknown>
	};
	if (spec.hasSource) cell.source = '';
	return cell;
}

const NAME_RE = /^[a-z_][a-z0-9_]*$/;

/** Why `name` cannot be used for cell `cellId`, or null when it can. */
export function nameProblem(doc: Notebook, cellId: string, name: string): string | null {
	if (!NAME_RE.test(name))
		return 'Use lower-case letters, digits and _ (not starting with a digit).';
	if (doc.cells.some((c) => c.id !== cellId && c.name === name)) return `"${name}" is taken.`;
	return null;
}

/** Renames a cell and rewrites every input that referenced the old name. */
export function renameCell(doc: Notebook, cellId: string, name: string): Notebook {
	const cell = doc.cells.find((c) => c.id === cellId);
	if (!cell || cell.name === name) return doc;
	const old = cell.name;
	const cells = doc.cells.map((c) => {
		const inputs = Object.fromEntries(
			Object.entries(c.inputs).map(([slot, ref]) => [slot, ref === old ? name : ref])
		);
		return c.id === cellId ? { ...c, name, inputs } : { ...c, inputs };
	});
	return { ...doc, cells };
}
