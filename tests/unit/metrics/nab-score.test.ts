import { describe, expect, it } from 'vitest';
import {
	NAB_PROFILES,
	nabNormalize,
	nabProbation,
	nabScoreFile,
	rowWindows,
	scaledSigmoid
} from '../../../workers/metrics/nab-score';

const std = NAB_PROFILES.standard;
const none = () => false;

describe('NAB scoring port', () => {
	it('scaledSigmoid matches NAB at the window edges', () => {
		expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
		expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
		expect(scaledSigmoid(0)).toBe(0);
		expect(scaledSigmoid(3)).toBe(-1);
	});

	it('probation is 15 % of the rows, at most 750', () => {
		expect(nabProbation(4032)).toBe(604);
		expect(nabProbation(10_000)).toBe(750);
	});

	it('a detector that never alerts scores −fn per window; null normalises to 0', () => {
		const w = [{ start: 700, end: 799 }];
		const s = nabScoreFile(1000, none, w, std);
		expect(s.score).toBe(-1);
		expect(nabNormalize(s.score, 1, std)).toBe(0);
		expect(nabScoreFile(1000, none, w, NAB_PROFILES.reward_low_FN_rate).score).toBe(-2);
	});

	it('the first detection in a window earns tp, later ones add nothing', () => {
		const w = [{ start: 700, end: 799 }];
		const edge = nabScoreFile(1000, (i) => i === 700 || i === 750, w, std);
		expect(edge.score).toBeCloseTo(1, 12);
		expect(nabNormalize(edge.score, 1, std)).toBeCloseTo(100, 9);
		const late = nabScoreFile(1000, (i) => i === 799, w, std);
		expect(late.score).toBeCloseTo(scaledSigmoid(-1 / 100) / scaledSigmoid(-1), 12);
	});

	it('false positives cost fp, less right after a window, none in probation', () => {
		expect(nabScoreFile(1000, (i) => i === 650, [], std).score).toBeCloseTo(-0.11, 12);
		expect(nabScoreFile(1000, (i) => i === 10, [], std).score).toBe(0);
		const w = [{ start: 700, end: 799 }];
		const after = nabScoreFile(1000, (i) => i === 800, w, std).score;
		expect(after).toBeCloseTo(-1 + 0.11 * scaledSigmoid(1 / 99), 12);
	});

	it('maps timestamp windows to rows', () => {
		const t = Float64Array.from({ length: 10 }, (_, i) => i * 10);
		expect(rowWindows(t, [{ start: 15, end: 40 }])).toEqual([{ start: 2, end: 4 }]);
	});
});
