/**
 * The dependency graph of a notebook. Dependencies are declared (cell.inputs: slot -> cell name),
 * never parsed out of code. The graph reports static problems per cell (unknown kind, missing or
 * ill-typed input, cycles) so the engine never runs such a cell, and gives a stable topological
 * order: among independent cells, notebook order.
 */
import type { Cell } from './model';
import type { KindRegistry } from './kinds/kind';

export class NotebookGraph {
	/** Every cell id, topologically sorted; cells in or behind a cycle come last, in notebook order. */
	readonly order: string[];
	/** Static problems per cell id; such cells are errors and never run. */
	readonly errors: ReadonlyMap<string, string>;
	private readonly cells = new Map<string, Cell>();
	/** cell id -> slot -> upstream cell id (only inputs that resolve to a cell). */
	private readonly wired = new Map<string, Record<string, string>>();
	private readonly down = new Map<string, string[]>();
	private readonly rank = new Map<string, number>();

	constructor(cells: readonly Cell[], kinds: KindRegistry) {
		const errors = new Map<string, string[]>();
		const fail = (id: string, msg: string) => errors.set(id, [...(errors.get(id) ?? []), msg]);
		const byName = new Map<string, Cell>();
		for (const cell of cells) {
			this.cells.set(cell.id, cell);
			this.down.set(cell.id, []);
			if (byName.has(cell.name)) fail(cell.id, `name "${cell.name}" is used by another cell`);
			else byName.set(cell.name, cell);
		}
		for (const cell of cells) this.wire(cell, byName, kinds, fail);
		this.order = topoOrder(cells, this.wired);
		this.order.forEach((id, i) => this.rank.set(id, i));
		for (const [id, msg] of cycleErrors(cells, this.wired, this.down)) fail(id, msg);
		this.errors = new Map([...errors].map(([id, list]) => [id, list.join('; ')]));
	}

	private wire(
		cell: Cell,
		byName: Map<string, Cell>,
		kinds: KindRegistry,
		fail: (id: string, msg: string) => void
	): void {
		const kind = kinds[cell.kind];
		if (!kind) fail(cell.id, `unknown cell kind "${cell.kind}"`);
		const slots: Record<string, string> = {};
		for (const [slot, name] of Object.entries(cell.inputs)) {
			const spec = kind?.inputs.find((s) => s.slot === slot);
			if (kind && !spec) fail(cell.id, `kind "${cell.kind}" has no input "${slot}"`);
			if (name === '') continue;
			const source = byName.get(name);
			if (!source) {
				fail(cell.id, `input "${slot}" refers to "${name}", but no cell has that name`);
				continue;
			}
			slots[slot] = source.id;
			this.down.get(source.id)?.push(cell.id);
			const produces = kinds[source.kind]?.output;
			if (spec && produces && !spec.accepts.includes(produces)) {
				fail(
					cell.id,
					`input "${slot}" accepts ${spec.accepts.join(' or ')}, but "${name}" outputs ${produces}`
				);
			}
		}
		for (const spec of kind?.inputs ?? []) {
			if (spec.required && !cell.inputs[spec.slot]) {
				fail(cell.id, `input "${spec.slot}" is not connected`);
			}
		}
		this.wired.set(cell.id, slots);
	}

	/** The cell with this id, if it is in the notebook. */
	cell(cellId: string): Cell | undefined {
		return this.cells.get(cellId);
	}

	/** Slot -> upstream cell id, for the inputs of this cell that resolve. */
	inputsOf(cellId: string): Readonly<Record<string, string>> {
		return this.wired.get(cellId) ?? {};
	}

	/** Every cell this one depends on, directly or not, in topological order. */
	upstream(cellId: string): string[] {
		return this.closure(cellId, (id) => Object.values(this.inputsOf(id)));
	}

	/** Every cell that depends on this one, directly or not, in topological order. */
	dependents(cellId: string): string[] {
		return this.closure(cellId, (id) => this.down.get(id) ?? []);
	}

