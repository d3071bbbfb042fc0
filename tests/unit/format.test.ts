import { describe, expect, it } from 'vitest';
import { formatDuration, formatSpan } from '$lib/format';

describe('formatSpan (the library card’s time range)', () => {
	it('drops the end’s date when both ends fall on the same day', () => {
		const a = Date.UTC(2026, 2, 14, 0, 0);
		expect(formatSpan(a, Date.UTC(2026, 2, 14, 6, 0))).toBe(
			'2026-03-14 00:00:00 UTC → 06:00:00 UTC'
		);
	});

	it('keeps it for a span over several days', () => {
		const a = Date.UTC(2014, 1, 14, 14, 27);
		expect(formatSpan(a, Date.UTC(2014, 1, 28, 14, 22))).toBe(
			'2014-02-14 14:27:00 UTC → 2014-02-28 14:22:00 UTC'
		);
	});
});

describe('formatDuration', () => {
	it('uses the two largest units and drops a second unit of 0', () => {
		expect(formatDuration(250)).toBe('250 ms');
		expect(formatDuration(12_340)).toBe('12.3 s');
		expect(formatDuration(300_000)).toBe('5 min');
		expect(formatDuration(330_000)).toBe('5 min 30 s');
		expect(formatDuration(27_000_000)).toBe('7 h 30 min');
		expect(formatDuration(1860 * 60_000)).toBe('1 d 7 h');
		expect(formatDuration(3 * 86_400_000)).toBe('3 d');
		expect(formatDuration(Number.NaN)).toBe('');
	});
});
