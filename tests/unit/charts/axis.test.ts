import { describe, expect, it } from 'vitest';
import {
	formatBytesIEC,
	formatMs,
	isolated,
	sharedUnit,
	timeTick,
	valueTickFormat,
	withGaps
} from '$lib/charts/axis';

describe('chart axis helpers', () => {
	it('breaks the line where samples are missing for more than a few steps', () => {
		const t = [0, 10, 20, 30, 100, 110, 120];
		expect(withGaps(t)).toEqual([0, 1, 2, 3, -1, 4, 5, 6]);
		expect(withGaps([0, 10, 20, 30, 40])).toEqual([0, 1, 2, 3, 4]);
		expect(isolated([0, 1, -1, 2, -1, 3, 4], [1, 1, 1, 1, NaN])).toEqual([2, 3]);
		// Min/max decimation pairs (close points per bucket) are not gaps.
		expect(withGaps([0, 1, 10, 12, 20, 21, 30, 33])).not.toContain(-1);
	});

	it('formats bytes in binary units and durations as ms or s', () => {
		expect(formatBytesIEC(3 * 1024 * 1024)).toBe('3 MiB');
		expect(formatBytesIEC(512)).toBe('512 B');
		expect(formatMs(250)).toBe('250 ms');
		expect(formatMs(1500)).toBe('1.5 s');
		expect(valueTickFormat('s')(0.2)).toBe('200 ms');
		expect(valueTickFormat('bytes')(2048)).toBe('2 KiB');
		expect(valueTickFormat('%')(50)).toBe('50%');
		expect(sharedUnit([{ unit: 'ms' }, { unit: 'ms' }])).toBe('ms');
		expect(sharedUnit([{ unit: 'ms' }, { unit: 'rpm' }])).toBeUndefined();
	});

	it('labels time on a 24-hour clock', () => {
		expect(timeTick(new Date('2026-03-14T15:30:00Z'))).toBe('15:30');
		expect(timeTick(new Date('2026-03-14T00:00:00Z'))).toBe('Mar 14');
		expect(timeTick(new Date('2026-03-14T15:30:15Z'))).toBe('15:30:15');
	});
});
