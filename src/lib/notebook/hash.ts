/**
 * Canonical JSON and SHA-256 for output cache keys. Canonical = object keys sorted, typed arrays
 * replaced by a digest of their bytes (so big arrays never become giant strings), non-finite
 * numbers spelled out (JSON would turn them all into null). Uses crypto.subtle, which browsers,
 * workers and Node 20 all provide.
 */

/** Bump when the key recipe changes, so old cache entries stop matching. */
const KEY_VERSION = 1;

import { sha256Hex } from '$workers/shared/sha256';

/** SHA-256 of bytes or of a string's UTF-8, as hex (the one implementation, workers/shared). */
export const sha256 = sha256Hex;

function numberToken(n: number): string {
	return Number.isFinite(n) ? JSON.stringify(n) : JSON.stringify({ $number: String(n) });
}

/**
 * Canonical JSON text of a value. Synchronous: typed arrays are written out element by element, so
 * use it for small values (params, comparisons); `hashValue` digests typed arrays instead.
 */
export function stableStringify(value: unknown): string {
	return encode(value, (view) =>
		JSON.stringify({ $typed: view.constructor.name, values: Array.from(view as Float64Array) })
	);
}

function encode(value: unknown, typed: (view: ArrayBufferView) => string): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'number') return numberToken(value);
	if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
	if (typeof value === 'bigint') return JSON.stringify({ $bigint: value.toString() });
	if (ArrayBuffer.isView(value)) return typed(value);
	if (Array.isArray(value)) return '[' + value.map((v) => encode(v, typed)).join(',') + ']';
	if (value instanceof Date) return JSON.stringify({ $date: value.toISOString() });
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined && typeof v !== 'function')
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return (
			'{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + encode(v, typed)).join(',') + '}'
		);
	}
	throw new Error(`cannot hash a ${typeof value}`);
}

function collectViews(value: unknown, out: ArrayBufferView[]): void {
	if (ArrayBuffer.isView(value)) out.push(value);
	else if (Array.isArray(value)) for (const v of value) collectViews(v, out);
	else if (value && typeof value === 'object' && !(value instanceof Date)) {
		for (const v of Object.values(value)) collectViews(v, out);
	}
}

/** SHA-256 (hex) of the canonical JSON of a value; typed arrays are hashed by their content. */
export async function hashValue(value: unknown): Promise<string> {
	const views: ArrayBufferView[] = [];
	collectViews(value, views);
	const digests = new Map<ArrayBufferView, string>();
	for (const view of views) {
		const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
		digests.set(view, await sha256(bytes));
	}
	return sha256(
		encode(value, (view) =>
			JSON.stringify({ $typed: view.constructor.name, sha256: digests.get(view) })
		)
	);
}

export interface OutputKeyParts {
	kind: string;
	/** Params after the kind's schema applied defaults, so `{}` and explicit defaults agree. */
	params: unknown;
	source: string;
	/** Slot -> outputHash of the upstream cell feeding it. */
	inputs: Record<string, string>;
	/** The incident's content hash, for kinds that read incident data. */
	incident?: string;
	/** The replay cursor, for kinds that honour it (left out, not null, when unset: old keys hold). */
	asOf?: number;
	/** The notes, for kinds that read them (left out when unset, like the cursor). */
	notes?: unknown;
	/** The library fingerprint, for kinds that compare with other incidents (left out when unset). */
	library?: string;
}

/** The cache key of a cell's output. */
export function outputKey(parts: OutputKeyParts): Promise<string> {
	const { asOf, notes, library, ...rest } = parts;
	return hashValue({
		v: KEY_VERSION,
		...rest,
		...(asOf === undefined ? {} : { asOf }),
		...(notes === undefined ? {} : { notes }),
		...(library === undefined ? {} : { library })
	});
}
