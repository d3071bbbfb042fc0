/**
 * The notebook engine: plain TypeScript, no Svelte. The UI wraps it in a rune class and feeds it
 * the document; the CLI drives it directly. It keeps runtime state per cell (status.ts), runs cells
 * one at a time in topological order (the queue: engine-queue.ts), reuses outputs by hash, and
 * makes the latest run win. The replay cursor (setCursor) is runtime state too: cells see only
 * data up to it (docs/replay.md).
 */
import { isCancelled } from '$workers/shared/cancel';
import { ABORTED, cellKey, messageOf, replayRefusal } from './engine-jobs';
import { prepareRun, runContext, runView, unlessAborted } from './engine-jobs';
import type { EngineOptions, Job, PreparedRun } from './engine-jobs';
import { JobQueue } from './engine-queue';
import { NotebookGraph } from './graph';
import { cursorCells, dirtyCells, EMPTY_NOTEBOOK, liveCells } from './engine-diff';
import type { Cell, Notebook } from './model';
import type { AnyCellKind } from './kinds/kind';
import type { CellOutput } from './outputs';
import { IDLE, sameState, transition, type CellEvent, type CellState } from './status';

export type { EngineOptions, OutputCache } from './engine-jobs';
export { memoryCache } from './engine-jobs';

/** How often a job may wait for upstream cells that went out of date before it gives up. */
const MAX_REQUEUES = 3;

export class NotebookEngine {
	private doc: Notebook = EMPTY_NOTEBOOK;
	private currentGraph: NotebookGraph;
	private readonly states = new Map<string, CellState>();
	private readonly outputs = new Map<string, CellOutput>();
	private readonly jobs: JobQueue;
	private pumping = false;
	private readonly now: () => number;
	private cursor: number | undefined;

	constructor(private readonly opts: EngineOptions) {
		this.now = opts.now ?? Date.now;
		this.jobs = new JobQueue(opts.onAbort);
		this.currentGraph = new NotebookGraph([], opts.kinds);
	}

	/** The current dependency graph (order, static errors, closures). */
	get graph(): NotebookGraph {
		return this.currentGraph;
	}

	/** The replay cursor (epoch ms), or undefined: every cell sees the whole incident. */
	get asOf(): number | undefined {
		return this.cursor;
	}

	/**
	 * Moves the replay cursor. Not a document edit: cells that read the incident in time, and
	 * everything downstream of them, go stale (their runs in flight are cancelled) and see only
	 * data up to the cursor when they run again. Outputs for an earlier cursor come back from the
	 * cache, since the cursor is part of their key.
	 */
	setCursor(asOf: number | undefined): void {
		if (asOf === this.cursor) return;
		this.cursor = asOf;
		const touched = cursorCells(this.currentGraph, this.opts.kinds);
		for (const id of this.currentGraph.order) {
			if (!touched.has(id)) continue;
			this.cancelJob(id);
			const st = this.state(id);
			// A refusal at the old cursor is no verdict at the new one.
			if (st.status === 'error') this.apply(id, { type: 'reset' });
			else this.apply(id, { type: 'invalidate' });
		}
	}

	/** Cells that re-run at once when the cursor moves (engine-diff `liveCells`). */
	get liveCells(): Set<string> {
		return liveCells(this.currentGraph, this.opts.kinds);
	}

	/** The cell's runtime state (idle if unknown). */
	state(cellId: string): CellState {
		return this.states.get(cellId) ?? IDLE;
	}

	/** The output on hand: current when the cell is done, outdated when it is stale. */
	output(cellId: string): CellOutput | undefined {
		return this.outputs.get(cellId);
	}

	/**
	 * Replaces the document. Cells whose kind, params, source or wiring changed are invalidated, and
	 * so is everything downstream of them; their runs in flight are cancelled.
	 */
	setNotebook(nb: Notebook): void {
		const prev = this.doc;
		const prevGraph = this.currentGraph;
		this.doc = nb;
		this.currentGraph = new NotebookGraph(nb.cells, this.opts.kinds);
		// Deleted cells: forget them entirely.
		for (const id of [...this.states.keys(), ...this.jobs.cells()]) {
			if (this.currentGraph.cell(id)) continue;
			this.endJob(id);
			this.states.delete(id);
			this.outputs.delete(id);
		}
		const dirty = dirtyCells(
			{ doc: prev, graph: prevGraph },
			{ doc: nb, graph: this.currentGraph },
			this.opts.kinds
		);
		for (const id of this.currentGraph.order) {
			if (!dirty.has(id)) continue;
			this.cancelJob(id);
			this.apply(id, { type: 'invalidate' });
		}
		this.applyStaticErrors(prevGraph);
	}

