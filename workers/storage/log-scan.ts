/**
 * Counting and sampling log lines over columnar blocks. Pure: the IndexedDB reader feeds it one
 * stored chunk at a time, the in-memory source feeds it the whole LogTable, so both give
 * identical samples.
 */
import { LOG_LEVELS, type LogLevel } from '../bundle/types';
import type { LogSample } from '../shared/outputs';

/** Lines shown in a sample when the caller does not say. */
export const DEFAULT_LOG_LIMIT = 100;

export interface LogQuery {
	/** Only lines of these levels count and are sampled (all levels when absent). */
	levels?: LogLevel[];
	/** Lines to keep in the sample (DEFAULT_LOG_LIMIT when absent). */
	limit?: number;
}

/** Columnar log lines, with messages fetched lazily so unsampled lines are never decoded. */
export interface LogBlock {
	/** Timestamps, epoch ms, sorted. */
	t: Float64Array;
	/** Index into LOG_LEVELS. */
	level: Uint8Array;
	/** Index into `services`. */
	service: Uint16Array;
	/** Service dictionary. */
	services: string[];
	/** The message of line i. */
	message(i: number): string;
}

export class LogSampler {
	private readonly wanted: boolean[];
	private readonly limit: number;
	private readonly counts = new Array<number>(LOG_LEVELS.length).fill(0);
	private readonly rows: LogSample['rows'] = [];

	constructor(query: LogQuery = {}) {
		const levels = query.levels;
		this.wanted = LOG_LEVELS.map((l) => !levels || levels.includes(l));
		this.limit = Math.max(0, query.limit ?? DEFAULT_LOG_LIMIT);
	}

	/** Whether the sample still has room: if not, fully covered chunks can be counted unread. */
	get needsRows(): boolean {
		return this.rows.length < this.limit;
	}

	/** Adds precomputed per-level counts of lines that are all inside the range. */
	addCounts(levelCounts: number[]): void {
		for (let l = 0; l < this.counts.length; l++)
			if (this.wanted[l]) this.counts[l] += levelCounts[l] ?? 0;
	}

	/** Counts (and samples while there is room) lines [from, to) of a block. */
	addBlock(block: LogBlock, from: number, to: number): void {
		for (let i = from; i < to; i++) {
			const l = block.level[i];
			if (!this.wanted[l]) continue;
			this.counts[l]++;
			if (this.rows.length < this.limit) {
				this.rows.push({
					t: block.t[i],
					level: LOG_LEVELS[l],
					service: block.services[block.service[i]] ?? '',
					message: block.message(i)
				});
			}
		}
	}

	result(): LogSample {
		const byLevel: LogSample['byLevel'] = {};
		let count = 0;
		this.counts.forEach((n, l) => {
			count += n;
			if (n) byLevel[LOG_LEVELS[l]] = n;
		});
		return { count, byLevel, rows: this.rows };
	}
}
