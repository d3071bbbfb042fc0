import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../workers/demo/generate';
import { TIMELINE } from '../../../workers/demo/story';
import { fileText, readLogs, readSeries, type ReadSeries } from './read-bundle';

const bundle = generateDemo();
const series = readSeries(bundle.files);
const events = fileText(bundle.files, 'events.jsonl')
	.trimEnd()
	.split('\n')
	.map((l) => JSON.parse(l) as { ts: string; kind: string; title: string });
const manifest = JSON.parse(fileText(bundle.files, 'manifest.json'));
const onset = Date.parse(manifest.onset);
const baselineEnd = Date.parse(manifest.baseline.end);

const get = (key: string): ReadSeries => {
	const s = series.get(key);
	if (!s) throw new Error(`no series ${key}`);
	return s;
};
const values = (s: ReadSeries, from: number, to: number): number[] =>
	s.v.filter((v, i) => s.t[i] >= from && s.t[i] < to && !Number.isNaN(v));
const median = (xs: number[]): number => {
	const a = [...xs].sort((x, y) => x - y);
	return a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const END = Infinity;

/**
 * When a series first leaves its baseline for good: the first time after the baseline that three
 * consecutive readings sit a quarter of the way from the baseline median to the incident extreme.
 */
function departure(key: string, direction: 1 | -1 = 1): number {
	const s = get(key);
	const base = median(values(s, 0, baselineEnd));
	const inc = values(s, baselineEnd, END);
	const extreme = direction === 1 ? Math.max(...inc) : Math.min(...inc);
	const level = base + 0.25 * (extreme - base);
	let run = 0;
	for (let i = 0; i < s.t.length; i++) {
		if (s.t[i] < baselineEnd || Number.isNaN(s.v[i])) continue;
		run = direction * (s.v[i] - level) > 0 ? run + 1 : 0;
		if (run === 3) return s.t[i - 2];
	}
	throw new Error(`${key} never departs`);
}

describe('demo story shape', () => {
	it('has db lock time of tens of ms at baseline and ~2600 ms at the peak', () => {
		const s = get('db.db_lock_ms');
		expect(median(values(s, 0, baselineEnd))).toBeGreaterThan(20);
		expect(median(values(s, 0, baselineEnd))).toBeLessThan(80);
		const peak = Math.max(...values(s, onset, END));
		expect(peak).toBeGreaterThan(2300);
		expect(peak).toBeLessThan(2900);
	});

	it('breaches 800 ms edge latency in the incident only', () => {
		const s = get('edge.latency_ms');
		expect(Math.max(...values(s, 0, baselineEnd))).toBeLessThan(800);
		expect(Math.max(...values(s, 0, onset))).toBeLessThan(800);
		expect(Math.max(...values(s, onset, END))).toBeGreaterThan(800);
	});

	it('moves in causal order: temperature, clock, db lock, pool wait, edge latency', () => {
		const order = [
			departure('host-b4.cpu_temp_c'),
			departure('host-b4.cpu_clock_ghz', -1),
			departure('db.db_lock_ms'),
			departure('api.pool_wait_ms'),
			departure('edge.latency_ms')
		];
		for (let k = 1; k < order.length; k++) expect(order[k]).toBeGreaterThan(order[k - 1]);
		expect(order[0]).toBeGreaterThanOrEqual(TIMELINE.leak);
	});

	it('places a red-herring deploy ~40 min before onset that changes nothing', () => {
		const deploy = events.find((e) => e.kind === 'deploy');
		expect(deploy?.title).toContain('v2.14.1');
		const t = Date.parse(deploy!.ts);
		expect(onset - t).toBe(40 * 60_000);
		for (const key of ['edge.latency_ms', 'db.db_lock_ms', 'api.pool_wait_ms']) {
			const before = mean(values(get(key), t - 20 * 60_000, t));
			const after = mean(values(get(key), t, t + 20 * 60_000));
			expect(Math.abs(after / before - 1)).toBeLessThan(0.15);
		}
	});

	it('reports the coolant leak after onset, and alerts when latency passes 800 ms', () => {
		const physical = events.find((e) => e.kind === 'physical');
		expect(physical?.title).toBe('coolant leak in rack B4');
		expect(Date.parse(physical!.ts)).toBeGreaterThan(onset);
		const alert = Date.parse(events.find((e) => e.kind === 'alert')!.ts);
		const edge = get('edge.latency_ms');
		expect(Math.max(...values(edge, onset, alert))).toBeGreaterThan(800);
		expect(Math.max(...values(edge, onset, alert - 5 * 60_000))).toBeLessThan(800);
		expect(events.map((e) => e.kind)).toEqual(
			expect.arrayContaining(['config', 'deploy', 'alert', 'scaling', 'physical'])
		);
		const times = events.map((e) => Date.parse(e.ts));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});

	it('has a higher log error share in the incident than in the baseline', () => {
		const logs = readLogs(bundle.files);
		const share = (from: number, to: number): number => {
			const sel = logs.filter((l) => l.t >= from && l.t < to);
			return sel.filter((l) => l.level === 'error').length / sel.length;
		};
		const base = share(0, baselineEnd);
		expect(base).toBeGreaterThan(0);
		expect(share(onset, END)).toBeGreaterThan(3 * base);
		expect(logs.length).toBeGreaterThan(4000);
		expect(logs.length).toBeLessThan(8000);
	});

	it('samples the host temperature irregularly (~60 s with jitter) and has gaps elsewhere', () => {
		const t = get('host-b4.cpu_temp_c').t;
		const steps = t.slice(1).map((x, i) => x - t[i]);
		expect(new Set(steps).size).toBeGreaterThan(10);
		expect(median(steps)).toBeGreaterThan(55_000);
		expect(median(steps)).toBeLessThan(65_000);
		expect(get('edge.latency_ms').t.length).toBe(1440);
		expect(get('api.pool_wait_ms').v.some(Number.isNaN)).toBe(true);
	});
});
