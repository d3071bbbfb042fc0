/**
 * Builds the columnar SpanTable from spans of any trace file (JSONL, OTLP/JSON, Jaeger JSON):
 * rows are appended in reading order and the table is sorted stably by start once at the end, the
 * same way LogBuilder merges log files. Service and operation names go through dictionaries
 * because real traces repeat a handful of them millions of times. A browser import instead
 * spills sorted runs to storage while parsing (runs.ts, `spillTo`).
 */
import { canonicalDictionary } from './dictionary';
import { RunTracker, type Spill } from './runs';
import { stableOrder } from './series';
import type { SpanTable } from './types';

/** One span as the readers hand it over, before dictionary encoding. */
export interface SpanRow {
	traceId: string;
	spanId: string;
	/** '' for a root span. */
	parentId: string;
	service: string;
	operation: string;
	/** Epoch ms, fractions kept. */
	start: number;
	/** ms, ≥ 0. */
	duration: number;
	/** Index into SPAN_STATUS. */
	status: number;
	/** Index into SPAN_KINDS. */
	kind: number;
}

/** Distinct services a span table can hold (its `service` column is a Uint16Array). */
export const MAX_SPAN_SERVICES = 65_536;

/** String → dense id, first come first numbered. */
class Dictionary {
	readonly names: string[] = [];
	private readonly ids = new Map<string, number>();

	has(name: string): boolean {
		return this.ids.has(name);
	}

	id(name: string): number {
		let id = this.ids.get(name);
		if (id === undefined) {
			id = this.names.length;
			this.names.push(name);
			this.ids.set(name, id);
		}
		return id;
	}
}

/** The span columns a builder buffers, in reading order. */
type SpanColumns = {
	traceId: string[];
	spanId: string[];
	parentId: string[];
	service: number[];
	operation: number[];
	start: number[];
	duration: number[];
	status: number[];
	kind: number[];
};

const emptyColumns = (): SpanColumns => ({
	traceId: [],
	spanId: [],
	parentId: [],
	service: [],
	operation: [],
	start: [],
	duration: [],
	status: [],
	kind: []
});

/** The canonical dictionaries stored spans are remapped by. */
export interface SpanDictionaries {
	services: { names: string[]; remap: Uint32Array };
	operations: { names: string[]; remap: Uint32Array };
}

export class SpanBuilder {
	/**
	 * @param keepRows false for a check that only counts (`aitia validate`): spans are validated by
	 *   the readers as usual, but only their number and dictionaries are kept; finish() is then not
	 *   available.
	 */
	constructor(private readonly keepRows = true) {}
	private count = 0;
	private rows = emptyColumns();
	private readonly services = new Dictionary();
	private readonly operations = new Dictionary();
	private runs?: RunTracker<SpanTable>;

	get length(): number {
		return this.count;
	}

	/** False once MAX_SPAN_SERVICES distinct services were seen and `name` is a new one. */
	canAddService(name: string): boolean {
		return this.services.has(name) || this.services.names.length < MAX_SPAN_SERVICES;
	}

	/** Sends spans to storage in sorted runs (see runs.ts); finishSpilled() replaces finish(). */
	spillTo(spill: Spill<SpanTable>): void {
		this.runs = new RunTracker(spill);
	}

	add(row: SpanRow): void {
		const service = this.services.id(row.service);
		const operation = this.operations.id(row.operation);
		this.count++;
		if (!this.keepRows) return;
		const r = this.rows;
		r.traceId.push(row.traceId);
		r.spanId.push(row.spanId);
		r.parentId.push(row.parentId);
		r.service.push(service);
		r.operation.push(operation);
		r.start.push(row.start);
		r.duration.push(row.duration);
		r.status.push(row.status);
		r.kind.push(row.kind);
	}

	finish(): SpanTable {
		if (!this.keepRows) throw new Error('SpanBuilder: finish() on a builder that keeps no rows');
		if (this.runs) throw new Error('SpanBuilder: finish() on a builder that spills its rows');
		return this.sorted(this.rows, this.dictionaries());
	}

