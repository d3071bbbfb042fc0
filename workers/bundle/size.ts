/**
 * Rough size of a parsed bundle once stored, compared by the importer with the storage quota
 * before writing. Strings count two bytes per UTF-16 code unit (an upper bound for what
 * IndexedDB keeps); it is an estimate, not an exact accounting.
 */
import type { Bundle } from './types';

function strBytes(s: string | undefined): number {
	return s === undefined ? 0 : s.length * 2;
}

function jsonBytes(v: unknown): number {
	return v === undefined ? 0 : strBytes(JSON.stringify(v));
}

/** Typed-array bytes + string lengths × 2 (logs, spans) + the JSON of events and small documents. */
export function estimateStoredBytes(bundle: Bundle): number {
	let n = jsonBytes(bundle.manifest);
	for (const s of bundle.series) {
		n += s.t.byteLength + s.v.byteLength;
		n += strBytes(s.key) + strBytes(s.service) + strBytes(s.metric) + strBytes(s.unit);
	}
	const logs = bundle.logs;
	n += logs.t.byteLength + logs.level.byteLength + logs.service.byteLength;
	for (const name of logs.services) n += strBytes(name);
	for (let i = 0; i < logs.length; i++) n += strBytes(logs.message[i]) + strBytes(logs.extra[i]);
	const spans = bundle.traces;
	n += spans.start.byteLength + spans.duration.byteLength + spans.service.byteLength;
	n += spans.operation.byteLength + spans.status.byteLength + spans.kind.byteLength;
	for (const name of spans.services) n += strBytes(name);
	for (const name of spans.operations) n += strBytes(name);
	for (let i = 0; i < spans.length; i++) {
		n += strBytes(spans.traceId[i]) + strBytes(spans.spanId[i]) + strBytes(spans.parentId[i]);
	}
	n += jsonBytes(bundle.events);
	n += jsonBytes(bundle.topology) + jsonBytes(bundle.groundTruth) + jsonBytes(bundle.annotations);
	return n;
}
