import { describe, expect, it } from 'vitest';
import { classifyMetric, normaliseName } from '../../../workers/shared/classify';

describe('classifyMetric', () => {
	it.each([
		['CpuUsageRate(%)', 'cpu', 'percent', 'up'],
		['cpu', 'cpu', 'level', 'up'],
		['PodServerLatencyP90(s)', 'latency', 'duration', 'up'],
		['lat_90', 'latency', 'duration', 'up'],
		['latency_p99_ms', 'latency', 'duration', 'up'],
		['http_server_duration_seconds', 'latency', 'duration', 'up'],
		['PodClientLatencyP99(s)', 'latency:client', 'duration', 'up'],
		['SuccessRate(%)', 'errors', 'percent', 'down'],
		['availability', 'errors', 'ratio', 'down'],
		['error_count', 'errors', 'count', 'up'],
		['errors_5xx_rate', 'errors', 'ratio', 'up'],
		['PodWorkload(Ops)', 'traffic', 'count', 'both'],
		['requests', 'traffic', 'count', 'both'],
		['lod', 'traffic', 'count', 'both'],
		['MemoryUsage(Mi)', 'memory', 'bytes', 'up'],
		['NodeCpuUsageRate(%)', 'host:cpu', 'percent', 'up'],
		['cpu_temp_c', 'temperature', 'temperature', 'up'],
		['cpu_clock_ghz', 'cpu_clock', 'level', 'down'],
		['log_novel_warnings_errors', 'log_novel_errors', 'count', 'up'],
		['trace_self_time_ms', 'latency', 'duration', 'up'],
		['db_lock_ms', 'sat:db_lock_ms', 'duration', 'up']
	])('%s → %s (%s, bad when %s)', (metric, quantity, kind, direction) => {
		expect(classifyMetric(metric)).toMatchObject({ quantity, kind, direction });
	});

	it('reads duration units from the name or the unit', () => {
		expect(classifyMetric('PodServerLatencyP90(s)').msPerUnit).toBe(1000);
		expect(classifyMetric('latency_p99_ms').msPerUnit).toBe(1);
		expect(classifyMetric('latency', 's').msPerUnit).toBe(1000);
		expect(classifyMetric('latency').msPerUnit).toBeUndefined();
	});

	it('splits CamelCase and separators', () => {
		expect(normaliseName('PodServerLatencyP90(s)')).toBe('pod_server_latency_p90(s)');
		expect(normaliseName('front-end.HTTPRequests')).toBe('front_end_http_requests');
	});
});
