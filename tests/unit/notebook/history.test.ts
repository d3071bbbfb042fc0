import { describe, expect, it } from 'vitest';
import { KINDS } from '$lib/notebook/kinds';
import { newCell } from '$lib/notebook/edit';
import {
	applyTx,
	duplicateTx,
	EMPTY_HISTORY,
	insertTx,
	invertTx,
	moveTx,
	patchTx,
	record,
	redo,
	removeTx,
	renameTx,
	titleTx,
	undo,
	type History,
	type Transaction
} from '$lib/notebook/history';
import type { Notebook } from '$lib/notebook/model';
import { keyAction, type KeyInput } from '$lib/components/notebook/keys';
import { sampleNotebook } from './notebooks';

const names = (doc: Notebook) => doc.cells.map((c) => c.name);

/** Applies and records, as the session does. */
function commit(state: { doc: Notebook; h: History }, tx: Transaction) {
	return { doc: applyTx(state.doc, tx), h: record(state.h, tx) };
}

describe('edit transactions', () => {
	const doc = sampleNotebook();

	it('every transaction is undone exactly by its inverse', () => {
		const cell = newCell(doc, KINDS, 'stats');
		const txs = [
			insertTx(doc, cell, 1),
			removeTx(doc, 'c1'),
			moveTx(doc, 'm1', 3),
			duplicateTx(doc, 'd1'),
			patchTx(doc, 'c1', { params: { title: 'x' } }),
			renameTx(doc, 'd1', 'edge'),
			titleTx(doc, 'Other')
		];
		for (const tx of txs) {
			expect(tx.edits.length).toBeGreaterThan(0);
			const after = applyTx(doc, tx);
			expect(after).not.toEqual(doc);
			expect(applyTx(after, invertTx(tx))).toEqual(doc);
		}
	});

	it('a deleted cell comes back with its id, params and place', () => {
		const after = applyTx(doc, removeTx(doc, 'c1'));
		expect(names(after)).toEqual(['intro', 'golden', 'stats']);
		const back = applyTx(after, invertTx(removeTx(doc, 'c1')));
		expect(back.cells[2]).toBe(doc.cells[2]);
	});

	it('duplicates next to the original with a new id and a free name', () => {
		const after = applyTx(doc, duplicateTx(doc, 'd1'));
		expect(names(after)).toEqual(['intro', 'golden', 'golden_copy', 'golden_chart', 'stats']);
		expect(after.cells[2].id).not.toBe('d1');
		expect(after.cells[2].params).toEqual(doc.cells[1].params);
		const twice = applyTx(after, duplicateTx(after, after.cells[2].id));
		expect(names(twice)[3]).toBe('golden_copy_2');
	});

	it('renaming rewrites references and undoes in one step', () => {
		const tx = renameTx(doc, 'd1', 'edge');
		const after = applyTx(doc, tx);
		expect(after.cells.find((c) => c.id === 'c1')?.inputs.data).toBe('edge');
		expect(applyTx(after, invertTx(tx))).toEqual(doc);
	});

	it('moves clamp and a move to the same place is no step', () => {
		expect(moveTx(doc, 'm1', 0).edits).toEqual([]);
		expect(names(applyTx(doc, moveTx(doc, 'm1', 99)))).toEqual([
			'golden',
			'golden_chart',
			'stats',
			'intro'
		]);
	});
});

describe('history', () => {
	it('undo and redo walk the steps; a new edit drops the redo branch', () => {
		let s = { doc: sampleNotebook(), h: EMPTY_HISTORY };
		const start = s.doc;
		s = commit(s, removeTx(s.doc, 'c1'));
		s = commit(s, moveTx(s.doc, 'm1', 2));
		const u1 = undo(s.h, s.doc)!;
		expect(names(u1.doc)).toEqual(['intro', 'golden', 'stats']);
		const u2 = undo(u1.history, u1.doc)!;
		expect(u2.doc).toEqual(start);
		expect(undo(u2.history, u2.doc)).toBeNull();
		const r1 = redo(u2.history, u2.doc)!;
		expect(names(r1.doc)).toEqual(['intro', 'golden', 'stats']);
		const branched = record(r1.history, titleTx(r1.doc, 'New'));
		expect(branched.future).toEqual([]);
		expect(branched.past).toHaveLength(2);
	});

	it('typing into one field merges into one step, other fields do not', () => {
		let s = { doc: sampleNotebook(), h: EMPTY_HISTORY };
		for (const text of ['#', '# W', '# Why']) s = commit(s, patchTx(s.doc, 'm1', { source: text }));
		s = commit(s, patchTx(s.doc, 'c1', { params: { title: 'T' } }));
		expect(s.h.past).toHaveLength(2);
		const u = undo(undo(s.h, s.doc)!.history, undo(s.h, s.doc)!.doc)!;
		expect(u.doc.cells[0].source).toBe('# Why?');
	});

	it('does not record empty transactions', () => {
		const doc = sampleNotebook();
		expect(record(EMPTY_HISTORY, moveTx(doc, 'm1', 0))).toBe(EMPTY_HISTORY);
	});
});

describe('new cells validate as added', () => {
	it('every kind gets params its schema accepts', () => {
		const doc = sampleNotebook();
		for (const kind of Object.keys(KINDS)) {
			const cell = newCell(doc, KINDS, kind, ['edge.latency_ms', 'db.cpu_util', 'edge.errors']);
			expect(() => KINDS[kind].schema.parse(cell.params), kind).not.toThrow();
		}
	});

	it('an effect cell gets a visible treatment and outcome from its data cell', () => {
		const doc = sampleNotebook();
		const keys = ['edge.requests', 'edge.latency_ms', 'db.cpu_util'];
		const cell = newCell(doc, KINDS, 'effect', keys);
		// The data cell selects edge.* only, so the treatment is the other edge series.
		expect(cell.params).toMatchObject({ outcome: 'edge.latency_ms', treatment: 'edge.requests' });
		expect(cell.inputs).toEqual({ data: 'golden' });
	});
});

describe('notebook keys', () => {
	const k = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
		key,
		ctrlKey: false,
		metaKey: false,
		shiftKey: false,
		altKey: false,
		...mods
	});
	it('maps keys by where they are pressed', () => {
		expect(keyAction(k('z', { ctrlKey: true }), 'cell')).toBe('undo');
		expect(keyAction(k('Z', { ctrlKey: true, shiftKey: true }), 'other')).toBe('redo');
		expect(keyAction(k('y', { metaKey: true }), 'other')).toBe('redo');
		expect(keyAction(k('z', { ctrlKey: true }), 'field')).toBeNull();
		expect(keyAction(k('?', { shiftKey: true }), 'other')).toBe('help');
		expect(keyAction(k('ArrowUp'), 'cell')).toBe('prev');
		expect(keyAction(k('ArrowDown'), 'cell')).toBe('next');
		expect(keyAction(k('ArrowDown'), 'other')).toBeNull();
		expect(keyAction(k('ArrowUp', { altKey: true }), 'cell')).toBe('move-up');
		expect(keyAction(k('ArrowDown', { altKey: true }), 'cell')).toBe('move-down');
	});
});
