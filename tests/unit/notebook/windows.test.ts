/** support/windows.ts: the named windows cells and charts use, declared or proposed. */
import { describe, expect, it } from 'vitest';
import { incidentWindows, namedWindow } from '../../../src/lib/notebook/support/windows';
import type { Manifest } from '../../../workers/bundle/types';

const H = 3_600_000;
const manifest = {
	id: 'x',
	title: 'x',
	services: ['a'],
	timeRange: { start: 0, end: 6 * H },
	timezone: 'UTC'
} as unknown as Manifest;
const proposed = { onset: 4 * H, baseline: { start: H, end: 2 * H }, series: 'a.cpu' };

describe('named windows', () => {
	it('come from the proposal, flagged, when the manifest declares no times', () => {
		const info = { manifest, proposed };
		expect(namedWindow(info, 'baseline')).toEqual({ start: H, end: 2 * H });
		expect(namedWindow(info, 'incident')).toEqual({ start: 4 * H, end: 6 * H });
		expect(incidentWindows(info)).toEqual([
			{ label: 'baseline', start: H, end: 2 * H, proposed: true },
			{ label: 'incident', start: 4 * H, end: 6 * H, proposed: true }
		]);
	});

	it('follow the manifest when it declares a time, and have no baseline without one', () => {
		const declared = { manifest: { ...manifest, onset: 5 * H }, proposed };
		expect(namedWindow(declared, 'baseline')).toBeUndefined();
		expect(incidentWindows(declared)).toEqual([{ label: 'incident', start: 5 * H, end: 6 * H }]);
		expect(namedWindow({ manifest }, 'baseline')).toBeUndefined();
	});
});
