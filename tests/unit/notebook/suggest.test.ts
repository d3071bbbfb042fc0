/** The series a new notebook's forecast and anomalies cells watch by default. */
import { describe, expect, it } from 'vitest';
import { userFacingSeries } from '$lib/notebook/support/suggest';

describe('userFacingSeries', () => {
	it('prefers what an entry service serves, then served latency over time spent waiting on callees', () => {
		const keys = [
			'admin.PodClientLatencyP90(s)',
			'admin.PodServerLatencyP90(s)',
			'front.latency_ms',
			'db.error_count'
		];
		expect(userFacingSeries(keys, new Set(['front']))).toBe('front.latency_ms');
		expect(userFacingSeries(keys)).toBe('admin.PodServerLatencyP90(s)');
		expect(userFacingSeries(['a.PodClientLatencyP90(s)', 'b.cpu_pct'])).toBe(
			'a.PodClientLatencyP90(s)'
		);
		expect(userFacingSeries(['b.cpu_pct', 'db.error_count'])).toBe('db.error_count');
		expect(userFacingSeries([])).toBeUndefined();
	});
});
