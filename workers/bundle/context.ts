/**
 * State shared by the per-file parsers of one import: the issue collector, the manifest facts
 * that other files are checked against, progress reporting and cancellation.
 */
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import { Issues, type IssueDraft, type JsonDoc } from './issues';
import { renderPath, type JsonPath } from './json-locate';
import { TimeZone } from './time';
import type { ImportProgress, TimeRange } from './types';

/** Options of parseBundle. */
export interface ParseOptions {
	/** Checked between chunks of rows; cancelling makes parseBundle reject with CancelledError. */
	signal?: CancelSignal;
	/** Called at phase changes and about every CHUNK_ROWS rows. */
	onProgress?: (p: ImportProgress) => void;
	/** Stop collecting (and parsing) after this many errors (default 50). */
	maxErrors?: number;
	/** Refuse a zip whose needed files unpack to more (default MAX_UNZIPPED_BYTES, zip.ts). */
	maxUnzippedBytes?: number;
	/**
	 * Line-based files (metrics CSV, logs, events, JSONL traces) read on demand and bigger than this
	 * are decoded and parsed in pieces, never whole (default STREAM_ABOVE_BYTES).
	 */
	streamAboveBytes?: number;
}

/** Options of checkBundle (a check that keeps no log rows or spans). */
export type CheckOptions = ParseOptions;

/** Default of ParseOptions.streamAboveBytes (32 MiB): smaller files are read whole, as always. */
export const STREAM_ABOVE_BYTES = 32 * 1024 ** 2;

/** Rows between two cancellation checks / progress reports. */
export const CHUNK_ROWS = 16_384;

export class ParseContext {
	readonly issues: Issues;
	/** Zone for naive timestamps: the manifest's, or UTC until (or if no) manifest is read. */
	tz = new TimeZone('UTC');
	/** Manifest services; undefined when there is no valid manifest (no service checks then). */
	services?: Set<string>;
	/** Manifest time range; undefined without a valid manifest (no range checks then). */
	range?: TimeRange;
	private readonly signal: CancelSignal;
	private readonly onProgress?: (p: ImportProgress) => void;
	private phase: ImportProgress['phase'] = 'reading';
	private rows = 0;
	private pending = 0;
	private bytesBefore = 0;
	private fileBytes = 0;
	private fileFraction = 0;
	private file?: string;
	/** Input bytes of all files to parse. */
	bytesTotal = 0;
	/** SHA-256 of each file read, by path (for the content hash); undefined in a check. */
	readonly digests?: Map<string, Uint8Array>;
	/** Files read on demand and bigger than this are parsed in pieces. */
	readonly streamAboveBytes: number;
	/** Run between chunks of rows after the cancel check: a browser import spills rows here. */
	afterTick?: () => Promise<void>;

	/** `isCheck`: checkBundle, which needs no content hash. */
	constructor(opts: ParseOptions, isCheck = false) {
		this.issues = new Issues(opts.maxErrors ?? 50);
		this.streamAboveBytes = opts.streamAboveBytes ?? STREAM_ABOVE_BYTES;
		if (!isCheck) this.digests = new Map();
		this.signal = opts.signal ?? neverCancelled;
		this.onProgress = opts.onProgress;
	}

	isKnownService(name: string): boolean {
		return this.services === undefined || this.services.has(name);
	}

	setPhase(phase: ImportProgress['phase']): void {
		this.phase = phase;
		this.report();
	}

	beginFile(file: string, bytes: number): void {
		this.file = file;
		this.fileBytes = bytes;
		this.fileFraction = 0;
		this.report();
	}

	endFile(): void {
		this.bytesBefore += this.fileBytes;
		this.fileBytes = 0;
		this.fileFraction = 0;
	}

	/**
	 * Counts processed rows; every CHUNK_ROWS rows yields to the cancel signal and reports
	 * progress. `fraction` is how far into the current file the parser is (0..1).
	 */
	async tick(rows: number, fraction: number): Promise<void> {
		this.rows += rows;
		this.pending += rows;
		if (this.pending < CHUNK_ROWS) return;
		this.pending = 0;
		this.fileFraction = fraction;
		await this.signal.checkpoint();
		if (this.afterTick) await this.afterTick();
		this.report();
	}

	/** Cancellation check between files or phases. */
	async checkpoint(): Promise<void> {
		await this.signal.checkpoint();
	}

	report(): void {
		if (!this.onProgress) return;
		const p: ImportProgress = {
			phase: this.phase,
			bytesDone: Math.round(this.bytesBefore + this.fileBytes * this.fileFraction),
			bytesTotal: this.bytesTotal,
			rows: this.rows
		};
		if (this.file !== undefined && this.phase === 'parsing') p.file = this.file;
		this.onProgress(p);
	}
}

/** A JSON array whose items are records (single-JSON bundles): tallies point at items. */
export interface JsonArrayAt {
	doc: JsonDoc;
	/** Path of the array; item positions are appended as indices. */
	path: JsonPath;
}

/** Issue location of the first offending record: a line, or an item of a JSON array. */
function firstAt(file: string, pos: number, json?: JsonArrayAt): IssueDraft {
	return json ? { file, json: { doc: json.doc, path: [...json.path, pos] } } : { file, line: pos };
}

function describePos(pos: number, json?: JsonArrayAt): string {
	return json ? renderPath([...json.path, pos]) : `line ${pos}`;
}

/**
 * Counts timestamps outside the manifest range in one file; one warning at the end. Positions
 * are lines, or item indices when `json` is given.
 */
export class RangeTally {
	private count = 0;
	private first = 0;
	constructor(
		private readonly ctx: ParseContext,
		private readonly file: string,
		private readonly json?: JsonArrayAt
	) {}

	check(t: number, pos: number): void {
		const r = this.ctx.range;
		if (r === undefined || (t >= r.start && t <= r.end)) return;
		if (this.count++ === 0) this.first = pos;
	}

	flush(what: string): void {
		if (this.count === 0) return;
		const r = this.ctx.range!;
		this.ctx.issues.warn({
			...firstAt(this.file, this.first, this.json),
			text: `${this.count} ${what} outside the manifest timeRange ${iso(r.start)} – ${iso(r.end)} (first at ${describePos(this.first, this.json)}); kept`
		});
	}
}

/** Counts uses of services missing from the manifest in one file; one warning per service. */
export class ServiceTally {
	private readonly seen = new Map<string, { count: number; pos: number }>();
	constructor(
		private readonly ctx: ParseContext,
		private readonly file: string,
		private readonly field: string,
		private readonly json?: JsonArrayAt
	) {}

	check(service: string, pos: number): void {
		if (this.ctx.isKnownService(service)) return;
		const s = this.seen.get(service);
		if (s) s.count++;
		else this.seen.set(service, { count: 1, pos });
	}

	flush(what: string): void {
		for (const [service, s] of this.seen) {
			const at = firstAt(this.file, s.pos, this.json);
			if (this.json) at.json!.path.push(this.field);
			else at.field = this.field;
			this.ctx.issues.warn({
				...at,
				got: service,
				text: `service "${service}" is not listed in manifest.services (${s.count} ${what}); kept`
			});
		}
	}
}

export function iso(t: number): string {
	return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}
