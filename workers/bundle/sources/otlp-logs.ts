/**
 * OTLP/JSON logs (an ExportLogsServiceRequest body, or the Collector's file exporter):
 * resourceLogs[].scopeLogs[].logRecords[]. Decoding of attributes, AnyValue bodies and nanosecond
 * times is shared with the trace reader (../otlp.ts), so both read the same JSON mapping.
 */
import type { Collected } from '../collected';
import { RangeTally, ServiceTally, type ParseContext } from '../context';
import { DEFAULT_LEVEL, levelFromWord } from '../log-table';
import {
	UNIX_NANO_EXPECTED,
	anyValue,
	attributes,
	nanosToMs,
	parseUnixNano,
	stringAttribute
} from '../otlp';
import { isObject, sub, type DocPath } from './common';

/** SeverityNumber 1–24 in blocks of four: TRACE, DEBUG, INFO, WARN, ERROR, FATAL. */
export function levelFromSeverity(n: unknown, text: unknown): number {
	let num = typeof n === 'number' ? n : undefined;
	if (typeof n === 'string') {
		const m = /^SEVERITY_NUMBER_([A-Z]+)(\d?)$/.exec(n);
		if (m) return levelFromWord(m[1].toLowerCase());
		if (/^\d+$/.test(n)) num = Number(n);
	}
	if (num !== undefined && num >= 1 && num <= 24) return Math.floor((num - 1) / 4);
	if (typeof text === 'string' && text !== '') {
		const level = levelFromWord(text.trim());
		if (level >= 0) return level;
	}
	return DEFAULT_LEVEL;
}

/** Iterates resource → scope → items of an OTLP document (logs or metrics). */
export function* otlpItems(
	at: DocPath,
	resources: unknown[],
	scopeKeys: string[],
	itemKey: string
): Generator<{ resource: Record<string, unknown>; at: DocPath; item: unknown }> {
	for (let r = 0; r < resources.length; r++) {
		const res = resources[r];
		if (!isObject(res)) continue;
		const scopeKey = scopeKeys.find((k) => Array.isArray(res[k]));
		if (!scopeKey) continue;
		const scopes = res[scopeKey] as unknown[];
		for (let s = 0; s < scopes.length; s++) {
			const scope = scopes[s];
			const items = isObject(scope) ? scope[itemKey] : undefined;
			if (!Array.isArray(items)) continue;
			for (let i = 0; i < items.length; i++) {
				yield { resource: res, at: sub(at, r, scopeKey, s, itemKey, i), item: items[i] };
			}
		}
	}
}

export async function readOtlpLogs(
	ctx: ParseContext,
	root: DocPath,
	resourceLogs: unknown[],
	into: Collected,
	fallback: string
): Promise<void> {
	const at = sub(root, 'resourceLogs');
	const file = at.doc.file;
	const range = new RangeTally(ctx, file, at);
	const services = new ServiceTally(ctx, file, 'resource', at);
	let n = 0;
	const keys = ['scopeLogs', 'instrumentationLibraryLogs'];
	for (const { resource, at: rat, item } of otlpItems(at, resourceLogs, keys, 'logRecords')) {
		if (!isObject(item)) {
			ctx.issues.error({ file, json: rat, expected: 'a LogRecord object', got: item });
			continue;
		}
		const attrs = isObject(resource.resource) ? resource.resource.attributes : undefined;
		const service = stringAttribute(attrs, 'service.name') ?? fallback;
		const ns = timeOf(item);
		if (ns === undefined) {
			const json = sub(rat, 'timeUnixNano');
			ctx.issues.error({ file, json, expected: UNIX_NANO_EXPECTED, got: item.timeUnixNano });
			continue;
		}
		const t = Math.floor(nanosToMs(ns));
		const body = item.body === undefined ? '' : anyValue(item.body);
		const message = typeof body === 'string' ? body : JSON.stringify(body ?? null);
		const extra: Record<string, unknown> = attributes(item.attributes);
		if (typeof item.traceId === 'string' && item.traceId !== '') extra.trace_id = item.traceId;
		if (typeof item.spanId === 'string' && item.spanId !== '') extra.span_id = item.spanId;
		const level = levelFromSeverity(item.severityNumber, item.severityText);
		const extraText = Object.keys(extra).length > 0 ? JSON.stringify(extra) : '';
		into.logs.add(t, level, service, message, extraText);
		const pos = Number(rat.path[1]);
		range.check(t, pos);
		services.check(service, pos);
		if (++n % 4096 === 0) await ctx.tick(4096, 0.5);
	}
	await ctx.tick(n % 4096, 1);
	if (n === 0) ctx.issues.warn({ file, text: 'has no log records; skipped' });
	range.flush('log records');
	services.flush('log records');
}

/** timeUnixNano, or observedTimeUnixNano when the time is unset ("0" or absent), per the spec. */
function timeOf(item: Record<string, unknown>): bigint | undefined {
	const t = item.timeUnixNano === undefined ? undefined : parseUnixNano(item.timeUnixNano);
	if (t !== undefined && t > 0n) return t;
	const observed = parseUnixNano(item.observedTimeUnixNano);
	return observed !== undefined && observed > 0n ? observed : t === 0n ? undefined : t;
}
