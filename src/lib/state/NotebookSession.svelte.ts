/**
 * One open notebook: the document (saved to IndexedDB on every change, debounced) kept apart from
 * the runtime state the engine reports (status per cell, outputs). A rune class (STYLE §4.9).
 */
import { NotebookEngine, type OutputCache } from '$lib/notebook/engine';
import { KINDS } from '$lib/notebook/kinds';
import type { Compute } from '$lib/notebook/kinds/kind';
import type { Cell, Notebook } from '$lib/notebook/model';
import type { CellOutput } from '$lib/notebook/outputs';
import type { CellState } from '$lib/notebook/status';
import { newCell } from '$lib/notebook/edit';
import {
	applyTx,
	EMPTY_HISTORY,
	insertTx,
	moveTx,
	patchTx,
	record,
	redo,
	removeTx,
	undo,
	type History,
	type Transaction
} from '$lib/notebook/history';
import { dataWorker } from '$lib/compute/data';
import { metricsWorker } from '$lib/compute/metrics';
import { causalWorker } from '$lib/compute/causal';
import { logsWorker } from '$lib/compute/logs';
import { browserCompute } from '$lib/compute/browser-compute';
import { snapshotCache, snapshotCompute } from '$lib/notebook/snapshot';
import { RUNSTATE_FORMAT, RUNSTATE_VERSION, type RunState } from '$lib/notebook/runstate';
import { APP_VERSION } from '$lib/version';

const SAVE_DELAY_MS = 250;

/** Timestamp for `updatedAt` (a plain string: nothing reactive about it). */
const nowIso = () => new Date(Date.now()).toISOString();

const idbCache: OutputCache = {
	get: (hash) => dataWorker.api.getOutput(hash),
	put: (hash, output, incidentId) => dataWorker.api.putOutput(hash, output, incidentId)
};

/** How long the replay cursor must rest before stale cells re-run. */
const CURSOR_REST_MS = 350;

export class NotebookSession {
	doc = $state.raw<Notebook>() as Notebook;
	states = $state<Record<string, CellState>>({});
	/** Outputs by cell id; replaced, never mutated (large typed arrays must not be proxied). */
	outputs = $state.raw<Record<string, CellOutput | undefined>>({});
	saveError = $state<string | null>(null);
	/** The replay cursor (epoch ms), or null: every cell sees the whole incident. Never saved. */
	asOf = $state<number | null>(null);
	private restTimer: ReturnType<typeof setTimeout> | undefined;
	/** Undo/redo steps of this editing session (never saved with the document). */
	history = $state.raw<History>(EMPTY_HISTORY);
	private readonly engine: NotebookEngine;
	private saveTimer: ReturnType<typeof setTimeout> | undefined;
	private pendingSave: Promise<void> = Promise.resolve();

	/** The recorded run this session shows (a capsule's), or null for a live session. */
	readonly snapshot: RunState | null;

	constructor(
		doc: Notebook,
		opts: { compute?: Compute; cache?: OutputCache; snapshot?: RunState } = {}
	) {
		this.snapshot = opts.snapshot ?? null;
		const snap = opts.snapshot;
		this.engine = new NotebookEngine({
			compute: snap ? snapshotCompute(snap) : (opts.compute ?? browserCompute()),
			cache: snap ? snapshotCache(snap) : (opts.cache ?? idbCache),
			kinds: KINDS,
			// Stop worker-side work of an abandoned run; a job id unknown to a worker is a no-op there.
			onAbort: (jobId) => {
				void dataWorker.running?.cancel(jobId).catch(() => {});
				void metricsWorker.running?.cancel(jobId).catch(() => {});
				void causalWorker.running?.cancel(jobId).catch(() => {});
				void logsWorker.running?.cancel(jobId).catch(() => {});
			},
			onState: (cellId, state) => {
				this.states[cellId] = state;
				this.outputs = { ...this.outputs, [cellId]: this.engine.output(cellId) };
			}
		});
		this.doc = doc;
		this.engine.setNotebook(doc);
	}

	get graph() {
		return this.engine.graph;
	}

	state(cellId: string): CellState {
		return this.states[cellId] ?? { status: 'idle' };
	}

	/** Shows outputs already in the cache (e.g. after a reload) without computing anything. */
	async restore(): Promise<void> {
		await this.engine.restore();
		this.autoRun();
	}

	/** Runs the cheap, pure cells (markdown) that are not current, so text is always rendered. */
	private autoRun(): void {
		for (const c of this.doc.cells) {
			const status = this.state(c.id).status;
			if (KINDS[c.kind]?.autoRun && (status === 'idle' || status === 'stale')) {
				void this.engine.run(c.id);
			}
		}
	}

