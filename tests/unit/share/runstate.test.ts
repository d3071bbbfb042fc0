/** The run-state format: typed arrays bit for bit, version checks, and the committed v1 fixture. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryCache, NotebookEngine } from '../../../src/lib/notebook/engine';
import { KINDS } from '../../../src/lib/notebook/kinds';
import {
	parseRunState,
	RunStateError,
	serializeRunState,
	type RunState
} from '../../../src/lib/notebook/runstate';
import {
	snapshotCache,
	snapshotCompute,
	SnapshotOnlyError
} from '../../../src/lib/notebook/snapshot';
import { fakeCompute } from '../notebook/fake-compute';

const FIXTURE = new URL('../../fixtures/runstate/v1.json', import.meta.url).pathname;

function sample(): RunState {
	const fake = fakeCompute();
	void fake;
	return parseRunState(readFileSync(FIXTURE, 'utf8'));
}

describe('run state', () => {
	it('round-trips typed arrays bit for bit, NaN included', () => {
		const rs = sample();
		const out = rs.cells.c1.output as {
			type: 'data';
			series: { v: Float64Array; t: Float64Array }[];
		};
		out.series[0].v[1] = NaN;
		const back = parseRunState(serializeRunState(rs));
		const v = (back.cells.c1.output as typeof out).series[0].v;
		expect(v).toBeInstanceOf(Float64Array);
		expect(Number.isNaN(v[1])).toBe(true);
		expect(Array.from(v).filter(Number.isFinite)).toEqual(
			Array.from(out.series[0].v).filter(Number.isFinite)
		);
	});

	it('keeps NaN and Infinity outside typed arrays too', () => {
		const rs = sample();
		const out = rs.cells.c1.output as unknown as Record<string, unknown>;
		out.extra = { scale: NaN, up: Infinity, down: -Infinity, list: [1, NaN] };
		const back = parseRunState(serializeRunState(rs)).cells.c1.output as unknown as Record<
			string,
			unknown
		>;
		expect(back.extra).toEqual({ scale: NaN, up: Infinity, down: -Infinity, list: [1, NaN] });
	});

	it('reads the committed version-1 fixture (back-compatibility)', () => {
		const rs = sample();
		expect(rs.version).toBe(1);
		expect(Object.keys(rs.cells)).toEqual(['c1']);
		expect(rs.incident.manifest.id).toBe('coolant-leak-b4');
	});

	it('refuses other formats, newer versions and damaged arrays with a clear message', () => {
		expect(() => parseRunState('{"format":"x"}')).toThrow(/not a run state/);
		const text = readFileSync(FIXTURE, 'utf8');
		expect(() => parseRunState(text.replace('"version": 1', '"version": 9'))).toThrow(
			/newer than this app/
		);
		expect(() => parseRunState(text.replace(/"base64": "[^"]*"/, '"base64": "AAAA"'))).toThrow(
			RunStateError
		);
		expect(() => parseRunState('not json')).toThrow(/not JSON/);
	});
});

describe('snapshot compute', () => {
	it('answers with the recorded incident and refuses to compute', async () => {
		const rs = sample();
		const c = snapshotCompute(rs);
		expect((await c.data.incident('coolant-leak-b4')).contentHash).toBe(rs.incident.contentHash);
		await expect(
			c.data.select('coolant-leak-b4', { series: ['*'], logs: false, events: false, range: 'all' })
		).rejects.toThrow(SnapshotOnlyError);
		await expect(snapshotCache(rs).get(rs.cells.c1.key)).resolves.toBe(rs.cells.c1.output);
	});

	it('lets the engine show recorded outputs without computing anything', async () => {
		// Record a real run with the fake compute, then restore it from the snapshot alone.
		const live = fakeCompute();
		const cache = memoryCache();
		const nb = JSON.parse(
			readFileSync(
				new URL('../../fixtures/runstate/notebook.json', import.meta.url).pathname,
				'utf8'
			)
		);
		const engine = new NotebookEngine({ compute: live, cache, kinds: KINDS });
		engine.setNotebook(nb);
		await engine.runAll();
		const st = engine.state('c1');
		const rs: RunState = {
			...sample(),
			incident: await live.data.incident(nb.incidentId),
			cells: {
				c1: { key: st.outputHash!, output: engine.output('c1')!, elapsedMs: 1, recordedAt: '' }
			}
		};
		const replay = new NotebookEngine({
			compute: snapshotCompute(rs),
			cache: snapshotCache(rs),
			kinds: KINDS
		});
		replay.setNotebook(nb);
		await replay.restore();
		expect(replay.state('c1')).toMatchObject({ status: 'done', fromCache: true });
		expect(replay.output('c1')).toBe(rs.cells.c1.output);
	});
});
