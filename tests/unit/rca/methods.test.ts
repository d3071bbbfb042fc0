/**
 * Each method on tiny incidents with a known answer: a chain web → api → db where db's latency is
 * the origin (a bigger deviation in the caller must not win once the call graph is known), leaves
 * of the call graph that are merely noisy, and time order across incomparable quantities.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import { alignSeries } from '../../../workers/causal/align';
import { serviceEdges } from '../../../workers/shared/rca-cells';
import { runPc } from '../../../workers/causal/pc';
import { rankRequestFromBundle } from '../../../workers/rca/from-bundle';
import { rankServices } from '../../../workers/rca/rank';
import { DEFAULT_SETTINGS } from '../../../workers/rca/settings';
import type { RcaMethod } from '../../../workers/rca/types';
import { normal, seededRng } from '../../../workers/causal/rng';
import { MIN, N_BASE, N_INC, order, request, series, T0 } from './helpers';

const CHAIN = [
	{ from: 'web', to: 'api' },
	{ from: 'api', to: 'db' }
];

/** db slows 10×; the slowness piles up in api and web (web by far the most in z). */
function chain() {
	return [
		series('web.latency_ms', 100, 5, () => 1500),
		series('api.latency_ms', 50, 5, () => 700),
		series('db.latency_ms', 20, 2, () => 200),
		series('db.cpu_pct', 30, 2, () => 80),
		series('cache.latency_ms', 3, 0.3)
	];
}

describe('methods on a three-service chain', () => {
	it.each<RcaMethod>(['traversal', 'random-walk', 'ensemble'])(
		'%s puts the origin (db) first once the call graph is known',
		async (method) => {
			const r = await rankServices(
				request(chain(), { topology: CHAIN, method, symptom: 'web.latency_ms' })
			);
			expect(order(r)[0]).toBe('db');
			expect(r.candidates[0].chain).toBe('web.latency_ms (web) ← api ← db');
		}
	);

	it('causal: the service its causal parents do not explain is the origin', async () => {
		// Real propagation: api = 2·db + noise, web = 2·api + noise; db shifts by +180 in the incident.
		const rng = seededRng(5);
		const n = N_BASE + N_INC;
		const t = Float64Array.from({ length: n }, (_, i) => T0 + i * MIN);
		const db = Float64Array.from(
			{ length: n },
			(_, i) => 20 + 2 * normal(rng) + (i >= N_BASE ? 180 : 0)
		);
		const api = Float64Array.from(db, (v) => 2 * v + 10 + 2 * normal(rng));
		const web = Float64Array.from(api, (v) => 2 * v + 3 * normal(rng));
		const mk = (service: string, v: Float64Array) => ({
			key: `${service}.latency_ms`,
			service,
			metric: 'latency_ms',
			t,
			v
		});
		const r = await rankServices(
			request([mk('web', web), mk('api', api), mk('db', db)], {
				topology: CHAIN,
				method: 'causal',
				symptom: 'web.latency_ms'
			})
		);
		expect(order(r)[0]).toBe('db');
		expect(r.candidates[0].reasons.join(' ')).toMatch(/causal: incident departs/);
		expect(r.notes.join(' ')).toMatch(/causal graph: \d+ edges among 3 services/);
	});

	it('baro ranks by deviation alone, and says so', async () => {
		const r = await rankServices(request(chain(), { method: 'baro' }));
		expect(order(r).slice(0, 3).sort()).toEqual(['api', 'db', 'web']);
		expect(r.candidates[0].reasons.join(' ')).toMatch(/baro: evidence/);
	});

	it('a symptom steers which services are on the path', async () => {
		const s = [...chain(), series('batch.latency_ms', 10, 1, () => 60)];
		const r = await rankServices(
			request(s, { topology: CHAIN, method: 'traversal', symptom: 'web.latency_ms' })
		);
		const batch = r.candidates.find((c) => c.service === 'batch')!;
		expect(batch.reasons.join(' ')).toMatch(/not reached from web/);
		expect(batch.chain).toMatch(/no call path from web/);
	});

	it('the score column is the sort order, and every row but the first says why it is not first', async () => {
		const r = await rankServices(request(chain(), { topology: CHAIN, symptom: 'web.latency_ms' }));
		const scores = r.candidates.map((c) => c.score);
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);
		expect(r.candidates[0].whyNotFirst).toBe('');
		for (const c of r.candidates.slice(1))
			expect(c.whyNotFirst).toMatch(new RegExp(`^${c.service} is #${c.rank}`));
		expect(r.candidates.find((c) => c.service === 'api')!.whyNotFirst).toMatch(/it calls db/);
	});
});

describe('leaves of the call graph', () => {
	it('a noisy leaf seen only from its caller does not outrank the origin', async () => {
		// ext is an external API: a flat, tiny latency that wobbles at the resolution floor.
		const s = [...chain(), series('ext.latency_ms', 0.5, 0.001, (i) => 0.5 + (i % 2) * 0.004)];
		const topology = [...CHAIN, { from: 'db', to: 'ext' }];
		const r = await rankServices(request(s, { topology, symptom: 'web.latency_ms' }));
		expect(order(r)[0]).toBe('db');
		expect(order(r).indexOf('ext')).toBeGreaterThan(2);
	});
});

