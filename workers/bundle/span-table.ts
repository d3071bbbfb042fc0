/**
 * Builds the columnar SpanTable from spans of any trace file (JSONL, OTLP/JSON, Jaeger JSON):
 * rows are appended in reading order and the table is sorted stably by start once at the end, the
 * same way LogBuilder merges log files. Service and operation names go through dictionaries
 * because real traces repeat a handful of them millions of times.
 */
import { canonicalDictionary } from './dictionary';
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

export class SpanBuilder {
	/**
	 * @param keepRows false for a check that only counts (`aitia validate`): spans are validated by
	 *   the readers as usual, but only their number and dictionaries are kept; finish() is then not
	 *   available.
	 */
	constructor(private readonly keepRows = true) {}
	private count = 0;
	private readonly traceId: string[] = [];
	private readonly spanId: string[] = [];
	private readonly parentId: string[] = [];
	private readonly service: number[] = [];
	private readonly operation: number[] = [];
	private readonly start: number[] = [];
	private readonly duration: number[] = [];
	private readonly status: number[] = [];
	private readonly kind: number[] = [];
	private readonly services = new Dictionary();
	private readonly operations = new Dictionary();

	get length(): number {
		return this.count;
	}

	/** False once MAX_SPAN_SERVICES distinct services were seen and `name` is a new one. */
	canAddService(name: string): boolean {
		return this.services.has(name) || this.services.names.length < MAX_SPAN_SERVICES;
	}

	add(row: SpanRow): void {
		const service = this.services.id(row.service);
		const operation = this.operations.id(row.operation);
		this.count++;
		if (!this.keepRows) return;
		this.traceId.push(row.traceId);
		this.spanId.push(row.spanId);
		this.parentId.push(row.parentId);
		this.service.push(service);
		this.operation.push(operation);
		this.start.push(row.start);
		this.duration.push(row.duration);
		this.status.push(row.status);
		this.kind.push(row.kind);
	}

	finish(): SpanTable {
		if (!this.keepRows) throw new Error('SpanBuilder: finish() on a builder that keeps no rows');
		const n = this.start.length;
		let sorted = true;
		for (let i = 1; i < n && sorted; i++) sorted = this.start[i] >= this.start[i - 1];
		const order = sorted ? undefined : stableOrder(this.start);
		const pick = <T>(src: T[]): T[] => (order ? Array.from(order, (i) => src[i]) : src);
		const services = canonicalDictionary(this.services.names);
		const operations = canonicalDictionary(this.operations.names);
		return {
			length: n,
			traceId: pick(this.traceId),
			spanId: pick(this.spanId),
			parentId: pick(this.parentId),
			service: Uint16Array.from(pick(this.service), (s) => services.remap[s]),
			services: services.names,
			operation: Uint32Array.from(pick(this.operation), (o) => operations.remap[o]),
			operations: operations.names,
			start: Float64Array.from(pick(this.start)),
			duration: Float64Array.from(pick(this.duration)),
			status: Uint8Array.from(pick(this.status)),
			kind: Uint8Array.from(pick(this.kind))
		};
	}
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
