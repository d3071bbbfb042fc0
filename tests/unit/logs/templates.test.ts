import { describe, expect, it } from 'vitest';
import { TemplateIndex } from '../../../workers/logs/templates';

const MIN = 60_000;

describe('TemplateIndex', () => {
	it('keeps count, first/last seen, levels and per-bucket counts per template', () => {
		const idx = new TemplateIndex({ bucketMs: MIN, origin: 0 });
		idx.add('db lock wait 40 ms', 0, 'info');
		idx.add('db lock wait 45 ms', 30_000, 'info');
		idx.add('db lock wait 2600 ms', 5 * MIN, 'warn');
		idx.add('cache miss for key 7', NaN);
		const [lock, miss] = idx.stats();
		expect(lock.template).toBe('db lock wait <*> ms');
		expect(lock.count).toBe(3);
		expect(lock.firstSeen).toBe(0);
		expect(lock.lastSeen).toBe(5 * MIN);
		expect(lock.byLevel).toEqual({ info: 2, warn: 1 });
		expect([...lock.buckets.entries()].sort()).toEqual([
			[0, 2],
			[5, 1]
		]);
		expect(miss.count).toBe(1);
		expect(miss.firstSeen).toBeNaN();
		expect(miss.buckets.size).toBe(0);
	});

	it('reports a burst during the incident against the baseline', () => {
		const idx = new TemplateIndex({ bucketMs: MIN, origin: 0 });
		for (let m = 0; m < 60; m++) idx.add(`request served in ${m} ms`, m * MIN);
		for (let m = 0; m < 60; m++) if (m % 10 === 0) idx.add(`pool wait ${m} ms`, m * MIN);
		for (let m = 60; m < 90; m++) {
			idx.add(`request served in ${m} ms`, m * MIN);
			for (let k = 0; k < 5; k++) idx.add(`pool wait ${m + k} ms`, m * MIN + k);
		}
		const baseline = { start: 0, end: 60 * MIN - 1 };
		const incident = { start: 60 * MIN, end: 90 * MIN - 1 };
		const byTemplate = new Map(idx.stats().map((s) => [s.template, s]));
		const steady = idx.burstFactor(byTemplate.get('request served in <*> ms')!, baseline, incident);
		const burst = idx.burstFactor(byTemplate.get('pool wait <*> ms')!, baseline, incident);
		expect(steady).toBeCloseTo(1, 1);
		expect(burst).toBeGreaterThan(20);
	});

	it('folds the statistics of merged word variants into the surviving template', () => {
		const idx = new TemplateIndex();
		const names = ['alice', 'bob', 'carol', 'dave', 'erin'];
		names.forEach((n, i) => idx.add(`login failed for ${n}`, i * 1000, 'warn'));
		const stats = idx.stats();
		expect(stats).toHaveLength(1);
		expect(stats[0]).toMatchObject({ template: 'login failed for <*>', count: 5, firstSeen: 0 });
		expect(stats[0].byLevel.warn).toBe(5);
	});
});
