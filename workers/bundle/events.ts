/**
 * Events (deploys, config changes, alerts ...) from events.jsonl, events/*.jsonl, events.csv,
 * events/*.csv or a single-JSON `events` array. All sources go through one record normaliser.
 */
import type { FileText } from './text';
import { CsvReader, reportUnterminated, type CsvRecord } from './csv';
import { RangeTally, ServiceTally, type JsonArrayAt, type ParseContext } from './context';
import { atField, atRecord, type RecordAt } from './issues';
import { forEachJsonLine } from './jsonl';
import { LOG_TIME_KEYS } from './logs-json';
import { TIMESTAMP_EXPECTED, parseTimestamp } from './time';
import type { IncidentEvent } from './types';

/** Fields with a meaning of their own; everything else goes to `attrs`. */
const EVENT_FIELDS = ['kind', 'title', 'service', 'detail', 'end'];

/** Per-file state of the event normaliser. */
export interface EventSink {
	ctx: ParseContext;
	out: IncidentEvent[];
	range: RangeTally;
	services: ServiceTally;
}

export function eventSink(
	ctx: ParseContext,
	out: IncidentEvent[],
	file: string,
	json?: JsonArrayAt
): EventSink {
	return {
		ctx,
		out,
		range: new RangeTally(ctx, file, json),
		services: new ServiceTally(ctx, file, 'service', json)
	};
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** Validates one event record and appends it; reports every bad field. */
export function addEventRecord(sink: EventSink, value: unknown, at: RecordAt): void {
	const { issues, tz } = sink.ctx;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		issues.error({ ...atRecord(at), expected: 'a JSON object (one event)', got: value });
		return;
	}
	const rec = value as Record<string, unknown>;
	const timeKey = LOG_TIME_KEYS.find((k) => !absent(rec[k]));
	const t = timeKey === undefined ? undefined : parseTimestamp(rec[timeKey], tz);
	let ok = t !== undefined;
	if (t === undefined) {
		const got = timeKey === undefined ? undefined : rec[timeKey];
		issues.error({ ...atField(at, timeKey ?? 'ts'), expected: TIMESTAMP_EXPECTED, got });
	}
	const str = (key: string, required: boolean): string | undefined => {
		const v = rec[key];
		if (typeof v === 'string' && v !== '') return v;
		if (!required && absent(v)) return undefined;
		ok = false;
		issues.error({ ...atField(at, key), expected: 'a non-empty string', got: v });
		return undefined;
	};
	const kind = str('kind', true);
	const title = str('title', true);
	const service = str('service', false);
	const detail = str('detail', false);
	let end: number | undefined;
	if (!absent(rec.end)) {
		end = parseTimestamp(rec.end, tz);
		if (end === undefined || (t !== undefined && end < t)) {
			ok = false;
			const expected = end === undefined ? TIMESTAMP_EXPECTED : 'a time at or after the start';
			issues.error({ ...atField(at, 'end'), expected, got: rec.end });
		}
	}
	if (!ok) return;
	const ev: IncidentEvent = { t: t!, kind: kind!, title: title! };
	if (end !== undefined) ev.end = end;
	if (service !== undefined) ev.service = service;
	if (detail !== undefined) ev.detail = detail;
	for (const k in rec) {
		if (k === timeKey || EVENT_FIELDS.includes(k) || absent(rec[k])) continue;
		(ev.attrs ??= {})[k] = rec[k];
	}
	const pos = at.line ?? (at.json!.path[at.json!.path.length - 1] as number);
	sink.range.check(ev.t, pos);
	if (service !== undefined) sink.services.check(service, pos);
	sink.out.push(ev);
}

function flush(sink: EventSink): void {
	sink.range.flush('events');
	sink.services.flush('events');
}

export async function readEventsJsonl(
	ctx: ParseContext,
	file: string,
	text: FileText,
	out: IncidentEvent[]
): Promise<void> {
	const sink = eventSink(ctx, out, file);
	const n = await forEachJsonLine(ctx, file, text, (v, line) =>
		addEventRecord(sink, v, { file, line })
	);
	if (n === 0) ctx.issues.warn({ file, text: 'has no events; skipped' });
	flush(sink);
}

/** events.csv: a header naming the fields, one event per row; extra columns become attrs. */
export async function readEventsCsv(
	ctx: ParseContext,
	file: string,
	text: FileText,
	out: IncidentEvent[]
): Promise<void> {
	const csv = new CsvReader(text);
	const header = csv.next();
	const cols = header ? header.fields.map((c) => c.trim()) : [];
	const sink = eventSink(ctx, out, file);
	let rows = 0;
	for (let rec: CsvRecord | undefined = csv.next(); rec; rec = csv.next()) {
		rows++;
		if (rec.fields.length !== cols.length) {
			ctx.issues.error({
				file,
				line: rec.line,
				expected: `${cols.length} columns as in the header`,
				got: `${rec.fields.length} columns`
			});
			continue;
		}
		const obj: Record<string, string> = {};
		cols.forEach((c, j) => (obj[c] = rec!.fields[j]));
		addEventRecord(sink, obj, { file, line: rec.line, fieldKind: 'column' });
		if (rows % 2048 === 0) await ctx.tick(2048, csv.fraction);
	}
	await ctx.tick(rows % 2048, 1);
	reportUnterminated(ctx.issues, file, csv);
	if (rows === 0) {
		ctx.issues.warn({
			file,
			text: header ? 'has a header but no events; skipped' : 'is empty; skipped'
		});
	}
	flush(sink);
}
