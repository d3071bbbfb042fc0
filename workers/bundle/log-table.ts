/**
 * Builds the columnar LogTable from lines of any log file: rows are appended in reading order,
 * then the whole table is sorted stably by time once at the end (files are merged this way too).
 * A browser import instead spills sorted runs to storage while parsing (runs.ts, `spillTo`).
 */
import { canonicalDictionary } from './dictionary';
import { RunTracker, type Spill } from './runs';
import { stableOrder } from './series';
import { LOG_LEVELS, type LogTable } from './types';

/** The `expected` text of every level issue. */
export const LEVEL_EXPECTED =
	'a log level (trace, debug, info, warn/warning, error/err, fatal/critical) or a pino number 10–60';

/** Accepted level words (lower case) → index into LOG_LEVELS. */
const LEVEL_WORDS = new Map<string, number>([
	['trace', 0],
	['debug', 1],
	['verbose', 1],
	['info', 2],
	['information', 2],
	['notice', 2],
	['warn', 3],
	['warning', 3],
	['error', 4],
	['err', 4],
	['severe', 4],
	['fatal', 5],
	['critical', 5],
	['crit', 5],
	['emerg', 5],
	['panic', 5]
]);

/** Level index for a word (any case); -1 if unknown. */
export function levelFromWord(word: string): number {
	return LEVEL_WORDS.get(word) ?? LEVEL_WORDS.get(word.toLowerCase()) ?? -1;
}

/** pino / bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function levelFromNumber(n: number): number {
	if (!Number.isFinite(n) || n < 10 || n > 60) return -1;
	return Math.min(5, Math.floor(n / 10) - 1);
}

/** Index of 'info', the level of lines that name none. */
export const DEFAULT_LEVEL = LOG_LEVELS.indexOf('info');

export class LogBuilder {
	/**
	 * @param keepRows false for a check that only counts (`aitia validate`): rows are validated by
	 *   the readers as usual, but only their number and services are kept, so memory does not grow
	 *   with the logs; finish() is then not available.
	 */
	constructor(private readonly keepRows = true) {}
	private count = 0;
	private t: number[] = [];
	private level: number[] = [];
	private service: number[] = [];
	private message: string[] = [];
	private extra: string[] = [];
	private readonly serviceIds = new Map<string, number>();
	private readonly services: string[] = [];
	private runs?: RunTracker<LogTable>;

	get length(): number {
		return this.count;
	}

	/** False once 65 536 distinct services were seen (the column is a Uint16Array). */
	canAddService(name: string): boolean {
		return this.serviceIds.has(name) || this.services.length < 65_536;
	}

	/** Sends rows to storage in sorted runs (see runs.ts); finishSpilled() replaces finish(). */
	spillTo(spill: Spill<LogTable>): void {
		this.runs = new RunTracker(spill);
	}

	add(t: number, level: number, service: string, message: string, extra: string): void {
		let id = this.serviceIds.get(service);
		if (id === undefined) {
			id = this.services.length;
			this.services.push(service);
			this.serviceIds.set(service, id);
		}
		this.count++;
		if (!this.keepRows) return;
		this.t.push(t);
		this.level.push(level);
		this.service.push(id);
		this.message.push(message);
		this.extra.push(extra);
	}

	/** Appends text to the last row's message (continuation lines of a stack trace). */
	appendToLast(text: string): void {
		if (!this.keepRows) return;
		const i = this.message.length - 1;
		this.message[i] += '\n' + text;
	}

	finish(): LogTable {
		if (!this.keepRows) throw new Error('LogBuilder: finish() on a builder that keeps no rows');
		if (this.runs) throw new Error('LogBuilder: finish() on a builder that spills its rows');
		const dict = canonicalDictionary(this.services);
		return { ...this.sorted(this.t.length, dict.remap), services: dict.names };
	}

	/** Writes a sorted run piece once the buffer is full (called between chunks of rows). */
	async spillIfFull(): Promise<void> {
		// The last row stays: continuation lines may still be appended to it.
		if (this.runs && this.t.length > this.runs.spill.runRows) await this.spill(this.t.length - 1);
	}

	/** Writes every row left; returns the canonical service dictionary the runs are remapped by. */
	async finishSpilled(): Promise<{ services: string[]; remap: Uint32Array }> {
		if (!this.runs) throw new Error('LogBuilder: finishSpilled() on a builder that keeps its rows');
		await this.spill(this.t.length);
		const dict = canonicalDictionary(this.services);
		return { services: dict.names, remap: dict.remap };
	}

	private async spill(rows: number): Promise<void> {
		if (rows === 0) return;
		const piece = { ...this.sorted(rows), services: this.services };
		const drop = <T>(src: T[]): T[] => (rows === src.length ? [] : src.slice(rows));
		this.t = drop(this.t);
		this.level = drop(this.level);
		this.service = drop(this.service);
		this.message = drop(this.message);
		this.extra = drop(this.extra);
		await this.runs!.write(piece, piece.t[0], piece.t[rows - 1]);
	}

	/**
	 * The first `rows` buffered rows sorted stably by time; services through `remap` (the
	 * builder's first-come ids when absent).
	 */
	private sorted(rows: number, remap?: Uint32Array): Omit<LogTable, 'services'> {
		let sorted = true;
		for (let i = 1; i < rows && sorted; i++) sorted = this.t[i] >= this.t[i - 1];
		const order = sorted ? undefined : stableOrder(this.t.slice(0, rows));
		const cut = <T>(src: T[]): T[] => (rows === src.length ? src : src.slice(0, rows));
		const pick = <T>(src: T[]): T[] => (order ? Array.from(order, (i) => src[i]) : cut(src));
		return {
			length: rows,
			t: Float64Array.from(pick(this.t)),
			level: Uint8Array.from(pick(this.level)),
			service: Uint16Array.from(pick(this.service), (s) => (remap ? remap[s] : s)),
			message: pick(this.message),
			extra: pick(this.extra)
		};
	}
}
