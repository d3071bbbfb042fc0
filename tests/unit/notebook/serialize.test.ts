import { describe, expect, it } from 'vitest';
import { migrate, type MigrationStep } from '$lib/notebook/migrate';
import type { Notebook } from '$lib/notebook/model';
import { NotebookParseError, parseNotebook, serializeNotebook } from '$lib/notebook/serialize';
import { sampleNotebook } from './notebooks';

const parse = (x: unknown) => parseNotebook(x);
const raw = (cells: unknown[], extra: Record<string, unknown> = {}) => ({
	...sampleNotebook(),
	cells,
	...extra
});

describe('serializeNotebook / parseNotebook', () => {
	it('round-trips every kind', () => {
		const nb = sampleNotebook();
		const { notebook, warnings } = parse(serializeNotebook(nb));
		expect(notebook).toEqual(nb);
		expect(warnings).toEqual([]);
	});

	it('writes canonical text: fixed key order, 2-space indent, trailing newline', () => {
		const text = serializeNotebook(sampleNotebook());
		expect(text.endsWith('}\n')).toBe(true);
		expect(Object.keys(JSON.parse(text))).toEqual([
			'format',
			'version',
			'id',
			'title',
			'incidentId',
			'createdAt',
			'updatedAt',
			'cells',
			'notes'
		]);
		expect(Object.keys(JSON.parse(text).cells[0])).toEqual([
			'id',
			'kind',
			'name',
			'inputs',
			'params',
			'source'
		]);
		expect(text).toContain('\n  "cells": [\n    {\n      "id": "m1"');
		expect(serializeNotebook(parse(text).notebook)).toBe(text);
	});

	it('orders keys the same whatever order the object had', () => {
		const nb = sampleNotebook();
		const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
		const shuffled = { ...reversed(nb), cells: nb.cells.map(reversed) } as Notebook;
		expect(serializeNotebook(shuffled)).toBe(serializeNotebook(nb));
	});

	it('fills defaults for inputs and params', () => {
		const { notebook } = parse(raw([{ id: 'a', kind: 'markdown', name: 'a', source: 'x' }]));
		expect(notebook.cells[0]).toEqual({
			id: 'a',
			kind: 'markdown',
			name: 'a',
			inputs: {},
			params: {},
			source: 'x'
		});
	});

	it('repairs duplicate and missing ids', () => {
		const { notebook, warnings } = parse(
			raw([
				{ id: 'a', kind: 'data', name: 'x' },
				{ id: 'a', kind: 'data', name: 'y' },
				{ kind: 'data', name: 'z' }
			])
		);
		const ids = notebook.cells.map((c) => c.id);
		expect(ids[0]).toBe('a');
		expect(new Set(ids).size).toBe(3);
		expect(ids[1]).toMatch(/^[a-z][a-z0-9]{7}$/);
		expect(warnings.join('\n')).toMatch(/duplicate id "a"/);
		expect(warnings.join('\n')).toMatch(/missing id/);
	});

	it('repairs missing names from the kind and duplicate names with a suffix', () => {
		const { notebook, warnings } = parse(
			raw([
				{ id: 'a', kind: 'data' },
				{ id: 'b', kind: 'data', name: '' },
				{ id: 'c', kind: 'chart', name: 'plot' },
				{ id: 'd', kind: 'chart', name: 'plot' },
				{ id: 'e', kind: 'data', name: 'data_2' }
			])
		);
		expect(notebook.cells.map((c) => c.name)).toEqual([
			'data',
			'data_3',
			'plot',
			'plot_2',
			'data_2'
		]);
		expect(warnings.filter((w) => /renamed/.test(w))).toHaveLength(3);
	});

	it('keeps cells of unknown kinds', () => {
		const { notebook } = parse(raw([{ id: 'a', kind: 'hologram', name: 'h', params: { x: 1 } }]));
		expect(notebook.cells[0]).toMatchObject({ kind: 'hologram', params: { x: 1 } });
	});

	it('warns about and drops unknown fields', () => {
		const { notebook, warnings } = parse(
			raw([{ id: 'a', kind: 'data', name: 'a', colour: 'red' }], { theme: 'dark' })
		);
		expect(notebook).not.toHaveProperty('theme');
		expect(notebook.cells[0]).not.toHaveProperty('colour');
		expect(warnings).toEqual([
			'ignored unknown notebook fields: theme',
			'cell 1: ignored unknown fields: colour'
		]);
	});

	it('rejects an unknown format, a newer version, bad JSON and broken cells', () => {
		expect(() => parse('{nope')).toThrow(/not valid JSON/);
		expect(() => parse('[]')).toThrow(/must be a JSON object/);
		expect(() => parse({ ...sampleNotebook(), format: 'jupyter' })).toThrow(
			/unknown format "jupyter"/
		);
		expect(() => parse({ ...sampleNotebook(), version: 3 })).toThrow(/version 3 is newer/);
		expect(() => parse({ ...sampleNotebook(), version: '1' })).toThrow(/whole number/);
		try {
			parse(
				raw([
					{ id: 'a', name: 'a' },
					{ id: 'b', kind: 'data', inputs: { data: 3 } }
				])
			);
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(NotebookParseError);
			const issues = (err as NotebookParseError).issues;
			expect(issues.some((i) => i.startsWith('cells[0].kind'))).toBe(true);
			expect(issues.some((i) => i.startsWith('cells[1].inputs.data'))).toBe(true);
		}
	});

	it('sets missing timestamps and notebook id', () => {
		const { notebook, warnings } = parse({ format: 'aitia.notebook', version: 2, cells: [] });
		expect(notebook.id).toMatch(/^nb_/);
		expect(notebook.createdAt).toBe(notebook.updatedAt);
		expect(notebook.title).toBe('');
		expect(notebook.notes).toEqual([]);
		expect(warnings.length).toBe(2);
	});
});

