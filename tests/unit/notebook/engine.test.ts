import { describe, expect, it, vi } from 'vitest';
import { memoryCache, NotebookEngine } from '$lib/notebook/engine';
import { KINDS } from '$lib/notebook/kinds';
import type { Note, Notebook } from '$lib/notebook/model';
import type { AnyCellKind } from '$lib/notebook/kinds/kind';
import { z } from 'zod';
import type { DataOutput } from '$lib/notebook/outputs';
import type { CellState } from '$lib/notebook/status';
import { dataOutput, deferred, fakeCompute, type Deferred } from './fake-compute';
import { sampleNotebook } from './notebooks';

function setup(nb: Notebook = sampleNotebook(), cache = memoryCache()) {
	const compute = fakeCompute();
	const log: [string, CellState][] = [];
	let clock = 1000;
	const engine = new NotebookEngine({
		compute,
		cache,
		kinds: KINDS,
		onState: (id, s) => log.push([id, s]),
		now: () => (clock += 10)
	});
	engine.setNotebook(nb);
	const status = () => Object.fromEntries(nb.cells.map((c) => [c.id, engine.state(c.id).status]));
	const started = () => log.filter(([, s]) => s.status === 'running').map(([id]) => id);
	return { engine, compute, cache, log, status, started };
}

