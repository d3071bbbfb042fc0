import { describe, expect, it } from 'vitest';
import { locateLines } from '../../../workers/bundle/json-locate';
import { jsonErrorOffset } from '../../../workers/bundle/json-syntax';
import { TimeZone, parseTimestamp } from '../../../workers/bundle/time';
import { parseValue } from '../../../workers/bundle/values';

const utc = new TimeZone('UTC');
const ny = new TimeZone('America/New_York');
const at = (s: unknown, tz = utc) => {
	const t = parseTimestamp(s, tz);
	return t === undefined ? undefined : new Date(t).toISOString();
};

describe('parseTimestamp', () => {
	it('reads ISO 8601 with Z, offsets and any fraction length', () => {
		expect(at('2024-06-01T10:00:00Z')).toBe('2024-06-01T10:00:00.000Z');
		expect(at('2024-06-01T10:00:00.1234567+02:00')).toBe('2024-06-01T08:00:00.123Z');
		expect(at('2024-06-01T10:00-0530')).toBe('2024-06-01T15:30:00.000Z');
		expect(at('2024-06-01t10:00:00z')).toBe('2024-06-01T10:00:00.000Z');
		expect(at('2024-06-01')).toBe('2024-06-01T00:00:00.000Z');
	});

	it('reads "YYYY-MM-DD HH:MM:SS" with . or , milliseconds', () => {
		expect(at('2024-06-01 10:00:00.5')).toBe('2024-06-01T10:00:00.500Z');
		expect(at('2024-06-01 10:00:00,123')).toBe('2024-06-01T10:00:00.123Z');
		expect(at(' 2024-06-01 10:00:00 UTC ')).toBe('2024-06-01T10:00:00.000Z');
	});

	it('reads epoch numbers: below 1e11 seconds, else milliseconds', () => {
		expect(at(1717236000)).toBe('2024-06-01T10:00:00.000Z');
		expect(at(1717236000123)).toBe('2024-06-01T10:00:00.123Z');
		expect(at('1717236000.5')).toBe('2024-06-01T10:00:00.500Z');
		expect(at('1717236000123')).toBe('2024-06-01T10:00:00.123Z');
	});

	it('interprets naive times in the given zone', () => {
		expect(at('2024-01-15 09:00:00', ny)).toBe('2024-01-15T14:00:00.000Z'); // EST
		expect(at('2024-07-15 09:00:00', ny)).toBe('2024-07-15T13:00:00.000Z'); // EDT
		expect(at('2024-11-03 01:30:00', ny)).toBe('2024-11-03T05:30:00.000Z'); // repeated: earlier
		expect(at('2024-03-10 02:30:00', ny)).toBe('2024-03-10T07:30:00.000Z'); // skipped: 03:30 EDT
	});

	it('rejects malformed values', () => {
		for (const bad of [
			'',
			'yesterday',
			'2024-02-30',
			'2024-06-01 25:00',
			'2024-06-01T10:00:00+2',
			'2024-06-01T10:00:00.',
			NaN,
			null,
			{}
		]) {
			expect(at(bad), String(bad)).toBeUndefined();
		}
	});

	it('validates zone names', () => {
		expect(TimeZone.isValid('Europe/Berlin')).toBe(true);
		expect(TimeZone.isValid('Mars/Olympus')).toBe(false);
	});
});

describe('parseValue', () => {
	it('parses numbers fast and strictly', () => {
		expect([parseValue('1.5'), parseValue('-2e3'), parseValue('.5'), parseValue('+4')]).toEqual([
			1.5, -2000, 0.5, 4
		]);
		expect([parseValue(''), parseValue('nan'), parseValue('NULL'), parseValue(' n/a ')]).toEqual([
			NaN,
			NaN,
			NaN,
			NaN
		]);
		expect([
			parseValue('1,5'),
			parseValue('0b1'),
			parseValue('-Infinity'),
			parseValue('abc')
		]).toEqual([undefined, undefined, undefined, undefined]);
	});
});

describe('JSON positions', () => {
	const text = '{\n "a": [1,\n  {"b": "x]}"},\n  3],\n "c": {"d": null}\n}';
	it('finds the line of values by path, or of the deepest existing parent', () => {
		expect(locateLines(text, [['a', 1, 'b'], ['a', 2], ['c', 'd'], ['c', 'missing'], []])).toEqual([
			3, 4, 5, 5, 1
		]);
	});
	it('finds the offset of the first syntax error', () => {
		expect(jsonErrorOffset(text)).toBe(-1);
		expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
		expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
	});
});
