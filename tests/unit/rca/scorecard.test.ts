import { describe, expect, it } from 'vitest';
import {
	scorecard,
	scorecardTable,
	truthRank,
	type CaseOutcome
} from '../../../workers/shared/scorecard';

const c = (id: string, truth: string, ranked: string[], fault = 'cpu'): CaseOutcome => ({
	dataset: 'd',
	id,
	fault,
	truth,
	ranked,
	ms: 10
});

describe('scorecard', () => {
	it('computes AC@k and Avg@5 overall, per dataset and per fault type', () => {
		const cases = [
			c('1', 'a', ['a', 'b']),
			c('2', 'b', ['a', 'c', 'b']),
			c('3', 'z', ['a'], 'net')
		];
		const s = scorecard(cases, [1, 3]);
		expect(s.overall.ac).toEqual({ 1: 1 / 3, 3: 2 / 3 });
		expect(s.overall.avg5).toBeCloseTo((1 / 3 + 1 / 3 + 2 / 3 + 2 / 3 + 2 / 3) / 5, 12);
		expect(s.byFault['d / cpu'].ac[1]).toBe(0.5);
		expect(truthRank(cases[2])).toBe(Infinity);
		expect(scorecardTable(s)).toMatch(/overall\s+3\s+0\.33\s+0\.67/);
	});

	it('counts a case that failed as a miss', () => {
		expect(truthRank({ ...c('1', 'a', ['a']), error: 'bad bundle' })).toBe(Infinity);
	});
});
