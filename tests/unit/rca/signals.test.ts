import { describe, expect, it } from 'vitest';
import { rankServices } from '../../../workers/rca/rank';
import { SymptomError } from '../../../workers/rca/symptom';
import { order, request, series } from './helpers';

describe('signals per service', () => {
	it('counts one latency once, however many percentiles it exports', async () => {
		const s = ['p50', 'p90', 'p95', 'p99', 'avg'].map((p) =>
			series(`api.latency_${p}_ms`, 50, 3, () => 400)
		);
		const r = await rankServices(request([...s, series('db.cpu_pct', 20, 1, () => 95)]));
		const api = r.candidates.find((c) => c.service === 'api')!;
		expect(api.signals.filter((q) => q.quantity === 'latency')).toHaveLength(1);
	});

	it('ignores the latency of a service that served no requests', async () => {
		const s = [
			series('idle.requests', 0, 0),
			series('idle.latency_p99_s', 0.005, 0, () => 28.9),
			series('db.cpu_pct', 20, 1, () => 60)
		];
		expect(order(await rankServices(request(s)))[0]).toBe('db');
	});

	it('subtracts what every service shows (the environment), keeping what stands out', async () => {
		// Every service's cpu rises a little with a load change; only db's rises a lot.
		const s = ['a', 'b', 'c', 'd'].map((x) => series(`${x}.cpu_pct`, 20, 1, () => 30));
		const r = await rankServices(request([...s, series('db.cpu_pct', 20, 1, () => 90)]));
		expect(order(r)[0]).toBe('db');
		expect(r.candidates.find((c) => c.service === 'a')!.anomaly).toBeLessThan(0.5);
	});
});

describe('the symptom', () => {
	it('is refused when unknown, with the closest names', async () => {
		const s = [series('edge.latency_ms', 100, 5, () => 900)];
		await expect(rankServices(request(s, { symptom: 'edge.latncy_ms' }))).rejects.toThrow(
			SymptomError
		);
		await expect(rankServices(request(s, { symptom: 'edge.latncy_ms' }))).rejects.toThrow(
			/did you mean edge.latency_ms/
		);
	});

	it('is picked from an entry service when not given, and says so', async () => {
		const s = [
			series('edge.latency_ms', 100, 5, () => 900),
			series('db.latency_ms', 10, 1, () => 90)
		];
		const topology = [{ from: 'edge', to: 'db' }];
		const r = await rankServices(request(s, { topology }));
		expect(r.symptom).toMatchObject({ key: 'edge.latency_ms', auto: true });
	});
});