/** Makes data.select wait for the test; returns the pending calls. */
function gateSelect(compute: ReturnType<typeof fakeCompute>): Deferred<DataOutput>[] {
	const pending: Deferred<DataOutput>[] = [];
	compute.select = () => {
		const d = deferred<DataOutput>();
		pending.push(d);
		return d.promise;
	};
	return pending;
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const edit = (nb: Notebook, id: string, change: object): Notebook => ({
	...nb,
	cells: nb.cells.map((c) => (c.id === id ? { ...c, ...change } : c))
});

describe('NotebookEngine', () => {
	it('runs all cells in topological order and measures time', async () => {
		const nb = sampleNotebook();
		// Put the data cell last: it must still run before the cells that read it.
		const reordered = { ...nb, cells: [nb.cells[2], nb.cells[3], nb.cells[0], nb.cells[1]] };
		const { engine, started } = setup(reordered);
		await engine.runAll();
		expect(started()).toEqual(['m1', 'd1', 'c1', 's1']);
		for (const id of ['m1', 'd1', 'c1', 's1']) {
			expect(engine.state(id)).toMatchObject({ status: 'done', fromCache: false });
			expect(engine.state(id).elapsedMs).toBeGreaterThan(0);
		}
		expect(engine.output('m1')).toEqual({ type: 'html', html: '<h1>Why?</h1>\n' });
		expect(engine.output('c1')).toMatchObject({ type: 'timeseries', title: 'Edge' });
	});

	it('run(cell) runs missing upstream cells first, and only those', async () => {
		const { engine, started, compute } = setup();
		await engine.run('c1');
		expect(started()).toEqual(['d1', 'c1']);
		expect(engine.state('s1').status).toBe('idle');
		await engine.run('s1');
		expect(started()).toEqual(['d1', 'c1', 's1']);
		expect(compute.calls.filter((c) => c.startsWith('select'))).toHaveLength(1);
	});

	it('takes outputs from the cache when the hash matches', async () => {
		const cache = memoryCache();
		const first = setup(sampleNotebook(), cache);
		await first.engine.runAll();
		expect(cache.size).toBe(4);
		const second = setup(sampleNotebook(), cache);
		await second.engine.runAll();
		for (const id of ['m1', 'd1', 'c1', 's1']) {
			expect(second.engine.state(id)).toMatchObject({ status: 'done', fromCache: true });
			expect(second.engine.state(id).outputHash).toBe(first.engine.state(id).outputHash);
		}
		expect(second.compute.calls.filter((c) => !c.startsWith('incident'))).toEqual([]);
	});

	it('an edit makes the cell and its dependents stale, nothing else', async () => {
		const nb = sampleNotebook();
		const { engine, status } = setup(nb);
		await engine.runAll();
		engine.setNotebook(edit(nb, 'd1', { params: { ...nb.cells[1].params, events: false } }));
		expect(status()).toEqual({ m1: 'done', d1: 'stale', c1: 'stale', s1: 'stale' });
		expect(engine.output('c1')).toBeDefined();
		engine.setNotebook(edit(nb, 'm1', { source: '# Changed' }));
		expect(engine.state('m1').status).toBe('stale');
	});

	it('renaming a cell (and its references) is not a change', async () => {
		const nb = sampleNotebook();
		const { engine, status } = setup(nb);
		await engine.runAll();
		const renamed = {
			...nb,
			cells: nb.cells.map((c) =>
				c.id === 'd1'
					? { ...c, name: 'signals' }
					: c.inputs.data
						? { ...c, inputs: { data: 'signals' } }
						: c
			)
		};
		engine.setNotebook(renamed);
		expect(status()).toEqual({ m1: 'done', d1: 'done', c1: 'done', s1: 'done' });
	});

	it('after a re-run with a new output, done dependents go stale', async () => {
		const { engine, compute, status } = setup();
		await engine.runAll();
		compute.contentHash = 'content-2'; // the incident was re-imported
		await engine.run('d1');
		expect(status()).toEqual({ m1: 'done', d1: 'done', c1: 'stale', s1: 'stale' });
		await engine.run('c1');
		expect(engine.state('c1').status).toBe('done');
	});

	it('a cell that compares with the library computes afresh once the library changed', async () => {
		const nb = { ...sampleNotebook(), cells: [] } as Notebook;
		nb.cells = [{ id: 'x1', kind: 'similar-incidents', name: 'similar', inputs: {}, params: {} }];
		const cache = memoryCache();
		const first = setup(nb, cache);
		await first.engine.run('x1');
		// Another session on the same library: the cached output is the answer.
		const same = setup(nb, cache);
		await same.engine.run('x1');
		expect(same.engine.state('x1').fromCache).toBe(true);
		expect(same.compute.calls.filter((c) => c === 'similar')).toHaveLength(0);
		// An incident was imported since: the old comparison is no answer any more.
		const grown = setup(nb, cache);
		grown.compute.library = 'library-2';
		await grown.engine.run('x1');
		expect(grown.engine.state('x1')).toMatchObject({ status: 'done', fromCache: false });
		expect(grown.compute.calls.filter((c) => c === 'similar')).toHaveLength(1);
	});

	it('latest run wins: an older result arriving later is discarded', async () => {
		const { engine, compute } = setup();
		const pending = gateSelect(compute);
		const first = engine.run('d1');
		await vi.waitFor(() => expect(pending).toHaveLength(1));
		const second = engine.run('d1');
		await vi.waitFor(() => expect(pending).toHaveLength(2));
		pending[1].resolve(
			dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }, 'new')
		);
		await second;
		pending[0].resolve(
			dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }, 'old')
		);
		await first;
		await tick();
		const out = engine.output('d1') as DataOutput;
		expect(out.events[0].title).toBe('deploy new');
		expect(engine.state('d1').status).toBe('done');
	});

	it('latest run wins: an older result arriving first is never shown', async () => {
		const { engine, compute, log } = setup();
		const pending = gateSelect(compute);
		void engine.run('d1');
		await vi.waitFor(() => expect(pending).toHaveLength(1));
		const second = engine.run('d1');
		await vi.waitFor(() => expect(pending).toHaveLength(2));
		pending[0].resolve(
			dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }, 'old')
		);
		await tick();
		expect(engine.output('d1')).toBeUndefined();
		expect(engine.state('d1').status).toBe('running');
		pending[1].resolve(
			dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }, 'new')
		);
		await second;
		expect((engine.output('d1') as DataOutput).events[0].title).toBe('deploy new');
		expect(log.filter(([id, s]) => id === 'd1' && s.status === 'done')).toHaveLength(1);
	});

	it('cancel stops a running cell and its queued dependents', async () => {
		const { engine, compute, status } = setup();
		const pending = gateSelect(compute);
		const running = engine.runAll();
		await vi.waitFor(() => expect(pending).toHaveLength(1));
		expect(status()).toEqual({ m1: 'done', d1: 'running', c1: 'queued', s1: 'queued' });
		engine.cancel('d1');
		expect(status()).toEqual({ m1: 'done', d1: 'idle', c1: 'idle', s1: 'idle' });
		await running;
		pending[0].resolve(dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }));
		await tick();
		expect(status()).toEqual({ m1: 'done', d1: 'idle', c1: 'idle', s1: 'idle' });
		expect(engine.output('d1')).toBeUndefined();
	});

	it('tells the compute side which job ids were abandoned (onAbort)', async () => {
		const compute = fakeCompute();
		const pending = gateSelect(compute);
		const aborted: string[] = [];
		let jobSeen: string | undefined;
		const select = compute.select;
		compute.select = (sel, jobId) => {
			jobSeen = jobId;
			return select(sel, jobId);
		};
		const engine = new NotebookEngine({
			compute,
			cache: memoryCache(),
			kinds: KINDS,
			onAbort: (jobId) => aborted.push(jobId)
		});
		engine.setNotebook(sampleNotebook());
		const running = engine.run('d1');
		await vi.waitFor(() => expect(pending).toHaveLength(1));
		expect(aborted).toEqual([]);
		engine.cancel('d1');
		await running;
		expect(jobSeen).toBeTruthy();
		expect(aborted).toEqual([jobSeen]);
	});

	it('cancel returns a stale cell to stale, keeping its old output', async () => {
		const nb = sampleNotebook();
		const { engine, compute } = setup(nb);
		await engine.runAll();
		engine.setNotebook(edit(nb, 'd1', { params: { series: ['db.*'] } }));
		const pending = gateSelect(compute);
		const run = engine.run('c1');
		await vi.waitFor(() => expect(pending).toHaveLength(1));
		expect(engine.state('d1').status).toBe('running');
		expect(engine.state('c1').status).toBe('queued');
		engine.cancelAll();
		await run;
		expect(engine.state('d1')).toMatchObject({ status: 'stale' });
		expect(engine.state('c1')).toMatchObject({ status: 'stale' });
		expect(engine.output('c1')).toBeDefined();
	});

	it('an edit while running cancels the run and leaves the cell stale', async () => {
		const nb = sampleNotebook();
		const { engine, compute } = setup(nb);
		const pending = gateSelect(compute);
		const run = engine.run('c1');
		await vi.waitFor(() => expect(pending).toHaveLength(1));
		engine.setNotebook(edit(nb, 'd1', { params: { series: ['db.*'] } }));
		await run;
		expect(engine.state('d1').status).toBe('idle');
		expect(engine.state('c1').status).toBe('idle');
		pending[0].resolve(dataOutput({ series: ['*'], logs: false, events: true, range: 'all' }));
		await tick();
		expect(engine.output('d1')).toBeUndefined();
	});

	it('a failing cell fails its queued dependents', async () => {
		const { engine, compute, status } = setup();
		compute.select = async () => {
			throw new Error('disk on fire');
		};
		await engine.runAll();
		expect(status()).toEqual({ m1: 'done', d1: 'error', c1: 'error', s1: 'error' });
		expect(engine.state('d1').error).toBe('disk on fire');
		expect(engine.state('c1').error).toBe('upstream cell golden failed');
		expect(engine.state('s1').error).toBe('upstream cell golden failed');
	});

	it('a failed optional input is left out: the diagnosis runs on the rest of its evidence', async () => {
		const nb = sampleNotebook();
		// A statistics cell that throws, wired into the diagnosis's optional "stats" slot.
		const kinds = {
			...KINDS,
			boom: {
				...KINDS.stats,
				kind: 'boom',
				async run() {
					throw new Error('stats engine on fire');
				}
			}
		};
		const wired: Notebook = {
			...nb,
			cells: [
				...nb.cells,
				{ id: 'b1', kind: 'boom', name: 'boom', inputs: { data: 'golden' }, params: {} },
				{
					id: 'x1',
					kind: 'diagnosis',
					name: 'dx',
					inputs: { data: 'golden', stats: 'boom' },
					params: {}
				}
			]
		};
		const engine = new NotebookEngine({ compute: fakeCompute(), cache: memoryCache(), kinds });
		engine.setNotebook(wired);
		await engine.runAll();
		expect(engine.state('b1')).toMatchObject({ status: 'error', error: 'stats engine on fire' });
		expect(engine.state('x1').status).toBe('done');
		expect(engine.output('x1')).toMatchObject({ type: 'diagnosis' });
		// A failed required input still stops its dependents: 'a failing cell fails its queued dependents'.
	});

	it('validates params with the kind schema before running', async () => {
		const nb = sampleNotebook();
		const bad = edit(nb, 'c1', { params: { maxPoints: 'lots' } });
		const { engine, started } = setup(bad);
		await engine.runAll();
		expect(engine.state('c1').status).toBe('error');
		expect(engine.state('c1').error).toMatch(/^invalid params: maxPoints: /);
		expect(started()).not.toContain('c1');
	});

	it('never runs cells in a cycle or behind one; keeps unknown kinds as errors', async () => {
		const nb = sampleNotebook();
		const kinds = { ...KINDS, pass: { ...KINDS.chart, kind: 'pass', output: 'data' as const } };
		const cyclic: Notebook = {
			...nb,
			cells: [
				{ id: 'a', kind: 'pass', name: 'a', inputs: { data: 'b' }, params: {} },
				{ id: 'b', kind: 'pass', name: 'b', inputs: { data: 'a' }, params: {} },
				{ id: 'p', kind: 'chart', name: 'p', inputs: { data: 'b' }, params: {} },
				{ id: 'h', kind: 'hologram', name: 'h', inputs: {}, params: {} }
			]
		};
		const compute = fakeCompute();
		const engine = new NotebookEngine({ compute, cache: memoryCache(), kinds });
		engine.setNotebook(cyclic);
		expect(engine.state('a')).toEqual({ status: 'error', error: 'dependency cycle: a → b → a' });
		expect(engine.state('h').error).toBe('unknown cell kind "hologram"');
		await engine.runAll();
		expect(engine.state('p')).toMatchObject({ status: 'error', error: 'upstream cell a failed' });
		expect(engine.state('b').error).toBe('dependency cycle: b → a → b');
		expect(compute.calls).toEqual([]);
		// Breaking the cycle clears the error.
		const fixed = { ...cyclic.cells[0], kind: 'data', inputs: {} };
		engine.setNotebook({ ...cyclic, cells: [fixed, ...cyclic.cells.slice(1)] });
		expect(engine.state('a')).toEqual({ status: 'idle' });
		expect(engine.state('b')).toEqual({ status: 'idle' });
	});

	it('reports progress of the running cell', async () => {
		const kinds = {
			...KINDS,
			slow: {
				...KINDS.markdown,
				kind: 'slow',
				async run(ctx: { onProgress?: (f: number, l: string) => void }) {
					ctx.onProgress?.(0.5, 'halfway');
					return { type: 'html' as const, html: '' };
				}
			}
		};
		const log: CellState[] = [];
		const engine = new NotebookEngine({
			compute: fakeCompute(),
			cache: memoryCache(),
			kinds,
			onState: (_id, s) => log.push(s)
		});
		engine.setNotebook({
			...sampleNotebook(),
			cells: [{ id: 'x', kind: 'slow', name: 'x', inputs: {}, params: {} }]
		});
		await engine.runAll();
		expect(log.map((s) => s.status)).toEqual(['queued', 'running', 'running', 'done']);
		expect(log[2].progress).toEqual({ fraction: 0.5, label: 'halfway' });
	});

	it('drops state of deleted cells', async () => {
		const nb = sampleNotebook();
		const { engine } = setup(nb);
		await engine.runAll();
		engine.setNotebook({ ...nb, cells: nb.cells.slice(0, 2) });
		expect(engine.state('c1').status).toBe('idle');
		expect(engine.output('c1')).toBeUndefined();
		await expect(engine.run('c1')).rejects.toThrow(/no cell/);
	});
});