	/** Why the cell cannot run: its own static error, or the first cell upstream that has one. */
	blocker(cellId: string): string | undefined {
		const own = this.errors.get(cellId);
		if (own) return own;
		const bad = this.upstream(cellId).find((id) => this.errors.has(id));
		return bad && `upstream cell ${this.cell(bad)?.name ?? bad} failed`;
	}

	private closure(start: string, next: (id: string) => string[]): string[] {
		const seen = new Set<string>();
		const stack = [...next(start)];
		while (stack.length) {
			const id = stack.pop() as string;
			if (seen.has(id)) continue;
			seen.add(id);
			stack.push(...next(id));
		}
		seen.delete(start);
		return [...seen].sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0));
	}
}

/** Kahn's algorithm, always taking the ready cell that comes first in the notebook. */
function topoOrder(cells: readonly Cell[], wired: Map<string, Record<string, string>>): string[] {
	const pending = new Map<string, number>();
	const down = new Map<string, string[]>(cells.map((c) => [c.id, []]));
	for (const cell of cells) {
		const ups = new Set(Object.values(wired.get(cell.id) ?? {}));
		pending.set(cell.id, ups.size);
		for (const up of ups) down.get(up)?.push(cell.id);
	}
	const order: string[] = [];
	const done = new Set<string>();
	// O(n^2) in the worst case; notebooks have tens of cells, and this keeps the order obvious.
	for (;;) {
		const next = cells.find((c) => !done.has(c.id) && pending.get(c.id) === 0);
		if (!next) break;
		done.add(next.id);
		order.push(next.id);
		for (const d of down.get(next.id) ?? []) pending.set(d, (pending.get(d) ?? 0) - 1);
	}
	for (const cell of cells) if (!done.has(cell.id)) order.push(cell.id);
	return order;
}

/** Tarjan's strongly connected components over the "depends on" edges. */
function stronglyConnected(
	cells: readonly Cell[],
	wired: Map<string, Record<string, string>>
): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	const visit = (id: string): void => {
		index.set(id, counter);
		low.set(id, counter++);
		stack.push(id);
		onStack.add(id);
		for (const up of Object.values(wired.get(id) ?? {})) {
			if (!index.has(up)) {
				visit(up);
				low.set(id, Math.min(low.get(id)!, low.get(up)!));
			} else if (onStack.has(up)) {
				low.set(id, Math.min(low.get(id)!, index.get(up)!));
			}
		}
		if (low.get(id) !== index.get(id)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop() as string;
			onStack.delete(member);
			component.push(member);
		} while (member !== id);
		components.push(component);
	};
	for (const cell of cells) if (!index.has(cell.id)) visit(cell.id);
	return components;
}

/** For each cell on a cycle: "dependency cycle: a → b → a", starting at that cell. */
function cycleErrors(
	cells: readonly Cell[],
	wired: Map<string, Record<string, string>>,
	down: Map<string, string[]>
): Map<string, string> {
	const nameOf = new Map(cells.map((c) => [c.id, c.name]));
	const out = new Map<string, string>();
	for (const component of stronglyConnected(cells, wired)) {
		const members = new Set(component);
		const [only] = component;
		const selfLoop = Object.values(wired.get(only) ?? {}).includes(only);
		if (component.length === 1 && !selfLoop) continue;
		for (const id of component) {
			const path = shortestLoop(id, members, down).map((c) => nameOf.get(c));
			out.set(id, `dependency cycle: ${path.join(' → ')}`);
		}
	}
	return out;
}

/** Breadth-first search along data flow, inside one component, back to `start`. */
function shortestLoop(start: string, members: Set<string>, down: Map<string, string[]>): string[] {
	const parent = new Map<string, string>();
	const queue = [start];
	while (queue.length) {
		const id = queue.shift() as string;
		for (const next of down.get(id) ?? []) {
			if (!members.has(next)) continue;
			if (next === start) {
				const path = [id];
				while (path[0] !== start) path.unshift(parent.get(path[0]) as string);
				return [...path, start];
			}
			if (!parent.has(next)) {
				parent.set(next, id);
				queue.push(next);
			}
		}
	}
	return [start, start];
}