	/** Writes a sorted run piece once the buffer is full (called between chunks of rows). */
	async spillIfFull(): Promise<void> {
		if (this.runs && this.rows.start.length >= this.runs.spill.runRows) await this.spill();
	}

	/** Writes every span left; returns the canonical dictionaries the runs are remapped by. */
	async finishSpilled(): Promise<SpanDictionaries> {
		if (!this.runs)
			throw new Error('SpanBuilder: finishSpilled() on a builder that keeps its rows');
		await this.spill();
		return this.dictionaries();
	}

	private dictionaries(): SpanDictionaries {
		return {
			services: canonicalDictionary(this.services.names),
			operations: canonicalDictionary(this.operations.names)
		};
	}

	private async spill(): Promise<void> {
		const rows = this.rows;
		const n = rows.start.length;
		if (n === 0) return;
		this.rows = emptyColumns();
		// First-come ids: the final dictionaries are only known once every file is read.
		const ids = {
			services: { names: this.services.names },
			operations: { names: this.operations.names }
		};
		const piece = this.sorted(rows, ids);
		await this.runs!.write(piece, piece.start[0], piece.start[n - 1]);
	}

	/** `rows` sorted stably by start; names through the dictionaries' remaps (ids kept without). */
	private sorted(
		rows: SpanColumns,
		dict: { [K in keyof SpanDictionaries]: { names: string[]; remap?: Uint32Array } }
	): SpanTable {
		const n = rows.start.length;
		let sorted = true;
		for (let i = 1; i < n && sorted; i++) sorted = rows.start[i] >= rows.start[i - 1];
		const order = sorted ? undefined : stableOrder(rows.start);
		const pick = <T>(src: T[]): T[] => (order ? Array.from(order, (i) => src[i]) : src);
		const map = (remap?: Uint32Array) => (s: number) => (remap ? remap[s] : s);
		return {
			length: n,
			traceId: pick(rows.traceId),
			spanId: pick(rows.spanId),
			parentId: pick(rows.parentId),
			service: Uint16Array.from(pick(rows.service), map(dict.services.remap)),
			services: dict.services.names,
			operation: Uint32Array.from(pick(rows.operation), map(dict.operations.remap)),
			operations: dict.operations.names,
			start: Float64Array.from(pick(rows.start)),
			duration: Float64Array.from(pick(rows.duration)),
			status: Uint8Array.from(pick(rows.status)),
			kind: Uint8Array.from(pick(rows.kind))
		};
	}
}

/** Row `i` of a table, as a reader would hand it over. */
export function spanRowAt(table: SpanTable, i: number): SpanRow {
	return {
		traceId: table.traceId[i],
		spanId: table.spanId[i],
		parentId: table.parentId[i],
		service: table.services[table.service[i]],
		operation: table.operations[table.operation[i]],
		start: table.start[i],
		duration: table.duration[i],
		status: table.status[i],
		kind: table.kind[i]
	};
}

/** The table of a bundle without traces (v1 bundles, or v2 bundles without traces/). */
export function emptySpanTable(): SpanTable {
	return new SpanBuilder().finish();
}

/**
 * A copy of rows [from, to) with the same dictionaries. Copies, so transferring the result to
 * another worker never detaches the source table.
 */
export function sliceSpans(table: SpanTable, from: number, to: number): SpanTable {
	return {
		length: Math.max(0, to - from),
		traceId: table.traceId.slice(from, to),
		spanId: table.spanId.slice(from, to),
		parentId: table.parentId.slice(from, to),
		service: table.service.slice(from, to),
		services: table.services,
		operation: table.operation.slice(from, to),
		operations: table.operations,
		start: table.start.slice(from, to),
		duration: table.duration.slice(from, to),
		status: table.status.slice(from, to),
		kind: table.kind.slice(from, to)
	};
}
