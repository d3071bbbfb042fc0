// The ranking's onsets from the shared detector (issue 15 item 4): the start of the detector's
// window around the ranking's own (threshold) onset, inside the incident window, bad way only.
import { describe, expect, it } from 'vitest';
import { detectorOnset } from '../../../workers/rca/detector-onset';
import { mulberry32 } from '../../../workers/shared/rng';

const STEP = 15_000;
const u = mulberry32(3);
const t = Float64Array.from({ length: 700 }, (_, i) => i * STEP);
// Quiet at 10; from row 500 a small step to 13 (5 floored σ or more: the detector flags it), from
// row 510 the large excursion a baseline comparison would time (3 points over its threshold).
const v = Float64Array.from(t, (_, i) => (i >= 510 ? 20 : i >= 500 ? 13 : 10) + u() - 0.5);
const series = { key: 'svc.cpu', service: 'svc', metric: 'cpu', t, v };
const incident = { start: t[450], end: t[699] };

describe('detectorOnset', () => {
	it('moves the onset back to where the excursion began', () => {
		expect(detectorOnset(series, incident, 'up', t[510])).toBe(t[500]);
	});
	it('keeps nothing from the wrong direction', () => {
		expect(detectorOnset(series, incident, 'down', t[510])).toBeUndefined();
	});
	it('does not reach back before the incident window', () => {
		expect(detectorOnset(series, { start: t[505], end: t[699] }, 'up', t[510])).toBeUndefined();
	});
});
