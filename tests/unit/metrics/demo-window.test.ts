import { describe, expect, it } from 'vitest';
import { generateSeries } from '../../../workers/demo/metrics';
import { TIMELINE, T_END } from '../../../workers/demo/story';
import { windowStats } from '../../../workers/metrics/stats';

describe('windowStats on the demo incident', () => {
	const { series } = generateSeries(20260314);

	it('tells the baseline from the incident for db lock time', async () => {
		const lock = series.filter((s) => s.key === 'db.db_lock_ms');
		const base = await windowStats(lock, {
			start: TIMELINE.baselineStart,
			end: TIMELINE.baselineEnd
		});
		const inc = await windowStats(lock, { start: TIMELINE.onset, end: T_END });
		const p50 = (base.data.p50 as Float64Array)[0];
		expect(p50).toBeGreaterThan(20);
		expect(p50).toBeLessThan(80);
		expect((inc.data.max as Float64Array)[0]).toBeGreaterThan(2300);
		// 3 h at 15 s, both ends inclusive.
		const b = base.data;
		expect((b.n as Float64Array)[0] + (b.missing as Float64Array)[0]).toBe(721);
	});

	it('summarises every demo series, irregular ones included', async () => {
		const out = await windowStats(series);
		expect(out.length).toBe(series.length);
		const n = out.data.n as Float64Array;
		const missing = out.data.missing as Float64Array;
		series.forEach((s, r) => expect(n[r] + missing[r]).toBe(s.t.length));
	});
});
