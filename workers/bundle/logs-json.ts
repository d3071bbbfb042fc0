/**
 * Structured log records: logs/*.jsonl lines and the `logs` array of a single-JSON bundle share
 * one normaliser, so both accept exactly the same fields.
 */
import type { FileText } from './text';
import { RangeTally, ServiceTally, type ParseContext } from './context';
import { atField, atRecord, type RecordAt } from './issues';
import { forEachJsonLine } from './jsonl';
import {
	DEFAULT_LEVEL,
	LEVEL_EXPECTED,
	levelFromNumber,
	levelFromWord,
	type LogBuilder
} from './log-table';
import { TIMESTAMP_EXPECTED, parseTimestamp } from './time';

/** Accepted names of the time field, in priority order. */
export const LOG_TIME_KEYS = ['ts', 'timestamp', 'time', '@timestamp'];
/** Accepted names of the message field, in priority order. */
export const LOG_MESSAGE_KEYS = ['message', 'msg'];

/** Per-file state of the structured-log normaliser. */
export interface LogRecordSink {
	ctx: ParseContext;
	logs: LogBuilder;
	/** Service for records without one (the file's base name when it is a manifest service). */
	defaultService?: string;
	range: RangeTally;
	services: ServiceTally;
}

function firstKey(obj: Record<string, unknown>, keys: string[]): string | undefined {
	for (const k of keys) if (obj[k] !== undefined) return k;
	return undefined;
}

/** Validates one record and appends it to the log table; reports every bad field. */
export function addLogRecord(sink: LogRecordSink, value: unknown, at: RecordAt): void {
	const { issues, tz } = sink.ctx;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		issues.error({ ...atRecord(at), expected: 'a JSON object (one log record)', got: value });
		return;
	}
	const rec = value as Record<string, unknown>;
	const timeKey = firstKey(rec, LOG_TIME_KEYS);
	const t = timeKey === undefined ? undefined : parseTimestamp(rec[timeKey], tz);
	let ok = true;
	if (t === undefined) {
		ok = false;
		issues.error({
			...atField(at, timeKey ?? 'ts'),
			expected: TIMESTAMP_EXPECTED,
			got: timeKey === undefined ? undefined : rec[timeKey]
		});
	}
	const rawLevel = rec.level;
	let level = DEFAULT_LEVEL;
	if (typeof rawLevel === 'string') level = levelFromWord(rawLevel.trim());
	else if (typeof rawLevel === 'number') level = levelFromNumber(rawLevel);
	else if (rawLevel !== undefined && rawLevel !== null) level = -1;
	if (level < 0) {
		ok = false;
		issues.error({ ...atField(at, 'level'), expected: LEVEL_EXPECTED, got: rawLevel });
	}
	const rawService = rec.service;
	const service =
		typeof rawService === 'string' && rawService !== ''
			? rawService
			: rawService === undefined
				? sink.defaultService
				: undefined;
	if (service === undefined) {
		ok = false;
		issues.error({
			...atField(at, 'service'),
			expected: 'a service name (or a file named after a manifest service)',
			got: rawService
		});
	}
	const msgKey = firstKey(rec, LOG_MESSAGE_KEYS);
	const message = msgKey === undefined ? undefined : rec[msgKey];
	if (typeof message !== 'string') {
		ok = false;
		issues.error({
			...atField(at, msgKey ?? 'message'),
			expected: 'a message string',
			got: message
		});
	}
	if (ok && !sink.logs.canAddService(service!)) {
		ok = false;
		const expected = 'at most 65 536 distinct services across all logs';
		issues.error({ ...atField(at, 'service'), expected, got: service });
	}
	if (!ok) return;
	const pos = at.line ?? (at.json!.path[at.json!.path.length - 1] as number);
	sink.range.check(t!, pos);
	sink.services.check(service!, pos);
	sink.logs.add(t!, level, service!, message as string, extraJson(rec, timeKey!, msgKey!));
}

/** All fields except the ones mapped to columns, as a JSON object string ('' when none). */
function extraJson(rec: Record<string, unknown>, timeKey: string, msgKey: string): string {
	let extra: Record<string, unknown> | undefined;
	for (const k in rec) {
		if (k === timeKey || k === msgKey || k === 'level' || k === 'service') continue;
		(extra ??= {})[k] = rec[k];
	}
	return extra === undefined ? '' : JSON.stringify(extra);
}

/** Reads logs/*.jsonl. */
export async function readLogsJsonl(
	ctx: ParseContext,
	file: string,
	text: FileText,
	logs: LogBuilder,
	defaultService: string | undefined
): Promise<void> {
	const sink: LogRecordSink = {
		ctx,
		logs,
		defaultService,
		range: new RangeTally(ctx, file),
		services: new ServiceTally(ctx, file, 'service')
	};
	const n = await forEachJsonLine(ctx, file, text, (value, line) =>
		addLogRecord(sink, value, { file, line })
	);
	if (n === 0) ctx.issues.warn({ file, text: 'has no log lines; skipped' });
	sink.range.flush('log lines');
	sink.services.flush('log lines');
}
