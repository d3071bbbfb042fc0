/**
 * Kubernetes events (`kubectl get events -o json`: an EventList; or one Event per line) become
 * bundle events. The service is the workload the event is about: a Pod or ReplicaSet name without
 * its generated hash suffixes (`checkout-7d9f8b6c5d-x2x9q` → `checkout`). Warnings become
 * `alert` events, scaling reasons `scaling`, everything else `k8s`.
 */
import type { Collected } from '../collected';
import type { ParseContext } from '../context';
import { addEventRecord, eventSink, type EventSink } from '../events';
import { forEachJsonLine } from '../jsonl';
import { TIMESTAMP_EXPECTED, parseTimestamp } from '../time';
import { isObject, sub, type DocPath } from './common';

const SCALING_REASONS = [
	'ScalingReplicaSet',
	'SuccessfulRescale',
	'SuccessfulCreate',
	'SuccessfulDelete'
];
const TIME_FIELDS = ['firstTimestamp', 'eventTime', 'lastTimestamp'];

/** `checkout-7d9f8b6c5d-x2x9q` (Pod) / `checkout-7d9f8b6c5d` (ReplicaSet) → `checkout`. */
export function workloadName(kind: string, name: string): string {
	if (kind === 'Pod') {
		const m = /^(.+)-[a-f0-9]{6,10}-[a-z0-9]{5}$/.exec(name) ?? /^(.+)-[a-z0-9]{5}$/.exec(name);
		if (m) return m[1];
		const sts = /^(.+)-\d+$/.exec(name);
		return sts ? sts[1] : name;
	}
	if (kind === 'ReplicaSet') return /^(.+)-[a-f0-9]{6,10}$/.exec(name)?.[1] ?? name;
	return name;
}

/** An Event object → an event record for the shared normaliser, or an error location. */
function toRecord(
	ctx: ParseContext,
	e: Record<string, unknown>
): { rec: Record<string, unknown> } | { field: string; got: unknown } {
	const timeField = TIME_FIELDS.find((k) => typeof e[k] === 'string' && e[k] !== '');
	const meta = isObject(e.metadata) ? e.metadata : {};
	const ts = timeField ? e[timeField] : meta.creationTimestamp;
	if (parseTimestamp(ts, ctx.tz) === undefined)
		return { field: timeField ?? 'firstTimestamp', got: ts };
	const obj = isObject(e.involvedObject)
		? e.involvedObject
		: isObject(e.regarding)
			? e.regarding
			: {};
	const kind = typeof obj.kind === 'string' ? obj.kind : '';
	const name = typeof obj.name === 'string' ? obj.name : '';
	const reason = typeof e.reason === 'string' && e.reason !== '' ? e.reason : 'Event';
	const message =
		typeof e.message === 'string' ? e.message : typeof e.note === 'string' ? e.note : '';
	const type = typeof e.type === 'string' ? e.type : 'Normal';
	const rec: Record<string, unknown> = {
		ts,
		kind: type === 'Warning' ? 'alert' : SCALING_REASONS.includes(reason) ? 'scaling' : 'k8s',
		title: `${reason} ${kind}/${name}`,
		reason,
		type,
		object: `${kind}/${name}`
	};
	if (name !== '') rec.service = workloadName(kind, name);
	if (message !== '') rec.detail = message;
	if (typeof obj.namespace === 'string') rec.namespace = obj.namespace;
	if (typeof e.count === 'number') rec.count = e.count;
	const last = e.lastTimestamp;
	const tLast = parseTimestamp(last, ctx.tz);
	if (
		timeField === 'firstTimestamp' &&
		tLast !== undefined &&
		tLast > parseTimestamp(ts, ctx.tz)!
	) {
		rec.end = last;
	}
	return { rec };
}

function addK8sEvent(
	sink: EventSink,
	value: unknown,
	at: { file: string; json?: DocPath; line?: number }
) {
	const { ctx } = sink;
	if (!isObject(value)) {
		ctx.issues.error({
			file: at.file,
			json: at.json,
			line: at.line,
			expected: 'a Kubernetes Event object',
			got: value
		});
		return;
	}
	const r = toRecord(ctx, value);
	if ('field' in r) {
		const where = at.json ? { json: sub(at.json, r.field) } : { line: at.line, field: r.field };
		ctx.issues.error({ file: at.file, ...where, expected: TIMESTAMP_EXPECTED, got: r.got });
		return;
	}
	addEventRecord(
		sink,
		r.rec,
		at.json ? { file: at.file, json: at.json } : { file: at.file, line: at.line }
	);
}

export function readK8sEvents(
	ctx: ParseContext,
	root: DocPath,
	items: unknown[],
	into: Collected
): void {
	const file = root.doc.file;
	const json = sub(root, 'items');
	const sink = eventSink(ctx, into.events, file, json);
	items.forEach((e, i) => addK8sEvent(sink, e, { file, json: sub(json, i) }));
	if (items.length === 0) ctx.issues.warn({ file, text: 'has no events; skipped' });
	sink.range.flush('events');
	sink.services.flush('events');
}

export async function readK8sEventLines(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected
): Promise<void> {
	const sink = eventSink(ctx, into.events, file);
	await forEachJsonLine(ctx, file, text, (v, line) => addK8sEvent(sink, v, { file, line }));
	sink.range.flush('events');
	sink.services.flush('events');
}
