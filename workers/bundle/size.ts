/**
 * Rough size of a parsed bundle once stored (the incident's `bytes` in the library). Strings count two bytes per UTF-16 code unit (an upper bound for what
 * IndexedDB keeps); it is an estimate, not an exact accounting.
 */
import type { Bundle, LogTable, SpanTable } from './types';

function strBytes(s: string | undefined): number {
	return s === undefined ? 0 : s.length * 2;
}

function jsonBytes(v: unknown): number {
	return v === undefined ? 0 : strBytes(JSON.stringify(v));
}

/** Typed-array bytes + string lengths × 2 (logs, spans) + the JSON of events and small documents. */
export function estimateStoredBytes(bundle: Bundle): number {
	return bundleBytes(bundle) + logBytes(bundle.logs) + spanBytes(bundle.traces);
}

/** Everything but the logs and spans (a staged import adds those as it writes them). */
export function bundleBytes(bundle: Omit<Bundle, 'logs' | 'traces'>): number {
	let n = jsonBytes(bundle.manifest);
	for (const s of bundle.series) {
		n += s.t.byteLength + s.v.byteLength;
		n += strBytes(s.key) + strBytes(s.service) + strBytes(s.metric) + strBytes(s.unit);
	}
	n += jsonBytes(bundle.events);
	n += jsonBytes(bundle.topology) + jsonBytes(bundle.groundTruth) + jsonBytes(bundle.annotations);
	return n;
}

/** The log part of estimateStoredBytes (also of any run piece, with an empty dictionary). */
export function logBytes(logs: LogTable): number {
	let n = logs.t.byteLength + logs.level.byteLength + logs.service.byteLength;
	for (const name of logs.services) n += strBytes(name);
	for (let i = 0; i < logs.length; i++) n += strBytes(logs.message[i]) + strBytes(logs.extra[i]);
	return n;
}

/** The span part of estimateStoredBytes. */
export function spanBytes(spans: SpanTable): number {
	let n = spans.start.byteLength + spans.duration.byteLength + spans.service.byteLength;
	n += spans.operation.byteLength + spans.status.byteLength + spans.kind.byteLength;
	for (const name of spans.services) n += strBytes(name);
	for (const name of spans.operations) n += strBytes(name);
	for (let i = 0; i < spans.length; i++) {
		n += strBytes(spans.traceId[i]) + strBytes(spans.spanId[i]) + strBytes(spans.parentId[i]);
	}
	return n;
}

/** The stored size of dictionary names (a staged import counts them once, at the end). */
export function namesBytes(names: string[]): number {
	let n = 0;
	for (const name of names) n += strBytes(name);
	return n;
}
