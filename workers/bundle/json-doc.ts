/**
 * Helpers for whole-file JSON documents (manifest.json, topology.json, a single-JSON bundle):
 * parsing with a located syntax error, and turning zod issues into precise BundleIssues.
 */
import type { z } from 'zod';
import type { Issues, JsonDoc } from './issues';
import type { JsonPath } from './json-locate';
import { excessiveNesting, jsonErrorOffset, lineColumn, nestingIssue } from './json-syntax';

/** A parsed JSON document; `value` is undefined when the text was not valid JSON. */
export interface ParsedJson {
	doc: JsonDoc;
	value: unknown;
	ok: boolean;
}

/** JSON.parse with the error turned into an issue at the right line. */
export function parseJsonDocument(file: string, text: string, issues: Issues): ParsedJson {
	const doc: JsonDoc = { file, text };
	// Validators and locators recurse; refuse absurd nesting before any of them sees it.
	const deep = excessiveNesting(text);
	if (deep >= 0) {
		issues.error({ file, ...nestingIssue(text, deep) });
		return { doc, value: undefined, ok: false };
	}
	try {
		return { doc, value: JSON.parse(text), ok: true };
	} catch (err) {
		issues.error({ file, ...describeJsonError(text, err) });
		return { doc, value: undefined, ok: false };
	}
}

/** Line and sentence for a JSON.parse failure, located by our own scanner. */
export function describeJsonError(
	text: string,
	err: unknown
): { line?: number; expected: string; got: string; text: string } {
	const msg = err instanceof Error ? err.message : String(err);
	// Keep the engine's reason but drop its echo of the input and its position suffix.
	const reason = msg
		.replace(/^JSON\.parse: /, '')
		.replace(/, \.*".*is not valid JSON$/s, '')
		.replace(/ in JSON at position \d+.*$/s, '')
		.replace(/ at line \d+ column \d+.*$/s, '');
	let at = -1;
	try {
		at = jsonErrorOffset(text);
	} catch {
		// The validator recurses; absurdly deep nesting only costs us the position.
	}
	if (at < 0) return { expected: 'valid JSON', got: reason, text: `invalid JSON: ${reason}` };
	const { line, column } = lineColumn(text, at);
	const got = at >= text.length ? 'end of file' : text.slice(at, at + 12);
	const near = at >= text.length ? 'the end of the file' : JSON.stringify(got);
	return {
		line,
		expected: 'valid JSON',
		got,
		text: `invalid JSON at column ${column} (near ${near}): ${reason}`
	};
}

/** The value at a path (undefined if absent), for the `got` part of an issue. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let v: unknown = root;
	for (const seg of path) {
		if (v === null || typeof v !== 'object') return undefined;
		v = (v as Record<PropertyKey, unknown>)[seg];
	}
	return v;
}

/**
 * Validates with zod and reports every zod issue at its JSON path; schemas carry the `expected`
 * wording as their error messages. Returns the parsed data only when there were no issues.
 */
export function validateJson<T>(
	schema: z.ZodType<T>,
	value: unknown,
	doc: JsonDoc,
	base: JsonPath,
	issues: Issues
): T | undefined {
	const r = schema.safeParse(value);
	if (r.success) return r.data;
	for (const zi of r.error.issues) {
		const rel = zi.path.filter((p): p is string | number => typeof p !== 'symbol');
		let expected = zi.message;
		if (zi.code === 'unrecognized_keys') expected = 'no other keys';
		issues.error({
			file: doc.file,
			expected,
			got: valueAt(value, rel),
			json: { doc, path: [...base, ...rel] }
		});
	}
	return undefined;
}

/** Warns about keys a reader does not know (ignored; may be meaningful to a newer version). */
export function warnUnknownKeys(
	obj: unknown,
	known: readonly string[],
	doc: JsonDoc,
	base: JsonPath,
	issues: Issues
): void {
	if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
	for (const k of Object.keys(obj)) {
		if (known.includes(k)) continue;
		issues.warn({
			file: doc.file,
			json: { doc, path: [...base, k] },
			text: `unknown key "${k}" ignored`
		});
	}
}
