import { describe, expect, it } from 'vitest';
import { workloadName } from '../../../../workers/bundle/sources/k8s-events';
import { LOG_LEVELS } from '../../../../workers/bundle/types';
import { file, iso, manifest, parseErrors, parseOk, series } from '../helpers';
import { fixtureText, source } from './helpers';

describe('Kubernetes events', () => {
	it('turns kubectl get events -o json into bundle events', async () => {
		const files = [
			manifest({ services: ['checkout'] }),
			file('events/k8s.json', fixtureText('k8s/events.json'))
		];
		const { bundle, warnings } = await parseOk(files);
		expect(warnings).toEqual([]);
		const [scale, backoff] = bundle.events;
		expect(scale).toMatchObject({ kind: 'scaling', service: 'checkout' });
		expect(backoff).toMatchObject({
			kind: 'alert',
			title: 'BackOff Pod/checkout-7d9f8b6c5d-x2x9q',
			service: 'checkout',
			detail: 'Back-off restarting failed container'
		});
		expect(iso(backoff.end!)).toBe('2024-06-01T10:25:00.000Z');
		expect(backoff.attrs).toMatchObject({ namespace: 'prod', count: 7, reason: 'BackOff' });
	});

	it('strips generated suffixes from workload names', () => {
		expect(workloadName('Pod', 'api-5f7c9d8b4-abcde')).toBe('api');
		expect(workloadName('Pod', 'db-0')).toBe('db');
		expect(workloadName('ReplicaSet', 'api-5f7c9d8b4')).toBe('api');
		expect(workloadName('Node', 'node-1')).toBe('node-1');
	});

	it('names an event with a bad time', async () => {
		const doc = JSON.parse(fixtureText('k8s/events.json'));
		doc.items[1].firstTimestamp = 'yesterday';
		const errors = await parseErrors([file('ev.json', JSON.stringify(doc, null, 1))]);
		expect(errors[0].field).toBe('items[1].firstTimestamp');
	});
});

describe('journald', () => {
	it('reads journalctl -o json: priority, unit, byte-array messages', async () => {
		const { bundle } = await parseOk([source('journald/journal.jsonl')]);
		const l = bundle.logs;
		const services = Array.from(l.service, (s) => l.services[s]);
		expect(services).toEqual(['nginx', 'kernel', 'postgresql']);
		expect(Array.from(l.level, (x) => LOG_LEVELS[x])).toEqual(['info', 'error', 'warn']);
		expect(l.message[1]).toBe('hi\ufffd');
		expect(iso(l.t[1])).toBe('2024-06-01T10:02:00.500Z');
		expect(JSON.parse(l.extra[2])).toMatchObject({ DB: 'orders', _HOSTNAME: 'node-1' });
	});

	it('names a bad line', async () => {
		const text = fixtureText('journald/journal.jsonl').replace('"1717236180000000"', '"soon"');
		const errors = await parseErrors([file('j.jsonl', text)]);
		expect(errors[0]).toMatchObject({ line: 3, field: '__REALTIME_TIMESTAMP' });
	});
});

describe('Prometheus text exposition / OpenMetrics', () => {
	it('reads snapshots separated by # TIME lines and sample timestamps', async () => {
		const { bundle } = await parseOk([source('openmetrics/node.prom')]);
		const load = series(bundle, 'node.node_load1{instance="localhost:9100"}');
		expect(Array.from(load.v)).toEqual([0.5, 1.5, 2.5]);
		expect(series(bundle, 'api.http_requests_total{code="500"}').v[2]).toBe(20);
		expect(iso(series(bundle, 'node.node_temp_celsius').t[0])).toBe('2024-06-01T10:05:00.000Z');
		expect(series(bundle, 'node.process_start_time_seconds').unit).toBe('s');
	});

	it('refuses samples without any time', async () => {
		const errors = await parseErrors([file('scrape.prom', 'up{job="a"} 1\n')]);
		expect(errors[0]).toMatchObject({ line: 1 });
		expect(errors[0].message).toContain('# TIME <timestamp>');
	});
});
