import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../../workers/shared/closest';

const SERIES = [
	'edge.latency_ms',
	'edge.latency_p99_ms',
	'edge.error_rate',
	'db.cpu_pct',
	'host-b4.cpu_temp_c'
];

describe('editDistance', () => {
	it('counts inserts, deletes and substitutions', () => {
		expect(editDistance('', '')).toBe(0);
		expect(editDistance('abc', '')).toBe(3);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('latncy', 'latency')).toBe(1);
	});
});

describe('closestNames', () => {
	it('suggests near misses, best first', () => {
		expect(closestNames('edge.latncy_ms', SERIES)).toEqual([
			'edge.latency_ms',
			'edge.latency_p99_ms'
		]);
	});

	it('ignores case', () => {
		expect(closestNames('EDGE.Error_Rate', SERIES)[0]).toBe('edge.error_rate');
	});

	it('matches substrings both ways', () => {
		expect(closestNames('latency', SERIES)).toEqual(['edge.latency_ms', 'edge.latency_p99_ms']);
		expect(closestNames('host-b4.cpu_temp_c.max', SERIES)).toEqual(['host-b4.cpu_temp_c']);
	});

	it('returns nothing for unrelated or too short names, and at most k', () => {
		expect(closestNames('memory', SERIES)).toEqual([]);
		expect(closestNames('e', SERIES)).toEqual([]);
		expect(closestNames('edge', SERIES, 2)).toHaveLength(2);
		expect(closestNames('edge', SERIES, 0)).toEqual([]);
		expect(closestNames('x', [])).toEqual([]);
	});

	it('lists each candidate once and breaks ties alphabetically', () => {
		expect(closestNames('ab', ['ac', 'aa', 'ac'])).toEqual(['aa', 'ac']);
	});
});
