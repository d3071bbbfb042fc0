/**
 * Builds the columnar LogTable from lines of any log file: rows are appended in reading order,
 * then the whole table is sorted stably by time once at the end (files are merged this way too).
 */
import { canonicalDictionary } from './dictionary';
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
	private readonly t: number[] = [];
	private readonly level: number[] = [];
	private readonly service: number[] = [];
	private readonly message: string[] = [];
	private readonly extra: string[] = [];
	private readonly serviceIds = new Map<string, number>();
	private readonly services: string[] = [];

	get length(): number {
		return this.count;
	}

	/** False once 65 536 distinct services were seen (the column is a Uint16Array). */
	canAddService(name: string): boolean {
		return this.serviceIds.has(name) || this.services.length < 65_536;
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
		const n = this.t.length;
		let sorted = true;
		for (let i = 1; i < n && sorted; i++) sorted = this.t[i] >= this.t[i - 1];
		const order = sorted ? undefined : stableOrder(this.t);
		const pick = <T>(src: T[]): T[] => (order ? Array.from(order, (i) => src[i]) : src);
		const dict = canonicalDictionary(this.services);
		return {
			length: n,
			t: Float64Array.from(pick(this.t)),
			level: Uint8Array.from(pick(this.level)),
			service: Uint16Array.from(pick(this.service), (s) => dict.remap[s]),
			services: dict.names,
			message: pick(this.message),
			extra: pick(this.extra)
		};
	}
}
