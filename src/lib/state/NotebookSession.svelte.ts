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
import { dataWorker } from '$lib/compute/data';
import { metricsWorker } from '$lib/compute/metrics';
import { causalWorker } from '$lib/compute/causal';
import { logsWorker } from '$lib/compute/logs';
import { proxy } from 'comlink';

const SAVE_DELAY_MS = 250;

/** Timestamp for `updatedAt` (a plain string: nothing reactive about it). */
const nowIso = () => new Date(Date.now()).toISOString();

function browserCompute(): Compute {
	return {
		data: {
			incident: (id) => dataWorker.api.incident(id),
			select: (id, sel, jobId) => dataWorker.api.select(id, sel, jobId),
			rcaExtras: (id, windows, jobId) => dataWorker.api.rcaExtras(id, windows, jobId),
			rcaLibrary: (method, jobId, onProgress) =>
				dataWorker.api.rcaLibrary(method, jobId, onProgress ? proxy(onProgress) : undefined)
		},
		metrics: {
			windowStats: (series, range, jobId) => metricsWorker.api.windowStats(series, range, jobId),
			windows: (series, opts, jobId) => metricsWorker.api.windows(series, opts, jobId)
		},
		causal: {
			// Progress callbacks cross into the worker as comlink proxies.
			pc: (table, options, jobId, onProgress) =>
				causalWorker.api.pc(table, options, jobId, onProgress ? proxy(onProgress) : undefined),
			effect: (table, spec, jobId) => causalWorker.api.effect(table, spec, jobId),
			rank: (input, jobId) => causalWorker.api.rank(input, jobId)
		},
		logs: {
			templates: (req, jobId, onProgress) =>
				logsWorker.api.templates(req, jobId, onProgress && proxy(onProgress)),
			search: (req, jobId, onProgress) =>
				logsWorker.api.search(req, jobId, onProgress && proxy(onProgress)),
			similar: (req, jobId, onProgress) =>
				logsWorker.api.similar(req, jobId, onProgress && proxy(onProgress))
		}
	};
}

const idbCache: OutputCache = {
	get: (hash) => dataWorker.api.getOutput(hash),
	put: (hash, output) => dataWorker.api.putOutput(hash, output)
};

export class NotebookSession {
	doc = $state.raw<Notebook>() as Notebook;
	states = $state<Record<string, CellState>>({});
	/** Outputs by cell id; replaced, never mutated (large typed arrays must not be proxied). */
	outputs = $state.raw<Record<string, CellOutput | undefined>>({});
	saveError = $state<string | null>(null);
	private readonly engine: NotebookEngine;
	private saveTimer: ReturnType<typeof setTimeout> | undefined;
	private pendingSave: Promise<void> = Promise.resolve();

	constructor(doc: Notebook, opts: { compute?: Compute; cache?: OutputCache } = {}) {
		this.engine = new NotebookEngine({
			compute: opts.compute ?? browserCompute(),
			cache: opts.cache ?? idbCache,
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

	run(cellId: string): Promise<void> {
		return this.engine.run(cellId);
	}

	runAll(): Promise<void> {
		return this.engine.runAll();
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

	updateCell(cellId: string, patch: Partial<Omit<Cell, 'id'>>): void {
		this.update({
			...this.doc,
			cells: this.doc.cells.map((c) => (c.id === cellId ? { ...c, ...patch } : c))
		});
	}

	addCell(kind: string, afterId?: string): Cell {
		const cell = newCell(this.doc, KINDS, kind);
		const cells = [...this.doc.cells];
		const at = afterId ? cells.findIndex((c) => c.id === afterId) + 1 : cells.length;
		cells.splice(at, 0, cell);
		this.update({ ...this.doc, cells });
		return cell;
	}

	removeCell(cellId: string): void {
		this.update({ ...this.doc, cells: this.doc.cells.filter((c) => c.id !== cellId) });
	}

	moveCell(cellId: string, delta: -1 | 1): void {
		const cells = [...this.doc.cells];
		const i = cells.findIndex((c) => c.id === cellId);
		const j = i + delta;
		if (i < 0 || j < 0 || j >= cells.length) return;
		[cells[i], cells[j]] = [cells[j], cells[i]];
		this.update({ ...this.doc, cells });
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
		void this.flush();
		this.engine.cancelAll();
	}
}
