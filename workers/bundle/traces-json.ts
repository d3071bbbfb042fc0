/**
 * traces/*.json: one JSON document in one of the two export formats people actually have,
 * recognised by its top-level key (OTLP/JSON: `resourceSpans`; Jaeger: `data`), so users never
 * have to say which one they dropped in.
 */
import type { ParseContext } from './context';
import { parseJsonDocument } from './json-doc';
import { isObject } from './span-check';
import type { SpanBuilder } from './span-table';
import { readJaegerTraces } from './traces-jaeger';
import { readOtlpTraces } from './traces-otlp';

/** The `expected` text when a traces/*.json is neither format. */
export const TRACE_JSON_EXPECTED = 'OTLP/JSON (resourceSpans) or Jaeger JSON (data[].spans)';

/**
 * Reads one traces/*.json. `fallback` is the service of OTLP resources without `service.name`
 * (the file's base name when it is a manifest service).
 */
export async function readTracesJson(
	ctx: ParseContext,
	file: string,
	text: string,
	spans: SpanBuilder,
	fallback: string | undefined
): Promise<void> {
	const parsed = parseJsonDocument(file, text, ctx.issues);
	if (!parsed.ok) return;
	const { doc, value } = parsed;
	let count: number;
	if (isObject(value) && value.resourceSpans !== undefined) {
		const rs = value.resourceSpans;
		if (!Array.isArray(rs)) {
			const json = { doc, path: ['resourceSpans'] };
			ctx.issues.error({ file, json, expected: 'an array of ResourceSpans', got: rs });
			return;
		}
		count = await readOtlpTraces(ctx, doc, rs, spans, fallback);
	} else if (isObject(value) && Array.isArray(value.data)) {
		count = await readJaegerTraces(ctx, doc, value.data, spans);
	} else {
		ctx.issues.error({ file, json: { doc, path: [] }, expected: TRACE_JSON_EXPECTED, got: value });
		return;
	}
	if (count === 0) ctx.issues.warn({ file, text: 'has no spans; skipped' });
}
