import { describe, expect, it } from 'vitest';
import { formatSpan } from '$lib/format';

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