describe('NotebookEngine.restore', () => {
	it('shows cached outputs without computing, and stops where the cache misses', async () => {
		const cache = memoryCache();
		const nb = sampleNotebook();
		await setup(nb, cache).engine.runAll();
		// A new session over the same cache, with the stats cell edited (so it misses).
		const edited = edit(nb, 's1', { params: { window: 'incident' } });
		const { engine, compute, status } = setup(edited, cache);
		await engine.restore();
		expect(status()).toEqual({ m1: 'done', d1: 'done', c1: 'done', s1: 'idle' });
		expect(engine.state('c1').fromCache).toBe(true);
		expect(compute.calls.filter((c) => c !== 'incident')).toEqual([]);
	});
});

describe('NotebookEngine replay cursor', () => {
	it('hands the cursor to the data cell only, and makes it and what it feeds stale', async () => {
		const { engine, compute, status } = setup();
		const asked: (number | undefined)[] = [];
		const plain = compute.select;
		compute.select = (sel, jobId) => {
			asked.push(sel.asOf);
			return plain(sel, jobId);
		};
		await engine.runAll();
		const hashes = { d1: engine.state('d1').outputHash, c1: engine.state('c1').outputHash };
		engine.setCursor(42_000);
		expect(engine.asOf).toBe(42_000);
		// Markdown does not read time; the data cell and its chart and stats do.
		expect(status()).toEqual({ m1: 'done', d1: 'stale', c1: 'stale', s1: 'stale' });
		await engine.runAll();
		expect(asked).toEqual([undefined, 42_000]);
		expect(engine.state('d1').outputHash).not.toBe(hashes.d1);
		// Back to no cursor: the earlier outputs come from the cache, keyed without a cursor.
		engine.setCursor(undefined);
		await engine.runAll();
		expect(asked).toEqual([undefined, 42_000]);
		expect(engine.state('d1')).toMatchObject({ fromCache: true, outputHash: hashes.d1 });
		expect(engine.state('c1').outputHash).toBe(hashes.c1);
	});

	it('is not a document edit: the same cursor twice changes nothing', async () => {
		const { engine, log } = setup();
		await engine.runAll();
		engine.setCursor(42_000);
		const n = log.length;
		engine.setCursor(42_000);
		expect(log.length).toBe(n);
	});
});

