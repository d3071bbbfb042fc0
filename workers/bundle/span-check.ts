/**
 * Field checks shared by the three span readers (JSONL, OTLP/JSON, Jaeger JSON). A span is only
 * added when every field is valid, but every bad field is reported, so one import run shows all
 * the problems of a record at once, each with its own field name and line.
 */
import type { Issues } from './issues';
import { atField, type RecordAt } from './issues';

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first of `keys` present in `rec` (aliases in priority order). */
export function firstKey(
	rec: Record<string, unknown>,
	keys: readonly string[]
): string | undefined {
	for (const k of keys) if (rec[k] !== undefined) return k;
	return undefined;
}

/** The checks of one record; `ok` turns false at the first bad field and stays false. */
export class FieldCheck {
	ok = true;
	constructor(
		readonly issues: Issues,
		readonly at: RecordAt
	) {}

	/**
	 * Reports a bad field (a path such as ['status', 'code'] for nested ones, so JSON documents
	 * get the line of the nested value); returns undefined so callers can `return c.bad(…)`.
	 */
	bad(field: string | string[], expected: string, got: unknown): undefined {
		this.ok = false;
		const path = typeof field === 'string' ? [field] : field;
		const draft = this.at.json
			? { file: this.at.file, json: { ...this.at.json, path: [...this.at.json.path, ...path] } }
			: atField(this.at, path.join('.'));
		this.issues.error({ ...draft, expected, got });
		return undefined;
	}

	/** A required non-empty string. */
	text(v: unknown, field: string, expected: string): string | undefined {
		return typeof v === 'string' && v !== '' ? v : this.bad(field, expected, v);
	}

	/** A required non-empty string under any of `keys` (reported under the one found). */
	textOf(
		rec: Record<string, unknown>,
		keys: readonly string[],
		expected: string
	): string | undefined {
		const k = firstKey(rec, keys);
		return this.text(k === undefined ? undefined : rec[k], k ?? keys[0], expected);
	}

	/** A required finite number ≥ 0 (durations). */
	nonNegative(v: unknown, field: string, expected: string): number | undefined {
		return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : this.bad(field, expected, v);
	}
}

/** Where the n-th record sits, for the per-file range and service tallies. */
export function recordPos(at: RecordAt): number {
	return at.line ?? (at.json!.path[at.json!.path.length - 1] as number);
}

/** The `expected` text of a missing or bad trace id. */
export const TRACE_ID_EXPECTED = 'a non-empty trace id string';
/** The `expected` text of a missing or bad span id. */
export const SPAN_ID_EXPECTED = 'a non-empty span id string';
