/**
 * Pieces of the engine that do not need its state: jobs (one per queued or running cell run),
 * preparing a run (params, inputs) and the output cache contract.
 */
import { z } from 'zod';
import { CancelSource } from '$workers/shared/cancel';
import type { Progress } from '$workers/shared/progress';
import type { NotebookGraph } from './graph';
import type { Cell, Note } from './model';
import { outputKey } from './hash';
import type { AnyCellKind, Compute, KindRegistry, RunContext } from './kinds/kind';
import type { CellOutput } from './outputs';
import type { CellState } from './status';

/** Where outputs are kept by hash (IndexedDB in the browser, a Map in the CLI and tests). */
export interface OutputCache {
	get(hash: string): Promise<CellOutput | undefined>;
	/** `incidentId` lets the cache evict per incident. */
	put(hash: string, output: CellOutput, incidentId?: string): Promise<void>;
}

/** An in-memory OutputCache. */
export function memoryCache(): OutputCache & { readonly size: number } {
	const map = new Map<string, CellOutput>();
	return {
		get: async (hash) => map.get(hash),
		put: async (hash, output) => void map.set(hash, output),
		get size() {
			return map.size;
		}
	};
}

/** What a NotebookEngine is built from. */
export interface EngineOptions {
	compute: Compute;
	cache: OutputCache;
	kinds: KindRegistry;
	/** Called after every state change of a cell (the state object is new each time). */
	onState?(cellId: string, state: CellState): void;
	/** Called when a queued or running job is cancelled or superseded, so work running for it in
	 * a worker can be told to stop (its result would be discarded anyway). */
	onAbort?(jobId: string): void;
	/** Clock in epoch ms (tests pass a fake one). */
	now?: () => number;
}

/** One run of one cell. Latest run wins: only the job in the engine's map may change state. */
export interface Job {
	/** Unique per run; handed to compute calls so they can be told apart and cancelled. */
	id: string;
	cellId: string;
	/** Cooperative cancellation for the kind's run. */
	signal: CancelSource;
	/** Settles when the job is aborted, so the engine stops waiting for a run nobody wants. */
	aborted: Promise<typeof ABORTED>;
	abort(): void;
	/** How often the job went back to the queue to wait for an upstream cell. */
	requeues: number;
}

export const ABORTED = Symbol('aborted');

export function makeJob(id: string, cellId: string): Job {
	let abort!: () => void;
	const aborted = new Promise<typeof ABORTED>((resolve) => (abort = () => resolve(ABORTED)));
	const signal = new CancelSource();
	return {
		id,
		cellId,
		signal,
		aborted,
		abort: () => {
			signal.cancel();
			abort();
		},
		requeues: 0
	};
}

/** Waits for `work` unless the job is aborted first; the late result is then dropped. */
export function unlessAborted<T>(job: Job, work: Promise<T>): Promise<T | typeof ABORTED> {
	return Promise.race([work, job.aborted]);
}

export interface PreparedRun {
	kind: AnyCellKind;
	/** Params after the kind's schema (defaults applied). */
	params: unknown;
	inputs: Record<string, CellOutput>;
	/** Slot -> outputHash of the upstream cell. */
	inputHashes: Record<string, string>;
}

export type Preparation =
	| { ok: true; run: PreparedRun }
	| { ok: false; error: string }
	/** Some upstream cell has no current output and is not queued: run those first. */
	| { ok: false; missing: string[] };

function paramsError(error: z.ZodError): string {
	const parts = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message);
	return `invalid params: ${parts.join('; ')}`;
}