	/**
	 * The run state of this session: every cell that is done, with its output and cache key, and
	 * the incident summary the keys were computed from (for capsules and the run-state file).
	 */
	async recordRunState(): Promise<RunState> {
		// The run-state format has no cursor yet: outputs cut at a moment would pass for the whole.
		if (this.asOf !== null)
			throw new Error(
				'Clear the replay cursor (Whole incident) first: a capsule records the outputs of the whole incident.'
			);
		const incident =
			this.snapshot?.incident ?? (await dataWorker.api.incident(this.doc.incidentId));
		const cells: RunState['cells'] = {};
		const now = nowIso();
		for (const c of this.doc.cells) {
			const st = this.engine.state(c.id);
			const output = this.engine.output(c.id);
			if (st.status !== 'done' || !st.outputHash || !output) continue;
			cells[c.id] = { key: st.outputHash, output, elapsedMs: st.elapsedMs ?? 0, recordedAt: now };
		}
		return {
			format: RUNSTATE_FORMAT,
			version: RUNSTATE_VERSION,
			notebookId: this.doc.id,
			incident,
			appVersion: APP_VERSION,
			createdAt: now,
			models: this.snapshot?.models ?? {},
			library: this.snapshot ? this.snapshot.library : await dataWorker.api.library(),
			cells
		};
	}

	run(cellId: string): Promise<void> {
		return this.engine.run(cellId);
	}

	runAll(): Promise<void> {
		return this.engine.runAll();
	}

	/**
	 * Moves the replay cursor (null = the whole incident). Cells that read the incident in time go
	 * stale at once; cheap ones that had an output (data cuts, charts) re-run right away, the rest
	 * once the cursor rests, so scrubbing stays quick and a cell shows that it is behind until then.
	 */
	setCursor(t: number | null): void {
		if (this.snapshot) return; // a recorded run has only its recorded moment
		this.asOf = t;
		this.engine.setCursor(t ?? undefined);
		for (const id of this.engine.liveCells)
			if (this.state(id).status === 'stale') void this.engine.run(id);
		clearTimeout(this.restTimer);
		this.restTimer = setTimeout(async () => {
			// Cells that refused at the last cursor come back from the cache where they can.
			await this.engine.restore();
			for (const c of this.doc.cells)
				if (this.state(c.id).status === 'stale') void this.engine.run(c.id);
		}, CURSOR_REST_MS);
	}

	cancel(cellId: string): void {
		this.engine.cancel(cellId);
	}

	cancelAll(): void {
		this.engine.cancelAll();
	}

	/** Replaces the document (every edit goes through here) and schedules a save. */
	update(next: Notebook): void {
		this.doc = { ...next, updatedAt: nowIso() };
		this.engine.setNotebook(this.doc);
		this.autoRun();
		this.scheduleSave();
	}

	/** Applies one undoable edit (every editor action goes through here) and records it. */
	commit(tx: Transaction): void {
		if (!tx.edits.length) return;
		this.update(applyTx(this.doc, tx));
		this.history = record(this.history, tx);
	}

	/** Steps back; a restored cell gets its cached output back (same id, same params). */
	undo(): Transaction | null {
		return this.step(undo(this.history, this.doc));
	}

	redo(): Transaction | null {
		return this.step(redo(this.history, this.doc));
	}

	private step(r: ReturnType<typeof undo>): Transaction | null {
		if (!r) return null;
		this.update(r.doc);
		this.history = r.history;
		void this.engine.restore();
		return r.tx;
	}

	updateCell(cellId: string, patch: Partial<Omit<Cell, 'id'>>): void {
		this.commit(patchTx(this.doc, cellId, patch));
	}

	addCell(kind: string, afterId?: string, seriesKeys: string[] = []): Cell {
		const cell = newCell(this.doc, KINDS, kind, seriesKeys);
		const at = afterId ? this.doc.cells.findIndex((c) => c.id === afterId) + 1 : undefined;
		this.commit(insertTx(this.doc, cell, at || undefined));
		return cell;
	}

	removeCell(cellId: string): void {
		this.commit(removeTx(this.doc, cellId));
	}

	moveCell(cellId: string, delta: -1 | 1): void {
		const i = this.doc.cells.findIndex((c) => c.id === cellId);
		if (i >= 0) this.commit(moveTx(this.doc, cellId, i + delta));
	}

	private scheduleSave(): void {
		clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Writes the document now (also called before navigating away or exporting). */
	flush(): Promise<void> {
		clearTimeout(this.saveTimer);
		const doc = $state.snapshot(this.doc) as Notebook;
		this.pendingSave = this.pendingSave
			.then(() => dataWorker.api.putNotebook(doc))
			.then(
				() => void (this.saveError = null),
				(e: unknown) => void (this.saveError = `Could not save: ${(e as Error).message}`)
			);
		return this.pendingSave;
	}

	dispose(): void {
		clearTimeout(this.restTimer);
		void this.flush();
		this.engine.cancelAll();
	}
}
