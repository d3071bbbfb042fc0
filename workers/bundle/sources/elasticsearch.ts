/**
 * Elasticsearch / OpenSearch log documents: a `_search` response (hits.hits[]._source) or an
 * NDJSON export (one hit or one bare document per line; bulk action lines are skipped). Field
 * names follow ECS: @timestamp, message, log.level, service.name, either nested objects or
 * dotted keys. Every other field of the document is kept in the row's `extra`.
 */
import type { Collected } from '../collected';
import { RangeTally, ServiceTally, type ParseContext } from '../context';
import { atField, atRecord, type RecordAt } from '../issues';
import { forEachJsonLine } from '../jsonl';
import { DEFAULT_LEVEL, levelFromNumber, levelFromWord } from '../log-table';
import { TIMESTAMP_EXPECTED, parseTimestamp } from '../time';
import { isObject, sub, type DocPath } from './common';
import { isBulkAction } from './detect';

/** ECS fields tried for each column, first present wins. */
const TIME_FIELDS = ['@timestamp', 'timestamp', 'time'];
const MESSAGE_FIELDS = ['message', 'event.original', 'log.original', 'msg'];
const LEVEL_FIELDS = ['log.level', 'level', 'severity', 'log.syslog.severity.name'];
const SERVICE_FIELDS = ['service.name', 'kubernetes.container.name', 'container.name', 'host.name'];

/** A field by ECS name: a dotted key, or the same path through nested objects. */
export function ecsField(doc: Record<string, unknown>, name: string): unknown {
	if (name in doc) return doc[name];
	let cur: unknown = doc;
	for (const part of name.split('.')) {
		if (!isObject(cur)) return undefined;
		cur = cur[part];
	}
	return cur;
}

function firstField(doc: Record<string, unknown>, names: string[]) {
	for (const name of names) {
		const value = ecsField(doc, name);
		if (value !== undefined && value !== null && value !== '') return { name, value };
	}
	return undefined;
}

/** A copy of `doc` without the fields used for columns (dotted or nested). */
function rest(doc: Record<string, unknown>, used: string[]): Record<string, unknown> {
	const out = structuredClone(doc);
	for (const name of used) {
		if (name in out) {
			delete out[name];
			continue;
		}
		const parts = name.split('.');
		let cur: unknown = out;
		for (const p of parts.slice(0, -1)) cur = isObject(cur) ? cur[p] : undefined;
		if (isObject(cur)) delete cur[parts[parts.length - 1]];
	}
	return out;
}

interface EsSink {
	ctx: ParseContext;
	into: Collected;
	fallback: string;
	range: RangeTally;
	services: ServiceTally;
}

/** Adds one document (a hit with _source, or the document itself). */
function addDocument(sink: EsSink, value: unknown, at: RecordAt, pos: number): void {
	const { issues, tz } = sink.ctx;
	const hit = isObject(value) && isObject(value._source) ? value : undefined;
	const doc = hit ? (hit._source as Record<string, unknown>) : value;
	if (!isObject(doc)) {
		issues.error({
			...atRecord(at),
			expected: 'a document object (a hit with _source)',
			got: value
		});
		return;
	}
	const src: RecordAt = hit && at.json ? { ...at, json: sub(at.json, '_source') } : at;
	const time = firstField(doc, TIME_FIELDS);
	const t = time ? parseTimestamp(time.value, tz) : undefined;
	if (t === undefined) {
		issues.error({
			...atField(src, time?.name ?? '@timestamp'),
			expected: TIMESTAMP_EXPECTED,
			got: time?.value
		});
	}
	const msg = firstField(doc, MESSAGE_FIELDS);
	if (msg === undefined || typeof msg.value !== 'string') {
		issues.error({
			...atField(src, msg?.name ?? 'message'),
			expected: 'a message string',
			got: msg?.value
		});
	}
	if (t === undefined || msg === undefined || typeof msg.value !== 'string') return;
	const lvl = firstField(doc, LEVEL_FIELDS);
	let level = DEFAULT_LEVEL;
	if (typeof lvl?.value === 'string') level = levelFromWord(lvl.value.trim());
	else if (typeof lvl?.value === 'number') level = levelFromNumber(lvl.value);
	if (level < 0) level = DEFAULT_LEVEL;
	const svc = firstField(doc, SERVICE_FIELDS);
	const service = typeof svc?.value === 'string' ? svc.value : sink.fallback;
	const used = [time!.name, msg.name, ...(lvl ? [lvl.name] : []), ...(svc ? [svc.name] : [])];
	const extra = rest(doc, used);
	if (hit && typeof hit._index === 'string') extra._index = hit._index;
	if (hit && typeof hit._id === 'string') extra._id = hit._id;
	const extraText = Object.keys(extra).length > 0 ? JSON.stringify(extra) : '';
	sink.into.logs.add(t, level, service, msg.value, extraText);
	sink.range.check(t, pos);
	sink.services.check(service, pos);
}

/** A `_search` response: hits.hits[]. */
export async function readEsSearch(
	ctx: ParseContext,
	at: DocPath,
	value: unknown,
	into: Collected,
	fallback: string
): Promise<void> {
	const hits = ((value as Record<string, unknown>).hits as Record<string, unknown>)
		.hits as unknown[];
	const file = at.doc.file;
	const json = sub(at, 'hits', 'hits');
	const sink: EsSink = {
		ctx,
		into,
		fallback,
		range: new RangeTally(ctx, file, json),
		services: new ServiceTally(ctx, file, 'service.name', json)
	};
	for (let i = 0; i < hits.length; i++) {
		addDocument(sink, hits[i], { file, json: sub(json, i) }, i);
		if ((i + 1) % 4096 === 0) await ctx.tick(4096, 0.5);
	}
	await ctx.tick(hits.length % 4096, 1);
	if (hits.length === 0) ctx.issues.warn({ file, text: 'has no hits; skipped' });
	sink.range.flush('documents');
	sink.services.flush('documents');
}

/** An NDJSON export: one hit or document per line; bulk action lines ({"index": {…}}) skipped. */
export async function readEsLines(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected,
	fallback: string
): Promise<void> {
	const sink: EsSink = {
		ctx,
		into,
		fallback,
		range: new RangeTally(ctx, file),
		services: new ServiceTally(ctx, file, 'service.name')
	};
	await forEachJsonLine(ctx, file, text, (value, line) => {
		if (isObject(value) && isBulkAction(value)) return;
		addDocument(sink, value, { file, line }, line);
	});
	sink.range.flush('documents');
	sink.services.flush('documents');
}