	/** Cells the graph rejects show their error at once; a fixed one goes back to idle. */
	private applyStaticErrors(prevGraph: NotebookGraph): void {
		for (const id of this.currentGraph.order) {
			const error = this.currentGraph.errors.get(id);
			const state = this.state(id);
			if (error && !(state.status === 'error' && state.error === error)) {
				this.cancelJob(id);
				this.outputs.delete(id);
				this.apply(id, { type: 'fail', error });
			} else if (!error && state.status === 'error' && state.error === prevGraph.errors.get(id)) {
				this.apply(id, { type: 'reset' });
			}
		}
	}

	/** Runs the cell after any upstream cell that has no current output. Resolves when all settled. */
	async run(cellId: string): Promise<void> {
		if (!this.currentGraph.cell(cellId)) throw new Error(`no cell with id "${cellId}"`);
		const upstream = this.currentGraph.upstream(cellId);
		for (const id of upstream) this.enqueueIfNeeded(id);
		this.enqueue(cellId);
		void this.pump();
		await this.jobs.settled([...upstream, cellId]);
	}

	/** Runs every cell without a current output, in topological order. */
	async runAll(): Promise<void> {
		const ids = this.currentGraph.order;
		for (const id of ids) this.enqueueIfNeeded(id);
		void this.pump();
		await this.jobs.settled(ids);
	}

	/**
	 * Shows outputs the cache already holds (e.g. after a reload) without computing anything: idle
	 * cells whose inputs are on hand and whose key hits the cache become done (fromCache). Stops
	 * at the first document change, since keys computed for an older document mean nothing.
	 */
	async restore(): Promise<void> {
		const doc = this.doc;
		const untouched = (id: string) =>
			this.doc === doc && !this.jobs.has(id) && this.state(id).status === 'idle';
		for (const id of this.currentGraph.order) {
			const cell = this.currentGraph.cell(id);
			if (this.doc !== doc) return;
			if (!cell || !untouched(id) || this.currentGraph.blocker(id)) continue;
			const prep = this.prepare(cell);
			if (!prep.ok) continue;
			const fail = () => undefined;
			if (replayRefusal(prep.run.kind, this.cursor)) continue;
			const hash = await cellKey(
				cell,
				prep.run,
				this.opts.compute,
				doc.incidentId,
				runView(doc.notes, this.cursor)
			).catch(fail);
			const hit = hash ? await this.opts.cache.get(hash).catch(fail) : undefined;
			if (!hash || !hit || !untouched(id)) continue;
			this.outputs.set(id, hit);
			this.apply(id, { type: 'succeed', outputHash: hash, elapsedMs: 0, fromCache: true });
		}
	}

	/** Cancels the cell's run (if any) and the queued runs of its dependents. */
	cancel(cellId: string): void {
		this.cancelJob(cellId);
		for (const d of this.currentGraph.dependents(cellId)) this.cancelJob(d);
	}

	cancelAll(): void {
		for (const id of this.jobs.cells()) this.cancelJob(id);
	}

	private apply(cellId: string, event: CellEvent): void {
		const prev = this.state(cellId);
		const next = transition(prev, event);
		if (sameState(prev, next)) return;
		this.states.set(cellId, next);
		this.opts.onState?.(cellId, next);
	}

	private enqueueIfNeeded(cellId: string): void {
		if (this.state(cellId).status !== 'done' && !this.jobs.has(cellId)) this.enqueue(cellId);
	}

	/** Queues a new run; a run of the same cell still in flight is dropped (latest run wins). */
	private enqueue(cellId: string): void {
		this.jobs.add(cellId);
		this.apply(cellId, { type: 'queue' });
	}

	/** Removes the cell's job (if any) without touching its state. */
	private endJob(cellId: string): boolean {
		return this.jobs.end(cellId);
	}

	private cancelJob(cellId: string): void {
		if (this.endJob(cellId)) this.apply(cellId, { type: 'cancel' });
	}

	private prepare(cell: Cell) {
		const state = (id: string) => this.state(id);
		const output = (id: string) => this.output(id);
		return prepareRun(cell, this.currentGraph, this.opts.kinds, state, output, this.cursor);
	}

	private isCurrent(job: Job): boolean {
		return this.jobs.isCurrent(job);
	}