/** Checks params and gathers inputs for a cell whose static checks passed. */
export function prepareRun(
	cell: Cell,
	graph: NotebookGraph,
	kinds: KindRegistry,
	state: (id: string) => CellState,
	output: (id: string) => CellOutput | undefined,
	asOf?: number
): Preparation {
	const kind = kinds[cell.kind];
	if (!kind) return { ok: false, error: `unknown cell kind "${cell.kind}"` };
	// Params first: a misconfigured cell fails at once instead of waiting for its inputs.
	const parsed = kind.schema.safeParse(cell.params);
	if (!parsed.success) return { ok: false, error: paramsError(parsed.error) };
	const inputs: Record<string, CellOutput> = {};
	const inputHashes: Record<string, string> = {};
	const missing: string[] = [];
	for (const [slot, upId] of Object.entries(graph.inputsOf(cell.id))) {
		const up = state(upId);
		const out = output(upId);
		const name = graph.cell(upId)?.name ?? upId;
		const spec = kind.inputs.find((s) => s.slot === slot);
		// An optional input from a cell that failed is left out: the cell runs on what it has (a
		// diagnosis without similar incidents is still a diagnosis). So, at a replay cursor, is one
		// from a cell that cannot replay yet or has nothing to say yet (a ranking before the
		// incident window began).
		const upKind = kinds[graph.cell(upId)?.kind ?? ''];
		const optional = spec !== undefined && !spec.required;
		const refused = () => asOf !== undefined && !!upKind && !!replayRefusal(upKind, asOf);
		if (optional && (up.status === 'error' || refused())) continue;
		if (up.status === 'error') return { ok: false, error: `upstream cell ${name} failed` };
		if (up.status !== 'done' || !out || !up.outputHash) {
			missing.push(upId);
			continue;
		}
		if (spec && !spec.accepts.includes(out.type)) {
			return {
				ok: false,
				error: `input "${slot}" accepts ${spec.accepts.join(' or ')}, but ${name} produced ${out.type}`
			};
		}
		inputs[slot] = out;
		inputHashes[slot] = up.outputHash;
	}
	if (missing.length) return { ok: false, missing };
	return { ok: true, run: { kind, params: parsed.data, inputs, inputHashes } };
}

/** Message of anything thrown. */
export function messageOf(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}

/** The queued job of the cell that comes first in topological order (ties: queue order). */
export function earliest(queue: readonly Job[], order: readonly string[]): Job | undefined {
	const rank = new Map(order.map((id, i) => [id, i]));
	const rankOf = (j: Job) => rank.get(j.cellId) ?? Infinity;
	return queue.reduce<Job | undefined>(
		(best, j) => (!best || rankOf(j) < rankOf(best) ? j : best),
		undefined
	);
}

/**
 * What a run may see beyond its inputs: the replay cursor, and the notes (none at a cursor: notes
 * are written with hindsight).
 */
export interface RunView {
	asOf?: number;
	notes: readonly Note[];
}

/** The view of the engine's document at its cursor. */
export const runView = (notes: readonly Note[], asOf: number | undefined): RunView =>
	asOf === undefined ? { notes } : { asOf, notes: [] };

/**
 * The output's cache key; kinds that read the incident add its content hash, replayable ones the
 * cursor, those that read notes the notes.
 */
export async function cellKey(
	cell: Cell,
	prep: PreparedRun,
	compute: Compute,
	incidentId: string,
	view: RunView
): Promise<string> {
	let incident: string | undefined;
	if (prep.kind.readsIncident) incident = (await compute.data.incident(incidentId)).contentHash;
	const library = prep.kind.readsLibrary ? await compute.data.library() : undefined;
	const source = cell.source ?? '';
	return outputKey({
		kind: cell.kind,
		params: prep.params,
		source,
		inputs: prep.inputHashes,
		incident,
		asOf: prep.kind.time === 'cursor' ? view.asOf : undefined,
		notes: prep.kind.readsNotes ? view.notes : undefined,
		library
	});
}

/** Why a cell cannot run at the replay cursor, if it cannot. */
export function replayRefusal(kind: AnyCellKind, asOf: number | undefined): string | undefined {
	if (asOf === undefined || kind.time !== 'unsupported') return undefined;
	return `${kind.label} cannot look at the incident as of a moment yet, and would see what happened after ${new Date(asOf).toISOString()}: clear the replay cursor to run it.`;
}

export function runContext(
	job: Job,
	cell: Cell,
	prep: PreparedRun,
	incidentId: string,
	compute: Compute,
	onProgress: Progress,
	view: RunView
): RunContext<unknown> {
	return {
		params: prep.params,
		source: cell.source ?? '',
		inputs: prep.inputs,
		incidentId,
		compute,
		signal: job.signal,
		jobId: job.id,
		onProgress,
		...(prep.kind.time === 'cursor' && view.asOf !== undefined ? { asOf: view.asOf } : {}),
		...(prep.kind.readsNotes ? { notes: [...view.notes] } : {})
	};
}