describe('NotebookEngine notes', () => {
	// A kind that reads the notes, as the diagnosis does: its output lists what it was given.
	const noted: AnyCellKind = {
		kind: 'noted',
		label: 'Noted',
		description: 'reads notes',
		schema: z.object({}),
		inputs: [],
		fields: [],
		hasSource: false,
		readsIncident: false,
		readsNotes: true,
		async run(ctx) {
			return { type: 'html', html: (ctx.notes ?? []).map((n) => n.text).join('|') };
		}
	};
	const note = (text: string): Note => ({
		id: `n-${text}`,
		on: { type: 'time', t: 1000 },
		text,
		tags: [],
		author: 'a',
		createdAt: 'x',
		updatedAt: 'x'
	});

	it('hands notes to kinds that read them, re-runs only those on a note edit, and hides notes at a cursor', async () => {
		const base = sampleNotebook();
		const nb: Notebook = {
			...base,
			cells: [...base.cells, { id: 'n1', kind: 'noted', name: 'noted', inputs: {}, params: {} }],
			notes: [note('first')]
		};
		const log: [string, CellState][] = [];
		const engine = new NotebookEngine({
			compute: fakeCompute(),
			cache: memoryCache(),
			kinds: { ...KINDS, noted },
			onState: (id, s) => log.push([id, s])
		});
		engine.setNotebook(nb);
		await engine.runAll();
		expect(engine.output('n1')).toEqual({ type: 'html', html: 'first' });
		const first = engine.state('n1').outputHash;

		const edited = { ...nb, notes: [...nb.notes, note('second')] };
		engine.setNotebook(edited);
		const stale = nb.cells.filter((c) => engine.state(c.id).status === 'stale').map((c) => c.id);
		expect(stale).toEqual(['n1']);
		await engine.runAll();
		expect(engine.output('n1')).toEqual({ type: 'html', html: 'first|second' });
		expect(engine.state('n1').outputHash).not.toBe(first);

		// At a cursor notes are hindsight: the kind gets none.
		engine.setCursor(500);
		await engine.runAll();
		expect(engine.output('n1')).toEqual({ type: 'html', html: '' });
	});
});

describe('NotebookEngine live cells at a cursor', () => {
	it('names data, chart and stats as live, and does not store their outputs at a cursor', async () => {
		const nb = sampleNotebook();
		const cache = memoryCache();
		const puts: string[] = [];
		const put = cache.put.bind(cache);
		cache.put = (h, o, id) => (puts.push(h), put(h, o, id));
		const { engine } = setup(nb, cache);
		expect([...engine.liveCells].sort()).toEqual(['c1', 'd1', 's1']);
		await engine.runAll();
		const stored = puts.length;
		expect(stored).toBe(4); // markdown, data, chart and stats, without a cursor
		engine.setCursor(42_000);
		await engine.runAll();
		expect(engine.state('c1').status).toBe('done');
		expect(puts.length).toBe(stored);
	});
});
