/**
 * Log entries of the demo and their two on-disk forms: JSON Lines and plain text
 * (`<ISO> <LEVEL> [<service>] <message>`, continuation lines without a timestamp).
 */
import { createRng, type Rng } from './rng';
import { POINTS, STEP_MS, T0, ISO } from './story';

export type DemoLevel = 'debug' | 'info' | 'warn' | 'error';

/** One logical log line (a stack trace is one entry with continuation lines). */
export interface LogEntry {
	/** Epoch ms. */
	t: number;
	/** Severity. */
	level: DemoLevel;
	/** Emitting service. */
	service: string;
	/** Message text (first line). */
	message: string;
	/** Extra JSON fields (JSONL files only). */
	extra?: Record<string, string | number>;
	/** Lines that follow the first one without a timestamp (plain-text files only). */
	more?: string[];
	/** Write the plain-text line without a level, as some daemons do. */
	bare?: boolean;
}

export function toJsonl(entries: LogEntry[]): string {
	const lines = entries.map((e) =>
		JSON.stringify({
			ts: ISO(e.t),
			level: e.level,
			service: e.service,
			message: e.message,
			...e.extra
		})
	);
	return lines.join('\n') + '\n';
}

export function toPlain(entries: LogEntry[]): string {
	const lines: string[] = [];
	for (const e of entries) {
		const level = e.bare ? '' : ` ${e.level.toUpperCase()}`;
		lines.push(`${ISO(e.t)}${level} [${e.service}] ${e.message}`);
		if (e.more) lines.push(...e.more);
	}
	return lines.join('\n') + '\n';
}

/** Sort by time, keeping generation order for equal times (sort is stable in ES2019+). */
export const byTime = (entries: LogEntry[]): LogEntry[] => entries.sort((a, b) => a.t - b.t);

/**
 * Calls `emit(t, i, rng)` for a Poisson number of moments in each 15 s step, with mean
 * `rate(i)` per step; `i` is the step index into the story arrays.
 */
export function poissonTimes(
	seed: number,
	label: string,
	rate: (i: number) => number,
	emit: (t: number, i: number, rng: Rng) => void
): void {
	const rng = createRng(seed, label);
	for (let i = 0; i < POINTS; i++) {
		const n = rng.poisson(rate(i));
		const offsets: number[] = [];
		for (let k = 0; k < n; k++) offsets.push(Math.floor(rng.next() * STEP_MS));
		offsets.sort((a, b) => a - b);
		for (const o of offsets) emit(T0 + i * STEP_MS + o, i, rng);
	}
}
