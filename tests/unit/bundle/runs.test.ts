/**
 * Builders spilling sorted runs (workers/bundle/runs.ts): rows in order stay one run, a piece that
 * starts earlier than the run ended opens a new one, the last log row is held back for its
 * continuation lines, and a stable merge of the runs gives exactly what finish() gives.
 */
import { describe, expect, it } from 'vitest';
import { LogBuilder } from '../../../workers/bundle/log-table';
import type { RunSink } from '../../../workers/bundle/runs';
import { SpanBuilder } from '../../../workers/bundle/span-table';
import type { LogTable, SpanTable } from '../../../workers/bundle/types';

/** Keeps every piece, grouped in runs. */
class Recorder<Rows> implements RunSink<Rows> {
	readonly runs: Rows[][] = [];
	async write(rows: Rows, isNewRun: boolean): Promise<void> {
		if (isNewRun) this.runs.push([]);
		this.runs[this.runs.length - 1].push(rows);
	}
}

/** Row indices of all runs merged by time, ties to the earlier run (what storage does). */
function mergeOrder(runs: number[][]): [number, number][] {
	const at = runs.map(() => 0);
	const out: [number, number][] = [];
	for (;;) {
		let best = -1;
		for (let r = 0; r < runs.length; r++) {
			if (at[r] < runs[r].length && (best < 0 || runs[r][at[r]] < runs[best][at[best]])) best = r;
		}
		if (best < 0) return out;
		out.push([best, at[best]++]);
	}
}

describe('LogBuilder runs', () => {
	it('keeps rows in order as one run and holds the last row for continuation lines', async () => {
		const sink = new Recorder<LogTable>();
		const b = new LogBuilder();
		b.spillTo({ sink, runRows: 3 });
		for (let i = 0; i < 10; i++) {
			b.add(i, 2, i % 2 ? 'api' : 'edge', `m${i}`, '');
			await b.spillIfFull();
		}
		b.appendToLast('  at frame');
		const { services, remap } = await b.finishSpilled();
		expect(sink.runs).toHaveLength(1);
		const messages = sink.runs[0].flatMap((p) => p.message);
		expect(messages.at(-1)).toBe('m9\n  at frame');
		expect(messages).toHaveLength(10);
		expect(services).toEqual(['api', 'edge']);
		expect(Array.from(remap)).toEqual([1, 0]);
	});

	it('merged runs equal finish(): stable by time, ties in reading order', async () => {
		const rows = Array.from({ length: 200 }, (_, i) => ({ t: (i * 37) % 23, m: `r${i}` }));
		const whole = new LogBuilder();
		const sink = new Recorder<LogTable>();
		const spilled = new LogBuilder();
		spilled.spillTo({ sink, runRows: 16 });
		for (const r of rows) {
			whole.add(r.t, 2, `s${r.t % 5}`, r.m, '');
			spilled.add(r.t, 2, `s${r.t % 5}`, r.m, '');
			await spilled.spillIfFull();
		}
		const { remap } = await spilled.finishSpilled();
		expect(sink.runs.length).toBeGreaterThan(5);
		const runs = sink.runs.map((pieces) => ({
			t: pieces.flatMap((p) => Array.from(p.t)),
			m: pieces.flatMap((p) => p.message),
			s: pieces.flatMap((p) => Array.from(p.service, (s) => remap[s]))
		}));
		const order = mergeOrder(runs.map((r) => r.t));
		const want = whole.finish();
		expect(order.map(([r, i]) => runs[r].m[i])).toEqual(want.message);
		expect(order.map(([r, i]) => runs[r].s[i])).toEqual(Array.from(want.service));
	});
});

describe('SpanBuilder runs', () => {
	it('opens a new run only when a piece starts before the last one ended', async () => {
		const sink = new Recorder<SpanTable>();
		const b = new SpanBuilder();
		b.spillTo({ sink, runRows: 4 });
		const starts = [5, 1, 3, 2, 6, 9, 7, 8, 0, 4];
		for (const [i, start] of starts.entries()) {
			b.add({
				traceId: 't',
				spanId: `s${i}`,
				parentId: '',
				service: 'edge',
				operation: `op${i % 2}`,
				start,
				duration: 1,
				status: 0,
				kind: 0
			});
			await b.spillIfFull();
		}
		const dict = await b.finishSpilled();
		// [1 2 3 5] then [6 7 8 9] continue it; [0 4] starts earlier: a second run.
		expect(sink.runs.map((run) => run.flatMap((p) => Array.from(p.start)))).toEqual([
			[1, 2, 3, 5, 6, 7, 8, 9],
			[0, 4]
		]);
		expect(dict.operations.names).toEqual(['op0', 'op1']);
	});
});