describe('migrate', () => {
	const v0 = {
		format: 'aitia.notebook',
		version: 0,
		id: 'nb_old',
		title: 'Draft',
		incidentId: 'inc-1',
		createdAt: '2025-12-01T00:00:00.000Z',
		updatedAt: '2025-12-01T00:00:00.000Z',
		cells: [
			{ id: 'x1', type: 'md', title: 'notes', text: '# Hi' },
			{ id: 'x2', type: 'data', title: 'golden', config: { series: ['*'] } },
			{ id: 'x3', type: 'chart', title: 'plot', deps: ['x2'], config: { normalize: true } },
			{ id: 'x4', type: 'stats', deps: ['golden', 'plot'] }
		]
	};

	it('upgrades a version 0 draft', () => {
		const { notebook, warnings } = parseNotebook(JSON.stringify(v0));
		expect(notebook.version).toBe(2);
		expect(notebook.notes).toEqual([]);
		expect(notebook.cells).toEqual([
			{ id: 'x1', kind: 'markdown', name: 'notes', inputs: {}, params: {}, source: '# Hi' },
			{ id: 'x2', kind: 'data', name: 'golden', inputs: {}, params: { series: ['*'] } },
			{
				id: 'x3',
				kind: 'chart',
				name: 'plot',
				inputs: { data: 'golden' },
				params: { normalize: true }
			},
			{ id: 'x4', kind: 'stats', name: 'stats', inputs: { data: 'golden' }, params: {} }
		]);
		expect(warnings.join('\n')).toMatch(/migrated from version 0 to 1/);
		expect(warnings.join('\n')).toMatch(/only the first of 2 dependencies/);
	});

	it('applies steps in order and refuses gaps', () => {
		const steps: MigrationStep[] = [
			{ from: 0, description: 'a', up: (d) => ({ ...d, trail: 'a' }) }
		];
		const both: MigrationStep[] = [
			...steps,
			{ from: 1, description: 'b', up: (d) => ({ ...d, trail: `${String(d.trail)}b` }) }
		];
		expect(migrate({ version: 0 }, both).doc).toEqual({ version: 2, trail: 'ab' });
		expect(() => migrate({ version: 0 }, steps)).toThrow(/no migration from notebook version 1/);
		expect(() => migrate({ version: 0 }, [])).toThrow(/no migration from notebook version 0/);
		expect(migrate({ version: 2 }, []).warnings).toEqual([]);
	});
});
