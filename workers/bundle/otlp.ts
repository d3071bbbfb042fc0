/**
 * Shared pieces of OTLP/JSON (the protobuf JSON mapping of OpenTelemetry's OTLP): attributes as
 * KeyValue lists of AnyValue, and unix-nanosecond times. Traces use them now; OTLP logs and
 * metrics readers will need exactly the same decoding, so it lives apart from the span reader.
 *
 * The mapping writes 64-bit integers (intValue, *UnixNano) as decimal strings, because JSON
 * numbers lose precision above 2^53; both strings and numbers are accepted here.
 */

/** A decoded AnyValue: plain JSON-like data. */
export type OtlpValue =
	string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };

const isObject = (v: unknown): v is Record<string, unknown> =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

/** A decimal int64 (string or number) → number; a string beyond 2^53 stays a string (exact). */
function int64(v: unknown): number | string | undefined {
	if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
	if (typeof v !== 'string' || !/^-?\d+$/.test(v)) return undefined;
	const n = Number(v);
	return Number.isSafeInteger(n) ? n : v;
}

/** doubleValue: a number, or the strings the JSON mapping uses for non-finite doubles. */
function double(v: unknown): number | undefined {
	if (typeof v === 'number') return v;
	if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
	if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
	return undefined;
}

/**
 * Decodes one AnyValue ({"stringValue": "x"}, {"intValue": "42"}, {"arrayValue": {"values": […]}},
 * {"kvlistValue": {"values": [KeyValue…]}} …). An empty AnyValue is null; a malformed one is
 * undefined. bytesValue stays its base64 text.
 */
export function anyValue(v: unknown): OtlpValue | undefined {
	if (!isObject(v)) return undefined;
	if ('stringValue' in v) return typeof v.stringValue === 'string' ? v.stringValue : undefined;
	if ('boolValue' in v) return typeof v.boolValue === 'boolean' ? v.boolValue : undefined;
	if ('intValue' in v) return int64(v.intValue);
	if ('doubleValue' in v) return double(v.doubleValue);
	if ('bytesValue' in v) return typeof v.bytesValue === 'string' ? v.bytesValue : undefined;
	if ('arrayValue' in v) {
		const values = isObject(v.arrayValue) ? (v.arrayValue.values ?? []) : undefined;
		if (!Array.isArray(values)) return undefined;
		const out = values.map(anyValue);
		return out.includes(undefined) ? undefined : (out as OtlpValue[]);
	}
	if ('kvlistValue' in v) {
		return isObject(v.kvlistValue) ? attributes(v.kvlistValue.values) : undefined;
	}
	return null;
}

/**
 * A KeyValue list (`attributes`, `resource.attributes`, kvlistValue.values) → an object. Entries
 * without a string key or with a malformed value are skipped: attributes are free-form metadata
 * and one odd exporter must not refuse a whole bundle.
 */
export function attributes(list: unknown): Record<string, OtlpValue> {
	const out: Record<string, OtlpValue> = {};
	if (!Array.isArray(list)) return out;
	for (const kv of list) {
		if (!isObject(kv) || typeof kv.key !== 'string') continue;
		const value = anyValue(kv.value);
		if (value !== undefined) out[kv.key] = value;
	}
	return out;
}

/** The value of one attribute of a KeyValue list, without decoding the others. */
export function attribute(list: unknown, key: string): OtlpValue | undefined {
	if (!Array.isArray(list)) return undefined;
	for (const kv of list) {
		if (isObject(kv) && kv.key === key) return anyValue(kv.value);
	}
	return undefined;
}

/** A non-empty string attribute (e.g. `service.name`), or undefined. */
export function stringAttribute(list: unknown, key: string): string | undefined {
	const v = attribute(list, key);
	return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The `expected` text of every unix-nano time issue. */
export const UNIX_NANO_EXPECTED =
	'epoch nanoseconds (a string of digits such as "1717236000123456789", or a number)';

/**
 * Epoch nanoseconds (decimal string, or an integral number ≥ 0) as a BigInt, exact. Durations are
 * taken as differences of these, so a 1 µs span stays 0.001 ms instead of whatever two rounded
 * epoch-ms doubles (about 0.24 µs apart at today's dates) subtract to.
 */
export function parseUnixNano(v: unknown): bigint | undefined {
	if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? BigInt(v) : undefined;
	if (typeof v === 'string' && /^\d{1,30}$/.test(v)) return BigInt(v);
	return undefined;
}

/**
 * Nanoseconds → ms with the sub-millisecond fraction. The BigInt is split before dividing: a
 * double cannot hold 19 digits, but it holds the ms part and the remainder separately.
 */
export function nanosToMs(ns: bigint): number {
	return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

/** Epoch nanoseconds (decimal string or number) → epoch ms with fractions; undefined if invalid. */
export function unixNanoToMs(v: unknown): number | undefined {
	const ns = parseUnixNano(v);
	return ns === undefined ? undefined : nanosToMs(ns);
}