describe('time order across quantities that are not on one scale', () => {
	it('a dependency that left its baseline earlier explains a bigger, later deviation', async () => {
		// host heats from incident minute 0; db's lock time explodes from minute 8.
		const s = [
			series('web.latency_ms', 100, 5, (i) => (i >= 10 ? 900 : 100)),
			series('db.lock_ms', 20, 2, (i) => (i >= 8 ? 5000 : 20)),
			series('host.temp_c', 60, 0.3, (i) => 60 + Math.min(30, 3 * (i + 1)))
		];
		const topology = [
			{ from: 'web', to: 'db' },
			{ from: 'db', to: 'host' }
		];
		const r = await rankServices(request(s, { topology, symptom: 'web.latency_ms' }));
		expect(order(r)[0]).toBe('host');
		expect(r.candidates.find((c) => c.service === 'db')!.reasons.join(' ')).toMatch(
			/left its baseline first/
		);
		// BARO, the plain reference, keeps the size order.
		const b = await rankServices(request(s, { topology, method: 'baro' }));
		expect(order(b)[0]).toBe('db');
	});
});

describe('without a call graph', () => {
	it('falls back to the evidence order and notes it', async () => {
		const r = await rankServices(
			request(chain(), { method: 'traversal', symptom: 'web.latency_ms' })
		);
		expect(r.notes.join(' ')).toMatch(/needs a call graph/);
		expect(r.graph.source).toBe('none');
	});
});

describe('the demo incident', () => {
	it('names host-b4 first with its topology, with a PC graph fed in, and without any graph', async () => {
		const path = new URL('../../../static/demo/coolant-leak.zip', import.meta.url).pathname;
		const res = await parseBundle([
			{ path: 'demo.zip', bytes: new Uint8Array(readFileSync(path)) }
		]);
		if (!res.ok) throw new Error('demo bundle did not parse');
		const { request } = rankRequestFromBundle(res.bundle, { symptom: 'edge.latency_ms' });
		expect(order(await rankServices(request))[0]).toBe('host-b4');
		// A fresh PC graph over every series (no tiers, no knowledge), as a causal-graph cell gives it.
		const aligned = alignSeries(res.bundle.series, res.bundle.manifest.timeRange);
		const pc = await runPc(aligned.table, { alpha: 0.05 });
		const serviceOf = new Map(res.bundle.series.map((s) => [s.key, s.service]));
		const causal = serviceEdges(pc.names, pc.edges, serviceOf);
		const fed = await rankServices({ ...request, causal });
		expect(order(fed)[0]).toBe('host-b4');
		expect(fed.graph.source).toBe('topology+causal');
	});
});

describe('flows (broken request flows from spans)', () => {
	const flow = (service: string, z: number) => ({
		service,
		metric: 'trace_flow_break',
		quantity: 'flow_break',
		family: 'errors' as const,
		z,
		expected: 10,
		observed: 0,
		detail: 'test'
	});
	// A code fault in db: its flow breaks, api logs an error one level up (a weaker break), and a
	// metric-noisy cache leads every metric method.
	const quiet = () => [
		series('web.latency_ms', 100, 5),
		series('api.latency_ms', 50, 5),
		series('db.latency_ms', 20, 2),
		series('cache.latency_ms', 3, 0.3, () => 30)
	];
	const topology = [...CHAIN, { from: 'api', to: 'cache' }];

	it('puts the deepest broken service first, above a stronger break in its caller', async () => {
		const r = await rankServices(
			request(quiet(), { topology, method: 'flows', evidence: [flow('api', 9), flow('db', 6)] })
		);
		expect(order(r)[0]).toBe('db');
	});

	it('lets the ensemble follow a clear flow break over metric noise', async () => {
		const r = await rankServices(
			request(quiet(), { topology, evidence: [flow('api', 9), flow('db', 6)] })
		);
		expect(order(r)[0]).toBe('db');
		// The evidence the vote rested on leads db's signals (and the table's "strongest evidence").
		expect(r.candidates[0].signals[0].quantity).toBe('flow_break');
	});

	it('abstains without flow evidence, leaving the ensemble to the metric methods', async () => {
		// A break too weak to count (z 1 < threshold 3) gives the flows method no vote at all.
		const base = { topology: CHAIN, evidence: [flow('cache', 1)] };
		const withFlows = await rankServices(request(chain(), base));
		const without = await rankServices(
			request(chain(), {
				...base,
				settings: { ensembleWeights: { ...DEFAULT_SETTINGS.ensembleWeights, flows: 0 } }
			})
		);
		expect(order(withFlows)[0]).toBe('db');
		expect(order(withFlows)).toEqual(order(without));
	});
});
