import { describe, expect, it } from 'vitest';
import {
	IDLE,
	assertNever,
	transition,
	type CellEvent,
	type CellState
} from '$lib/notebook/status';

const run = (state: CellState, ...events: CellEvent[]) => events.reduce(transition, state);
const done: CellState = { status: 'done', outputHash: 'h1', elapsedMs: 5, fromCache: false };

describe('transition', () => {
	it('goes idle -> queued -> running -> done', () => {
		const s = run(
			IDLE,
			{ type: 'queue' },
			{ type: 'start', at: 100 },
			{ type: 'progress', fraction: 0.5, label: 'half' }
		);
		expect(s).toMatchObject({ status: 'running', startedAt: 100, progress: { fraction: 0.5 } });
		expect(
			transition(s, { type: 'succeed', outputHash: 'h', elapsedMs: 7, fromCache: true })
		).toEqual({ status: 'done', outputHash: 'h', elapsedMs: 7, fromCache: true });
	});

	it('fails, dropping the output', () => {
		const s = run(done, { type: 'queue' }, { type: 'start', at: 1 });
		expect(transition(s, { type: 'fail', error: 'boom', elapsedMs: 3 })).toEqual({
			status: 'error',
			error: 'boom',
			elapsedMs: 3
		});
	});

	it('cancel returns to what the cell was before it was queued', () => {
		const cancel: CellEvent = { type: 'cancel' };
		expect(run(IDLE, { type: 'queue' }, { type: 'start', at: 1 }, cancel)).toEqual({
			status: 'idle'
		});
		expect(run(done, { type: 'queue' }, { type: 'start', at: 1 }, cancel)).toMatchObject({
			status: 'done',
			outputHash: 'h1'
		});
		const stale = transition(done, { type: 'invalidate' });
		expect(run(stale, { type: 'queue' }, cancel)).toMatchObject({
			status: 'stale',
			outputHash: 'h1'
		});
		const failed: CellState = { status: 'error', error: 'x' };
		expect(run(failed, { type: 'queue' }, cancel)).toEqual({ status: 'idle' });
		// Re-queued while running (latest run wins) still remembers the original status.
		expect(
			run(stale, { type: 'queue' }, { type: 'start', at: 1 }, { type: 'queue' }, cancel).status
		).toBe('stale');
	});

	it('cancel and progress do nothing to a cell that is not busy', () => {
		expect(transition(done, { type: 'cancel' })).toBe(done);
		expect(transition(done, { type: 'progress', fraction: 1 })).toBe(done);
	});

	it('invalidate: stale when there was output, else idle', () => {
		expect(transition(done, { type: 'invalidate' })).toEqual({ status: 'stale', outputHash: 'h1' });
		expect(transition(IDLE, { type: 'invalidate' })).toEqual({ status: 'idle' });
		expect(transition({ status: 'error', error: 'x' }, { type: 'invalidate' })).toEqual({
			status: 'idle'
		});
		const running = run(done, { type: 'queue' }, { type: 'start', at: 1 });
		expect(transition(running, { type: 'invalidate' })).toEqual({
			status: 'stale',
			outputHash: 'h1'
		});
	});

	it('reset clears everything', () => {
		expect(transition(done, { type: 'reset' })).toEqual({ status: 'idle' });
	});

	it('is exhaustive', () => {
		expect(() => transition(IDLE, { type: 'explode' } as unknown as CellEvent)).toThrow(
			/unexpected value/
		);
		expect(() => assertNever('x' as never)).toThrow();
	});
});
