import { describe, expect, it } from 'vitest';
import { parseCsvSeries, parseTimestamp } from '../../../workers/metrics/csv';

describe('CSV series input', () => {
	it('reads NAB-style zone-less timestamps as UTC, unix seconds and ms', () => {
		expect(parseTimestamp('2014-02-14 14:30:00')).toBe(Date.UTC(2014, 1, 14, 14, 30));
		expect(parseTimestamp('2014-02-14T14:30:00+01:00')).toBe(Date.UTC(2014, 1, 14, 13, 30));
		expect(parseTimestamp('1392388200')).toBe(1392388200_000);
		expect(parseTimestamp('1392388200000')).toBe(1392388200_000);
		expect(parseTimestamp('yesterday')).toBeNaN();
	});

	it('sorts, de-duplicates and reports mixed zones as warnings; empty cells are gaps', () => {
		const csv = parseCsvSeries(
			'timestamp,value,other\n2020-01-01T00:02:00Z,3,\n2020-01-01T00:00:00Z,1,1\n2020-01-01T01:01:00+01:00,2,2\n2020-01-01T00:01:00Z,4,4\n'
		);
		expect(Array.from(csv.t)).toEqual([0, 60_000, 120_000].map((x) => x + Date.UTC(2020, 0, 1)));
		expect(Array.from(csv.columns.value)).toEqual([1, 4, 3]);
		expect(csv.columns.other[2]).toBeNaN();
		expect(csv.warnings.join('\n')).toMatch(/zone offsets/);
		expect(csv.warnings.join('\n')).toMatch(/sorted/);
		expect(csv.warnings.join('\n')).toMatch(/1 duplicate/);
	});

	it('names line and column of a non-numeric value', () => {
		expect(() => parseCsvSeries('timestamp,value\n2020-01-01,1\n2020-01-02,abc\n')).toThrow(
			'line 3, column "value": "abc" is not a number'
		);
		expect(() => parseCsvSeries('timestamp,value\nnope,1\n')).toThrow(/line 2/);
		expect(() => parseCsvSeries('timestamp,value\n')).toThrow(/data row/);
	});
});
