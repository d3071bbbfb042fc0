/**
 * Span status and kind as words or numbers. JSONL spans, OTLP/JSON and Jaeger tags spell them
 * differently ("error", 2, "STATUS_CODE_ERROR"; "server", 2, "SPAN_KIND_SERVER"), so every
 * reader maps them here, to one index each (SPAN_STATUS / SPAN_KINDS, which follow OTLP's enums).
 */
import { SPAN_KINDS, SPAN_STATUS } from './types';

/** The `expected` text of every status issue. */
export const STATUS_EXPECTED =
	'a span status ("ok", "error" or "unset", any case) or an OTLP status code 0–2';
/** The `expected` text of every kind issue. */
export const KIND_EXPECTED =
	'a span kind (unspecified, internal, server, client, producer, consumer; any case) or an OTLP kind 0–5';

/** Index of 'unset', the status of spans that name none. */
export const STATUS_UNSET = SPAN_STATUS.indexOf('unset');
/** Index of 'error'. */
export const STATUS_ERROR = SPAN_STATUS.indexOf('error');
/** Index of 'unspecified', the kind of spans that name none. */
export const KIND_UNSPECIFIED = SPAN_KINDS.indexOf('unspecified');

/** Index of `word` in `words`, also in OTLP's SCREAMING_CASE enum spelling; -1 if unknown. */
function wordIndex(words: readonly string[], prefix: string, raw: string): number {
	let w = raw.trim().toLowerCase();
	if (w.startsWith(prefix)) w = w.slice(prefix.length);
	return words.indexOf(w);
}

/** An integer in [0, count) (OTLP enum number); -1 otherwise. */
function enumNumber(n: number, count: number): number {
	return Number.isInteger(n) && n >= 0 && n < count ? n : -1;
}

/**
 * Status index of a JSON value: a word ("Error", "STATUS_CODE_OK") or an OTLP code. null and
 * undefined mean unset; -1 for anything else.
 */
export function spanStatusOf(v: unknown): number {
	if (v === undefined || v === null) return STATUS_UNSET;
	if (typeof v === 'string') return wordIndex(SPAN_STATUS, 'status_code_', v);
	if (typeof v === 'number') return enumNumber(v, SPAN_STATUS.length);
	return -1;
}

/**
 * Kind index of a JSON value: a word ("server", "SPAN_KIND_SERVER") or an OTLP kind number. null
 * and undefined mean unspecified; -1 for anything else.
 */
export function spanKindOf(v: unknown): number {
	if (v === undefined || v === null) return KIND_UNSPECIFIED;
	if (typeof v === 'string') return wordIndex(SPAN_KINDS, 'span_kind_', v);
	if (typeof v === 'number') return enumNumber(v, SPAN_KINDS.length);
	return -1;
}
