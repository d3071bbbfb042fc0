/** The effect cell's empty treatment/outcome: from the ranking first, then from series names. */
import { describe, expect, it } from 'vitest';
import { chooseEffectPair } from '$lib/notebook/support/effect-pair';
import type { RootCauseOutput } from '$workers/shared/outputs-causal';

function ranking(
	symptom: string,
	candidates: { service: string; keys: string[] }[]
): RootCauseOutput {
	return {
		type: 'root-cause',
		symptom: {
			key: symptom,
			service: symptom.split('.')[0],
			family: 'latency',
			auto: true,
			score: 9
		},
		candidates: candidates.map((c, i) => ({
			rank: i + 1,
			service: c.service,
			sampleKey: c.keys[0],
			signals: c.keys.map((key) => ({ key })),
			baselineSample: [],
			incidentSample: []
		}))
	} as unknown as RootCauseOutput;
}

const keys = ['edge.latency_ms', 'api.cpu_pct', 'db.cpu_pct', 'db.disk_io'];
const empty = { treatment: '', outcome: '' };

describe('chooseEffectPair', () => {
	it("takes the top candidate's strongest series and the ranking's symptom", () => {
		const r = ranking('edge.latency_ms', [
			{ service: 'db', keys: ['db.disk_io', 'db.cpu_pct'] },
			{ service: 'api', keys: ['api.cpu_pct'] }
		]);
		const p = chooseEffectPair(empty, keys, r);
		expect(p).toMatchObject({ treatment: 'db.disk_io', outcome: 'edge.latency_ms' });
		expect(p.notes.join(' ')).toMatch(/strongest series of db, rank 1/);
	});

	it('skips candidates without a series in the data cell, and says so', () => {
		const r = ranking('edge.latency_ms', [
			{ service: 'cache', keys: ['cache.evictions'] },
			{ service: 'api', keys: ['api.cpu_pct'] }
		]);
		const p = chooseEffectPair(empty, keys, r);
		expect(p.treatment).toBe('api.cpu_pct');
		expect(p.notes.join(' ')).toMatch(/rank 2.*cache, ranked higher, has no usable series/);
	});

	it('never uses the outcome as its own treatment', () => {
		const r = ranking('edge.latency_ms', [
			{ service: 'edge', keys: ['edge.latency_ms'] },
			{ service: 'db', keys: ['db.cpu_pct'] }
		]);
		expect(chooseEffectPair(empty, keys, r).treatment).toBe('db.cpu_pct');
	});

	it('picks a name-rule outcome other than the ranked treatment; caps the skipped list', () => {
		const r = ranking('shop.latency_ms', [
			...['a', 'b', 'c', 'd'].map((service) => ({ service, keys: [`${service}.x`] })),
			{ service: 'edge', keys: ['edge.latency_ms'] }
		]);
		const p = chooseEffectPair(empty, keys, r);
		expect(p.treatment).toBe('edge.latency_ms');
		expect(p.outcome).not.toBe('edge.latency_ms');
		expect(p.notes.join(' ')).toMatch(/a, b, c and 1 more, ranked higher/);
	});

	it('keeps what the user typed', () => {
		const r = ranking('edge.latency_ms', [{ service: 'db', keys: ['db.disk_io'] }]);
		const p = chooseEffectPair({ treatment: 'api.cpu_pct', outcome: 'db.disk_io' }, keys, r);
		expect(p).toEqual({ treatment: 'api.cpu_pct', outcome: 'db.disk_io', notes: [] });
	});

	it('falls back to names without a ranking, or when the symptom is not in the data', () => {
		const p = chooseEffectPair(empty, keys);
		expect(p.outcome).toBe('edge.latency_ms');
		expect(p.treatment).toMatch(/cpu_pct$/);
		expect(p.notes.join(' ')).toMatch(/chosen by its name/);
		const r = ranking('shop.latency_ms', [{ service: 'zzz', keys: ['zzz.x'] }]);
		const q = chooseEffectPair(empty, keys, r);
		expect(q.outcome).toBe('edge.latency_ms');
		expect(q.notes.join(' ')).toMatch(/no ranked candidate has a usable series/);
	});

	it('leaves both empty when there is nothing to choose from', () => {
		expect(chooseEffectPair(empty, ['only.one'])).toEqual({
			treatment: undefined,
			outcome: undefined,
			notes: []
		});
	});
});
