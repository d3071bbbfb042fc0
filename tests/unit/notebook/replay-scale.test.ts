/** The replay scale (steps, marks) and the replay keys. */
import { describe, expect, it } from 'vitest';
import { keyAction } from '$lib/components/notebook/keys';
import { jumpMark, replayScale, stepCursor } from '$lib/state/replay';
import type { IncidentInfo } from '$workers/data/api';

const H = 3_600_000;
const info = {
	manifest: {
		timeRange: { start: 0, end: 6 * H },
		onset: 4 * H,
		baseline: { start: 0, end: 3 * H }
	},
	events: [
		{ t: 3.5 * H, kind: 'deploy', title: 'v2' },
		{ t: 5 * H, kind: 'physical', title: 'leak found' }
	],
	annotations: [{ id: 'n1', t: 4.5 * H, text: 'paged', author: 'ana' }]
} as unknown as IncidentInfo;

describe('replay scale', () => {
	it('steps by a round interval that crosses the incident in at most 300 steps', () => {
		const s = replayScale(info);
		expect(s.step).toBe(120_000); // 6 h / 2 min = 180 steps; 1 min would be 360
		expect(stepCursor(s, null, 1, 4 * H)).toBe(4 * H + 120_000); // starts at the onset
		expect(stepCursor(s, 0, -1)).toBe(0); // clamped
		expect(stepCursor(s, 6 * H - 60_000, 1)).toBe(6 * H);
	});

	it('jumps between events, the onset and the end of the baseline', () => {
		const s = replayScale(info);
		expect(s.marks.map((m) => m.kind)).toEqual(['baseline-end', 'event', 'onset', 'note', 'event']);
		expect(s.marks[3].label).toBe('ana: paged');
		expect(jumpMark(s, null, 1)).toBe(3 * H);
		expect(jumpMark(s, 3 * H, 1)).toBe(3.5 * H);
		expect(jumpMark(s, 4.5 * H, -1)).toBe(4 * H);
		expect(jumpMark(s, 4 * H, 1)).toBe(4.5 * H);
		expect(jumpMark(s, 5 * H, 1)).toBe(5 * H); // nothing after: stays
	});

	it("adds the notebook's notes and anomaly starts as marks, in time order", () => {
		const note = {
			id: 'x',
			on: { type: 'time' as const, t: 4.2 * H, end: 4.4 * H },
			text: 'pool exhausted',
			tags: ['trigger'],
			author: 'bo',
			createdAt: '',
			updatedAt: ''
		};
		const cellNote = { ...note, id: 'y', on: { type: 'cell' as const, cell: 'c1' } };
		const s = replayScale(info, [note, cellNote], [{ t: 4.1 * H, label: 'anomaly on edge.p95' }]);
		expect(s.marks.map((m) => m.kind)).toEqual([
			'baseline-end',
			'event',
			'onset',
			'anomaly',
			'note',
			'note',
			'event'
		]);
		expect(s.marks[4].label).toBe('[trigger] bo: pool exhausted');
		expect(jumpMark(s, 4 * H, 1)).toBe(4.1 * H);
	});

	it('maps , . [ ] \\ to the cursor, but not inside a text field', () => {
		const key = (k: string) => ({
			key: k,
			ctrlKey: false,
			metaKey: false,
			shiftKey: false,
			altKey: false
		});
		expect(keyAction(key(','), 'other')).toBe('cursor-back');
		expect(keyAction(key('.'), 'cell')).toBe('cursor-forward');
		expect(keyAction(key('['), 'other')).toBe('cursor-prev-mark');
		expect(keyAction(key(']'), 'other')).toBe('cursor-next-mark');
		expect(keyAction(key('\\'), 'other')).toBe('cursor-clear');
		expect(keyAction(key(','), 'field')).toBeNull();
	});
});
