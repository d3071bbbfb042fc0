/** What traces and logs add: the call graph, network time of calls, novel and silenced log lines. */
import { describe, expect, it } from 'vitest';
import { SpanBuilder } from '../../../workers/bundle/span-table';
import type { LogTable } from '../../../workers/bundle/types';
import { logSignals } from '../../../workers/logs/signals';
import { deriveFromSpans } from '../../../workers/traces/derive';

const S = 1000;

/** Calls gateway → api (client span in gateway, server span in api); api's replies are delayed after `slowFrom`. */
function spans(slowFrom: number) {
	const b = new SpanBuilder();
	for (let i = 0; i < 120; i++) {
		const start = i * S;
		const wire = start >= slowFrom ? 500 : 2;
		const base = { traceId: `t${i}`, start, status: 0, kind: 0 };
		b.add({
			...base,
			spanId: 'a',
			parentId: '',
			service: 'gateway',
			operation: 'GET /',
			duration: 20 + wire
		});
		b.add({
			...base,
			spanId: 'b',
			parentId: 'a',
			service: 'gateway',
			operation: 'HTTP GET',
			duration: 10 + wire
		});
		b.add({
			...base,
			spanId: 'c',
			parentId: 'b',
			service: 'api',
			operation: '/items',
			duration: 10
		});
	}
	return b.finish();
}

describe('spans', () => {
	it('give the call graph and put the wire time of a call on the callee', () => {
		const d = deriveFromSpans(spans(60 * S), 10 * S);
		expect(d.edges).toEqual([{ from: 'gateway', to: 'api', calls: 120 }]);
		const net = d.series.find((s) => s.key === 'api.trace_network_latency_ms')!;
		expect(net.v[0]).toBe(2);
		expect(net.v[net.v.length - 1]).toBe(500);
		// The caller's own (self) time stays flat: it was waiting, not working.
		const self = d.series.find((s) => s.key === 'gateway.trace_self_time_ms')!;
		expect(Math.max(...self.v)).toBe(10);
	});
});

function logs(rows: [number, string, number, string][]): LogTable {
	const services = [...new Set(rows.map((r) => r[1]))];
	return {
		length: rows.length,
		t: Float64Array.from(rows, (r) => r[0]),
		level: Uint8Array.from(rows, (r) => r[2]),
		service: Uint16Array.from(rows, (r) => services.indexOf(r[1])),
		services,
		message: rows.map((r) => r[3]),
		extra: rows.map(() => '')
	};
}

describe('log lines', () => {
	const rows: [number, string, number, string][] = [];
	for (let i = 0; i < 60; i++) {
		rows.push([i * S, 'api', 2, `GET /items/${i} took ${i % 7} ms`]);
		rows.push([i * S, 'api', 2, `cache refreshed for user ${i}`]);
	}
	for (let i = 60; i < 90; i++) {
		rows.push([i * S, 'api', 2, `GET /items/${i} took ${i % 7} ms`]);
		// The cache line falls silent; a new error appears.
		rows.push([i * S, 'api', 4, `failed to refresh cache for user ${i}: connection reset`]);
	}
	const table = logs(rows);
	const base = { start: 0, end: 59 * S };
	const inc = { start: 60 * S, end: 89 * S };

	it('count novel warning-or-worse lines of each service', () => {
		const l = logSignals(table, base, inc, 10 * S);
		const novel = l.series.find((s) => s.key === 'api.log_novel_warnings_errors')!;
		const total = Array.from(novel.v).reduce((a, v) => a + v, 0);
		expect(total).toBe(30);
		expect(l.reference).toBe('baseline');
	});

	it('report a template that fell silent while the service kept logging', () => {
		const l = logSignals(table, base, inc, 10 * S);
		expect(l.vanished[0]).toMatchObject({ service: 'api', observed: 0 });
		expect(l.vanished[0].template).toMatch(/cache refreshed/);
		expect(l.vanished[0].z).toBeGreaterThan(5);
	});
});
