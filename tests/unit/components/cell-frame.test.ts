import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CellFrame from '$lib/components/cell/CellFrame.svelte';
import type { Cell, Notebook } from '$lib/notebook/model';
import { IDLE, type CellState } from '$lib/notebook/status';

const cell: Cell = { id: 'c1', name: 'forecast', kind: 'forecast', params: {}, inputs: {} };
const doc = { cells: [cell] } as unknown as Notebook;
const noop = () => {};
const frame = (cellState: CellState) =>
	render(CellFrame, {
		props: {
			cell,
			doc,
			cellState,
			output: undefined,
			now: 0,
			timezone: 'UTC',
			seriesKeys: [],
			index: 0,
			onRun: noop,
			onRunAndNext: noop,
			onCancel: noop,
			onChange: noop,
			onRename: noop,
			onMove: noop,
			onDuplicate: noop,
			onDragStart: noop,
			onDragEnd: noop,
			onDelete: noop
		}
	}).body;

describe('CellFrame', () => {
	it('shows a running job’s progress as a bar with its share and what it is doing', () => {
		const running: CellState = {
			...IDLE,
			status: 'running',
			progress: { fraction: 0.326, label: 'replaying the forecaster: sample 129,024 of 400,000' }
		};
		const body = frame(running);
		expect(body).toMatch(/<progress[^>]*value="0.326"/);
		expect(body).toContain('32 % · replaying the forecaster: sample 129,024 of 400,000');
		// Done: no bar, whatever progress was last reported.
		expect(frame({ ...running, status: 'done' })).not.toContain('<progress');
	});
});
