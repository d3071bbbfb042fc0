import { describe, expect, it } from 'vitest';
import { NotebookGraph } from '$lib/notebook/graph';
import { KINDS } from '$lib/notebook/kinds';
import type { Cell } from '$lib/notebook/model';

const cell = (id: string, kind: string, inputs: Record<string, string> = {}): Cell => ({
	id,
	kind,
	name: id,
	inputs,
	params: {}
});
const graph = (...cells: Cell[]) => new NotebookGraph(cells, KINDS);

describe('NotebookGraph', () => {
	it('sorts topologically, keeping notebook order among independent cells', () => {
		const g = graph(
			cell('plot', 'chart', { data: 'd1' }),
			cell('notes', 'markdown'),
			cell('d1', 'data'),
			cell('st', 'stats', { data: 'd1' }),
			cell('d2', 'data')
		);
		expect(g.order).toEqual(['notes', 'd1', 'plot', 'st', 'd2']);
		expect(g.errors.size).toBe(0);
	});

	it('gives the transitive upstream and dependents in topological order', () => {
		const kinds = {
			...KINDS,
			pass: { ...KINDS.chart, kind: 'pass', output: 'data' as const }
		};
		const g = new NotebookGraph(
			[
				cell('c', 'pass', { data: 'b' }),
				cell('b', 'pass', { data: 'a' }),
				cell('a', 'data'),
				cell('x', 'data')
			],
			kinds
		);
		expect(g.upstream('c')).toEqual(['a', 'b']);
		expect(g.dependents('a')).toEqual(['b', 'c']);
		expect(g.dependents('x')).toEqual([]);
		expect(g.inputsOf('c')).toEqual({ data: 'b' });
	});

	it('reports every cell of a cycle, naming the cycle', () => {
		const kinds = { ...KINDS, pass: { ...KINDS.chart, kind: 'pass', output: 'data' as const } };
		const g = new NotebookGraph(
			[
				cell('a', 'pass', { data: 'c' }),
				cell('b', 'pass', { data: 'a' }),
				cell('c', 'pass', { data: 'b' }),
				cell('after', 'pass', { data: 'c' }),
				cell('free', 'data')
			],
			kinds
		);
		expect(g.errors.get('a')).toBe('dependency cycle: a → b → c → a');
		expect(g.errors.get('b')).toBe('dependency cycle: b → c → a → b');
		expect(g.errors.get('c')).toBe('dependency cycle: c → a → b → c');
		expect(g.errors.has('after')).toBe(false);
		expect(g.blocker('after')).toBe('upstream cell a failed');
		expect(g.order[0]).toBe('free');
		expect(g.order).toHaveLength(5);
	});

	it('detects a self-loop', () => {
		const kinds = { ...KINDS, pass: { ...KINDS.chart, kind: 'pass', output: 'data' as const } };
		const g = new NotebookGraph([cell('me', 'pass', { data: 'me' })], kinds);
		expect(g.errors.get('me')).toBe('dependency cycle: me → me');
	});

	it('reports a missing input, an unconnected required slot and an unknown slot', () => {
		const g = graph(
			cell('p1', 'chart', { data: 'nowhere' }),
			cell('p2', 'chart'),
			cell('d', 'data'),
			cell('p3', 'chart', { data: 'd', extra: 'd' })
		);
		expect(g.errors.get('p1')).toBe('input "data" refers to "nowhere", but no cell has that name');
		expect(g.errors.get('p2')).toBe('input "data" is not connected');
		expect(g.errors.get('p3')).toBe('kind "chart" has no input "extra"');
	});

	it('reports wiring to a cell whose output the slot does not accept', () => {
		const g = graph(cell('notes', 'markdown'), cell('plot', 'chart', { data: 'notes' }));
		expect(g.errors.get('plot')).toBe('input "data" accepts data, but "notes" outputs html');
	});

	it('reports unknown kinds and duplicate names', () => {
		const dup = { ...cell('d2', 'data'), name: 'd1' };
		const g = graph(cell('h', 'hologram'), cell('d1', 'data'), dup);
		expect(g.errors.get('h')).toBe('unknown cell kind "hologram"');
		expect(g.errors.get('d2')).toBe('name "d1" is used by another cell');
	});
});
