// A ranked service's evidence in words: the medians and the sustained z, and, when the medians
// agree (a spiky series whose minority of points is far out), that the z is not the median's.
import { describe, expect, it } from 'vitest';
import { signalText } from '../../../workers/shared/signal-text';

describe('signalText', () => {
	it('gives the medians and the z, in whole numbers from 100 up', () => {
		const q = {
			metric: 'db_lock_ms',
			baselineMedian: 40.56,
			incidentMedian: 1703.91,
			score: 12.34
		};
		expect(signalText(q)).toBe('db_lock_ms 40.6 → 1704 (z 12.3)');
	});

	it('says when the median did not move, instead of an unchanged value beside a large z', () => {
		const q = { metric: 'value', baselineMedian: 0.134, incidentMedian: 0.1341, score: 5.1 };
		expect(signalText(q)).toBe(
			'value 0.134 → 0.134 (median unchanged; z 5.1 in its most extreme points)'
		);
	});

	it('uses window-level evidence as it is', () => {
		const q = {
			metric: 'flows',
			baselineMedian: NaN,
			incidentMedian: NaN,
			score: 4,
			detail: 'calls to db broke'
		};
		expect(signalText(q)).toBe('flows: calls to db broke');
	});
});
