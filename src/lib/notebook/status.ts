/**
 * Runtime state of a cell (memory only, never saved) and the pure function that moves it. The
 * engine is the only caller; the UI renders whatever state it is handed.
 */

export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'stale';

/** The status a cell falls back to when a queued or running run is cancelled. */
export type SettledStatus = 'idle' | 'stale' | 'done';

export interface CellState {
	status: CellStatus;
	/** When the current run started (epoch ms); set while running. */
	startedAt?: number;
	/** Duration of the run that produced the output on hand (or of the failed run), ms. */
	elapsedMs?: number;
	/** Message of the last failure (status 'error'). */
	error?: string;
	/** Cache key of the output on hand: current when 'done', outdated when 'stale'. */
	outputHash?: string;
	/** The output on hand came from the cache instead of being computed. */
	fromCache?: boolean;
	/** Progress reported by the running cell. */
	progress?: { fraction: number; label?: string };
	/** While queued or running: the status to return to if the run is cancelled. */
	settled?: SettledStatus;
}

export type CellEvent =
	| { type: 'queue' }
	| { type: 'start'; at: number }
	| { type: 'progress'; fraction: number; label?: string }
	| { type: 'succeed'; outputHash: string; elapsedMs: number; fromCache: boolean }
	| { type: 'fail'; error: string; elapsedMs?: number }
	| { type: 'cancel' }
	/** The cell or something upstream changed: its output (if any) is outdated. */
	| { type: 'invalidate' }
	| { type: 'reset' };

export const IDLE: CellState = Object.freeze({ status: 'idle' }) as CellState;

export function assertNever(value: never): never {
	throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

const isBusy = (s: CellState) => s.status === 'queued' || s.status === 'running';

function settledOf(state: CellState): SettledStatus {
	if (isBusy(state)) return state.settled ?? (state.outputHash ? 'stale' : 'idle');
	if (state.status === 'done' || state.status === 'stale') return state.status;
	return 'idle';
}

/** What a queued or running cell keeps of its output on hand, so a cancel can restore it. */
function kept(state: CellState): Omit<CellState, 'status'> {
	const { outputHash, fromCache, elapsedMs } = state;
	return outputHash ? { outputHash, fromCache, elapsedMs } : {};
}

/** Pure: the state after `event`. Events that do not apply to the current status change nothing. */
export function transition(state: CellState, event: CellEvent): CellState {
	switch (event.type) {
		case 'queue':
			return { ...kept(state), status: 'queued', settled: settledOf(state) };
		case 'start':
			return { ...kept(state), status: 'running', startedAt: event.at, settled: settledOf(state) };
		case 'progress':
			if (state.status !== 'running') return state;
			return { ...state, progress: { fraction: event.fraction, label: event.label } };
		case 'succeed':
			return {
				status: 'done',
				outputHash: event.outputHash,
				elapsedMs: event.elapsedMs,
				fromCache: event.fromCache
			};
		case 'fail':
			// The failure replaces the output: a failed cell has nothing to show downstream.
			return { status: 'error', error: event.error, elapsedMs: event.elapsedMs };
		case 'cancel': {
			if (!isBusy(state)) return state;
			const status = settledOf(state);
			return status === 'idle' ? { status } : { ...kept(state), status };
		}
		case 'invalidate':
			return state.outputHash
				? { status: 'stale', outputHash: state.outputHash }
				: { status: 'idle' };
		case 'reset':
			return { status: 'idle' };
		default:
			return assertNever(event);
	}
}

/** Field-by-field equality, so the engine can skip notifying about a no-op transition. */
export function sameState(a: CellState, b: CellState): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CellState>;
	return [...keys].every((k) => a[k] === b[k]);
}
