import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureLimits, ServerPlan } from '../../../workers/capture/api';
import { assembleCapture } from '../../../workers/capture/bundle';
import { collect } from '../../../workers/capture/collect';
import { msToNs } from '../../../workers/capture/plan';
import { CancelSource, neverCancelled } from '../../../workers/shared/cancel';
import { startFakeLoki, type FakeLine, type FakeLoki } from './fake-loki';

const FROM = Date.parse('2024-06-01T10:00:00Z');
const TO = Date.parse('2024-06-01T11:00:00Z');
const API = { service_name: 'api', level: 'error' };
const DB = { service_name: 'db', level: 'warn' };

/** `n` lines a second apart, alternating between two streams; `same` pins some to one timestamp. */
function lines(n: number, same: Record<number, number> = {}): FakeLine[] {
	return Array.from({ length: n }, (_, i) => ({
		labels: i % 2 ? DB : API,
		ns: msToNs(FROM) + BigInt(same[i] ?? i) * 1_000_000_000n,
		line: `line ${i}`
	}));
}

const limits = (over: Partial<CaptureLimits> = {}): CaptureLimits => ({
	from: FROM,
	to: TO,
	step: 2,
	maxSeries: 500,
	maxLines: 100,
	pageLines: 10,
	...over
});

let loki: FakeLoki | undefined;
afterEach(async () => {
	await loki?.close();
	loki = undefined;
});

async function run(data: FakeLine[], lim: CaptureLimits, signal = neverCancelled) {
	loki = await startFakeLoki(data);
	const plan: ServerPlan = {
		source: 'loki',
		base: loki.url,
		queries: ['{service_name=~".+"}'],
		http: { timeoutMs: 2000, retries: 0, backoffMs: 10, context: 'cli' }
	};
	const [out] = await collect([plan], lim, { signal });
	return out;
}

function kept(out: { response?: Record<string, unknown> }): string[] {
	const result = (out.response?.data as { result: { values: [string, string][] }[] }).result;
	return result
		.flatMap((s) => s.values)
		.sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1))
		.map((v) => v[1]);
}

describe('Loki paging', () => {
	it('pages forward through the window until a short page, keeping every line once', async () => {
		const out = await run(lines(25), limits());
		expect(out.error).toBeUndefined();
		expect(out.pages).toBe(3);
		expect(out.points).toBe(25);
		expect(out.series).toBe(2);
		expect(out.cuts).toEqual([]);
		expect(new Set(kept(out)).size).toBe(25);
		expect(loki!.calls.map((c) => c.direction)).toEqual(['forward', 'forward', 'forward']);
		// Each page starts at the newest timestamp of the previous one (inclusive).
		const s = (k: number) => msToNs(FROM) + BigInt(k) * 1_000_000_000n;
		expect(loki!.calls.map((c) => c.start)).toEqual([msToNs(FROM), s(9), s(18)]);
	});

	it('loses no line and repeats none when lines share a timestamp across a page boundary', async () => {
		// Lines 8..12 share second 8: the first page ends in the middle of them.
		const out = await run(lines(20, { 9: 8, 10: 8, 11: 8, 12: 8 }), limits());
		expect(out.points).toBe(20);
		expect(kept(out).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`).sort());
	});

	it('stops at the line budget and says where in the manifest', async () => {
		const lim = limits({ maxLines: 15 });
		const out = await run(lines(40), lim);
		expect(out.points).toBe(15);
		expect(loki!.calls.map((c) => c.limit)).toEqual([10, 6]);
		expect(out.cuts).toEqual([
			'line budget 15 reached after 2 pages, at 2024-06-01T10:00:14.000Z: later lines are missing (--max-lines)'
		]);
		const built = await assembleCapture([out], lim, { servers: { loki: loki!.url }, by: 'cli' });
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		expect(built.bundle.logs.length).toBe(15);
		expect(built.description).toContain('2 streams, 15 lines in 2 pages');
		expect(built.description).toContain('Cut: line budget 15 reached');
	});

	it('moves past a timestamp holding more lines than a page, and says some were skipped', async () => {
		const same = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i, 3]));
		const out = await run(lines(16, same), limits());
		expect(out.cuts[0]).toBe(
			'more than 10 lines share the timestamp 2024-06-01T10:00:03.000Z: some of them were skipped'
		);
		// 10 of the 12 at second 3, then lines 12..15.
		expect(out.points).toBe(14);
	});

	it('stops when cancelled, with CancelledError', async () => {
		const src = new CancelSource();
		src.cancel();
		await expect(run(lines(5), limits(), src)).rejects.toThrow('Cancelled');
	});
});