	/** One run at a time, always the queued cell earliest in topological order. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			for (;;) {
				const job = this.jobs.take(this.currentGraph.order);
				if (!job) break;
				await this.process(job);
			}
		} finally {
			this.pumping = false;
		}
	}

	private async process(job: Job): Promise<void> {
		const cell = this.currentGraph.cell(job.cellId);
		if (!cell || !this.isCurrent(job)) return;
		const blocker = this.currentGraph.blocker(cell.id);
		if (blocker) return this.fail(job, blocker);
		const prep = this.prepare(cell);
		if (prep.ok) return this.execute(job, cell, prep.run);
		if ('error' in prep) return this.fail(job, prep.error);
		// An input went out of date after this run was planned: run it first, then retry.
		if (job.requeues++ >= MAX_REQUEUES) return this.cancelJob(cell.id);
		for (const id of prep.missing) {
			for (const up of this.currentGraph.upstream(id)) this.enqueueIfNeeded(up);
			this.enqueueIfNeeded(id);
		}
		this.jobs.requeue(job);
	}

	private async execute(job: Job, cell: Cell, prep: PreparedRun): Promise<void> {
		const startedAt = this.now();
		const elapsed = () => this.now() - startedAt;
		this.apply(cell.id, { type: 'start', at: startedAt });
		const refusal = replayRefusal(prep.kind, this.cursor);
		if (refusal) return this.fail(job, refusal, 0);
		try {
			const { compute } = this.opts;
			const view = runView(this.doc.notes, this.cursor);
			const key = cellKey(cell, prep, compute, this.doc.incidentId, view);
			const hash = await unlessAborted(job, key);
			if (hash === ABORTED || !this.isCurrent(job)) return;
			const cached = await unlessAborted(job, this.lookup(cell.id, hash, prep.kind));
			if (cached === ABORTED || !this.isCurrent(job)) return;
			if (cached) return this.succeed(job, hash, cached, true, elapsed());
			const onProgress = (fraction: number, label: string) => {
				if (this.isCurrent(job)) this.apply(cell.id, { type: 'progress', fraction, label });
			};
			const ctx = runContext(job, cell, prep, this.doc.incidentId, compute, onProgress, view);
			const output = await unlessAborted(job, prep.kind.run(ctx));
			if (output === ABORTED || !this.isCurrent(job)) return;
			this.succeed(job, hash, output, false, elapsed());
			// Cheap outputs at a replay cursor are not stored: scrubbing would write one copy of the
			// data per step, and they are quicker to recompute than to read back.
			if (this.cursor !== undefined && prep.kind.live) return;
			// A cache that cannot store is not the cell's failure: the output is already shown. Not
			// awaited: the next cell (a chart of this data while scrubbing) must not wait for storage.
			void this.opts.cache.put(hash, output, this.doc.incidentId).catch(() => undefined);
		} catch (err) {
			if (!this.isCurrent(job)) return;
			if (isCancelled(err)) return this.cancelJob(cell.id);
			this.fail(job, messageOf(err), elapsed());
		}
	}

	/**
	 * The output for a hash: the one on hand if it matches, else the cache (a failing cache = miss;
	 * cheap outputs at a replay cursor are never stored, so the cache is not asked).
	 */
	private async lookup(
		cellId: string,
		hash: string,
		kind: AnyCellKind
	): Promise<CellOutput | undefined> {
		const held = this.outputs.get(cellId);
		if (held && this.state(cellId).outputHash === hash) return held;
		if (this.cursor !== undefined && kind.live) return undefined;
		return this.opts.cache.get(hash).catch(() => undefined);
	}

	private succeed(job: Job, hash: string, output: CellOutput, fromCache: boolean, ms: number) {
		const previous = this.state(job.cellId).outputHash;
		this.outputs.set(job.cellId, output);
		this.endJob(job.cellId);
		this.apply(job.cellId, { type: 'succeed', outputHash: hash, elapsedMs: ms, fromCache });
		if (previous !== hash) this.invalidateFinishedDependents(job.cellId);
	}

	/** Finished dependents no longer match what feeds them: they go stale (queued ones run anyway). */
	private invalidateFinishedDependents(cellId: string): void {
		for (const d of this.currentGraph.dependents(cellId))
			if (!this.jobs.has(d) && this.state(d).status === 'done')
				this.apply(d, { type: 'invalidate' });
	}

	/**
	 * Fails the cell alone (a run that threw, or a refusal at the replay cursor); its finished
	 * dependents go stale. Queued dependents still run: where it feeds an optional input they do
	 * without it (prepareRun), where it feeds a required one they fail in turn ("upstream cell …
	 * failed").
	 */
	private fail(job: Job, error: string, elapsedMs?: number): void {
		this.outputs.delete(job.cellId);
		this.endJob(job.cellId);
		this.apply(job.cellId, { type: 'fail', error, elapsedMs });
		this.invalidateFinishedDependents(job.cellId);
	}
}
