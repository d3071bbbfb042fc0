/** Beta-binomial tails and the log-p → z conversion, against scipy 1.x values. */
import { describe, expect, it } from 'vitest';
import {
	betaBinomialLogCdf,
	betaBinomialLogPmf,
	betaBinomialLogSf
} from '../../../workers/shared/special';
import { zFromLogP } from '../../../workers/causal/normal';

describe('beta-binomial', () => {
	it('matches scipy.stats.betabinom', () => {
		// betabinom.logpmf(4, 10, 2, 3), .logcdf(0, 9, 6.5, 0.5), .logcdf(3, 20, 10.5, 1.5),
		// .logsf(13, 40, 0.5, 20.5) (= log P(X ≥ 14)).
		expect(betaBinomialLogPmf(4, 10, 2, 3)).toBeCloseTo(-1.967112356705917, 9);
		expect(betaBinomialLogCdf(0, 9, 6.5, 0.5)).toBeCloseTo(-10.203051693958221, 9);
		expect(betaBinomialLogCdf(3, 20, 10.5, 1.5)).toBeCloseTo(-10.909078662169009, 9);
		expect(betaBinomialLogSf(14, 40, 0.5, 20.5)).toBeCloseTo(-8.148710138665296, 9);
	});

	it('is a distribution: the pmf sums to 1, and the tails are 0 at their ends', () => {
		let sum = 0;
		for (let k = 0; k <= 30; k++) sum += Math.exp(betaBinomialLogPmf(k, 30, 1.5, 4));
		expect(sum).toBeCloseTo(1, 9);
		expect(betaBinomialLogCdf(30, 30, 1.5, 4)).toBe(0);
		expect(betaBinomialLogSf(0, 30, 1.5, 4)).toBe(0);
	});
});

describe('zFromLogP', () => {
	it('is the upper-tail normal deviate, also far below double precision', () => {
		expect(zFromLogP(Math.log(1e-10))).toBeCloseTo(6.361340902404056, 6);
		expect(zFromLogP(Math.log(0.3))).toBeCloseTo(0.5244005127080409, 6);
		// scipy.special.log_ndtr(-z) = -800 at z = 39.8846948…
		expect(zFromLogP(-800)).toBeCloseTo(39.88469483825667, 4);
		expect(zFromLogP(0)).toBe(-Infinity);
	});
});
