/**
 * The saved run state of a notebook, kept apart from the document (as marimo keeps its session
 * outputs apart from the notebook): per cell id its output and the cache key it was computed
 * under, when and how long it ran, plus the incident summary the keys were made from, the app
 * version and the model ids. Versioned: `parseRunState` migrates older versions step by step;
 * typed arrays survive the round trip bit for bit (base64 of their bytes), and so do NaN and
 * ±Infinity anywhere else (JSON alone would make them null, and a re-run would see a change).
 */
import { z } from 'zod';
import type { IncidentInfo } from '$workers/data/api';
import type { CellOutput } from './outputs';

export const RUNSTATE_FORMAT = 'aitia.runstate';
export const RUNSTATE_VERSION = 1;

/** One cell's recorded result. */
export interface RecordedCell {
	/** The output cache key it was computed under (hash.ts outputKey). */
	key: string;
	output: CellOutput;
	/** Wall time of the run, ms. */
	elapsedMs: number;
	/** ISO time it was recorded. */
	recordedAt: string;
}

export interface RunState {
	format: typeof RUNSTATE_FORMAT;
	version: number;
	notebookId: string;
	/** The incident as the keys saw it (its contentHash is part of every key). */
	incident: IncidentInfo;
	appVersion: string;
	createdAt: string;
	/** Embedder and LLM ids the outputs came from, when known. */
	models: { embedder?: string; llm?: string };
	/**
	 * The library fingerprint the keys of library-reading cells (similar incidents, the
	 * scorecard) were made from; absent in recordings older than it.
	 */
	library?: string;
	cells: Record<string, RecordedCell>;
}

export class RunStateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RunStateError';
	}
}

const TYPED = {
	Float64Array,
	Float32Array,
	Int32Array,
	Uint32Array,
	Uint16Array,
	Uint8Array,
	Int8Array,
	Int16Array
} as const;
type TypedName = keyof typeof TYPED;

const toBase64 = (bytes: Uint8Array): string => {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s);
};
const fromBase64 = (b64: string): Uint8Array<ArrayBuffer> =>
	Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** JSON replacer: typed arrays become {$typed, base64}; NaN and ±Infinity (which JSON would turn into null) become {$number}. */
function replacer(_key: string, value: unknown): unknown {
	if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
	if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		const name = value.constructor.name as TypedName;
		if (!(name in TYPED)) throw new RunStateError(`cannot save a ${name}`);
		const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
		return { $typed: name, base64: toBase64(bytes) };
	}
	return value;
}

/** JSON reviver: {$typed, base64} becomes the typed array again, {$number} the number. */
function reviver(_key: string, value: unknown): unknown {
	if (value && typeof value === 'object' && '$number' in value) {
		const n = Number((value as { $number: string }).$number);
		if (!Number.isNaN(n) || (value as { $number: string }).$number === 'NaN') return n;
		throw new RunStateError(`bad number ${String((value as { $number: unknown }).$number)}`);
	}
	if (value && typeof value === 'object' && '$typed' in value && 'base64' in value) {
		const { $typed, base64 } = value as { $typed: string; base64: string };
		const Ctor = TYPED[$typed as TypedName];
		if (!Ctor || typeof base64 !== 'string')
			throw new RunStateError(`unknown typed array ${$typed}`);
		const bytes = fromBase64(base64);
		if (bytes.length % Ctor.BYTES_PER_ELEMENT) throw new RunStateError(`truncated ${$typed}`);
		return new Ctor(bytes.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
	}
	return value;
}

export function serializeRunState(rs: RunState): string {
	return JSON.stringify(rs, replacer);
}

const cellSchema = z.object({
	key: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex cache key'),
	output: z.looseObject({ type: z.string() }),
	elapsedMs: z.number().nonnegative(),
	recordedAt: z.string()
});

const schema = z.object({
	format: z.literal(RUNSTATE_FORMAT),
	version: z.number().int(),
	notebookId: z.string().min(1),
	incident: z.looseObject({ contentHash: z.string(), manifest: z.looseObject({ id: z.string() }) }),
	appVersion: z.string(),
	createdAt: z.string(),
	models: z.object({ embedder: z.string().optional(), llm: z.string().optional() }),
	library: z.string().optional(),
	cells: z.record(z.string(), cellSchema)
});

/** Older versions, migrated one step at a time: MIGRATIONS[v] turns version v into v + 1. */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses saved run-state text (any known version) into the current version. */
export function parseRunState(text: string): RunState {
	let raw: unknown;
	try {
		raw = JSON.parse(text, reviver);
	} catch (err) {
		if (err instanceof RunStateError) throw err;
		throw new RunStateError(`not JSON: ${(err as Error).message}`);
	}
	let obj = raw as Record<string, unknown>;
	if (obj?.format !== RUNSTATE_FORMAT)
		throw new RunStateError(`not a run state (format "${String(obj?.format)}")`);
	const v = Number(obj.version);
	if (!Number.isInteger(v) || v < 1) throw new RunStateError(`bad version ${String(obj.version)}`);
	if (v > RUNSTATE_VERSION)
		throw new RunStateError(
			`run state version ${v} is newer than this app (${RUNSTATE_VERSION}): update AITIA Workbench`
		);
	for (let k = v; k < RUNSTATE_VERSION; k++) obj = { ...MIGRATIONS[k](obj), version: k + 1 };
	const parsed = schema.safeParse(obj);
	if (!parsed.success) {
		const i = parsed.error.issues[0];
		throw new RunStateError(`invalid run state at ${i.path.join('.') || '(root)'}: ${i.message}`);
	}
	return parsed.data as unknown as RunState;
}
