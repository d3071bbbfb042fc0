// The bounds on windows found that the NAB eval reads from published detectors' stored per-file
// scores: for detections whose windows found are known, the bounds must contain that number, and
// they must be tight where the score leaves no doubt.
import { describe, expect, it } from 'vitest';
import { NAB_PROFILES, nabScoreFile } from '../../../workers/metrics/nab-score';
import { mulberry32 } from '../../../workers/shared/rng';
import { windowsFoundBounds } from '../../eval/nab/published';

describe('windowsFoundBounds', () => {
	it('contains the true number of windows found, for random detections', () => {
		const u = mulberry32(7);
		for (let trial = 0; trial < 300; trial++) {
			const n = 2000;
			const w = 1 + Math.floor(u() * 3);
			const windows = Array.from({ length: w }, (_, k) => {
				const start = 400 + k * 500 + Math.floor(u() * 200);
				return { start, end: start + 60 };
			});
			const hits = new Set<number>();
			for (let d = Math.floor(u() * 8); d > 0; d--) hits.add(300 + Math.floor(u() * 1700));
			const s = nabScoreFile(n, (i) => hits.has(i), windows, NAB_PROFILES.standard);
			const [lo, hi] = windowsFoundBounds(s.score, s.windows, s.tp, s.fp);
			expect(lo).toBeLessThanOrEqual(s.detected);
			expect(hi).toBeGreaterThanOrEqual(s.detected);
		}
	});

	it('is exact when every window is found early, or none is', () => {
		const windows = [
			{ start: 400, end: 460 },
			{ start: 900, end: 960 }
		];
		const early = nabScoreFile(2000, (i) => i === 401 || i === 901, windows, NAB_PROFILES.standard);
		expect(windowsFoundBounds(early.score, 2, early.tp, early.fp)).toEqual([2, 2]);
		const none = nabScoreFile(2000, (i) => i === 1500, windows, NAB_PROFILES.standard);
		expect(windowsFoundBounds(none.score, 2, none.tp, none.fp)).toEqual([0, 0]);
	});
});
