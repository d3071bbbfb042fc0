import { describe, expect, it } from 'vitest';
import { eventsInRange } from '../../../workers/data/select';
import {
	globToRegExp,
	matchSeries,
	resolveRange,
	sliceSeries
} from '../../../workers/shared/select';
import { makeBundle, T0 } from '../storage/make-bundle';

const keys = ['edge.latency_ms', 'edge.rps', 'api.latency_ms', 'db.lock.wait_ms', 'db.rps'];

describe('matchSeries', () => {
	it('matches globs and exact keys, keeping the bundle order and no duplicates', () => {
		expect(matchSeries(['*'], keys)).toEqual(keys);
		expect(matchSeries(['*.latency_ms'], keys)).toEqual(['edge.latency_ms', 'api.latency_ms']);
		expect(matchSeries(['db.*', 'edge.rps'], keys)).toEqual([
			'edge.rps',
			'db.lock.wait_ms',
			'db.rps'
		]);
		expect(matchSeries(['db.rps', 'edge.*', 'edge.rps'], keys)).toEqual([
			'edge.latency_ms',
			'edge.rps',
			'db.rps'
		]);
		expect(matchSeries(['*lock*'], keys)).toEqual(['db.lock.wait_ms']);
		expect(matchSeries([], keys)).toEqual([]);
		expect(matchSeries(['web.*'], keys)).toEqual([]);
	});

	it('treats regex characters literally and * as any run (also empty)', () => {
		expect(globToRegExp('db.rps').test('dbxrps')).toBe(false);
		expect(globToRegExp('a*b').test('ab')).toBe(true);
		expect(globToRegExp('(x)+*').test('(x)+y')).toBe(true);
	});

	it('names an exact key that is not in the bundle', () => {
		expect(() => matchSeries(['edge.latncy_ms'], keys, 'inc-1')).toThrow(
			/No series 'edge.latncy_ms' in incident 'inc-1'. Available: edge.latency_ms/
		);
	});
});

describe('resolveRange', () => {
	const { manifest } = makeBundle({ points: 1000 });
	it('resolves named windows from the manifest', () => {
		expect(resolveRange(manifest, 'all')).toEqual(manifest.timeRange);
		expect(resolveRange(manifest, 'baseline')).toEqual(manifest.baseline);
		expect(resolveRange(manifest, 'incident')).toEqual({
			start: manifest.onset,
			end: manifest.timeRange.end
		});
		expect(resolveRange(manifest, { start: 5, end: 9 })).toEqual({ start: 5, end: 9 });
	});
	it('falls back to the start without an onset and errors without a baseline', () => {
		const bare = { ...makeBundle({ noBaseline: true }).manifest, onset: undefined };
		expect(resolveRange(bare, 'incident')).toEqual(bare.timeRange);
		expect(() => resolveRange(bare, 'baseline')).toThrow(/has no baseline window/);
	});
});

describe('sliceSeries / eventsInRange', () => {
	it('copies the points inside an inclusive range', () => {
		const s = makeBundle({ points: 100 }).series[0];
		const out = sliceSeries(s, { start: T0 + 10_000, end: T0 + 20_000 });
		expect(Array.from(out.t)).toEqual(Array.from(s.t.slice(10, 21)));
		expect(out.t.buffer).not.toBe(s.t.buffer);
		expect(out.unit).toBe('ms');
		expect(sliceSeries(s, { start: T0 + 10_500, end: T0 + 10_900 }).t.length).toBe(0);
	});
	it('keeps events whose instant or span overlaps', () => {
		const { events } = makeBundle({ points: 1000 });
		const titles = (start: number, end: number) =>
			eventsInRange(events, { start: T0 + start * 1000, end: T0 + end * 1000 }).map((e) => e.title);
		expect(titles(0, 5)).toEqual([]);
		expect(titles(10, 10)).toEqual(['deploy api v2']);
		expect(titles(100, 200)).toEqual(['coolant leak']);
		expect(titles(0, 999)).toEqual(['deploy api v2', 'coolant leak', 'p95 high']);
	});
});
