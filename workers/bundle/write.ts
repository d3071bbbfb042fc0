/**
 * Writes a Bundle back out as files of the documented layout (format version 2), so a stored
 * incident can travel in a capsule and be read again by parseBundle with nothing lost: metrics as
 * long CSV (service, metric and unit kept exactly), times as epoch milliseconds (spans keep their
 * fractions), logs, spans and events as JSON lines, and the small JSON documents as they are.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, LOG_LEVELS, SPAN_KINDS, SPAN_STATUS } from './types';
import type { Bundle, BundleFile } from './types';

const enc = new TextEncoder();
const file = (path: string, text: string): BundleFile => ({ path, bytes: enc.encode(text) });
const json = (value: unknown) => JSON.stringify(value, null, '\t') + '\n';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function metricsCsv(b: Bundle): string {
	const lines = ['timestamp,service,metric,value,unit'];
	for (const s of b.series) {
		const head = `${csvField(s.service)},${csvField(s.metric)}`;
		const unit = csvField(s.unit ?? '');
		for (let i = 0; i < s.t.length; i++)
			lines.push(`${s.t[i]},${head},${Number.isFinite(s.v[i]) ? s.v[i] : ''},${unit}`);
	}
	return lines.join('\n') + '\n';
}

function logsJsonl(b: Bundle): string {
	const l = b.logs;
	const out: string[] = [];
	for (let i = 0; i < l.length; i++) {
		const extra = l.extra[i] ? (JSON.parse(l.extra[i]) as Record<string, unknown>) : {};
		const row = {
			...extra,
			ts: l.t[i],
			level: LOG_LEVELS[l.level[i]],
			service: l.services[l.service[i]],
			message: l.message[i]
		};
		out.push(JSON.stringify(row));
	}
	return out.join('\n') + '\n';
}

function spansJsonl(b: Bundle): string {
	const s = b.traces;
	const out: string[] = [];
	for (let i = 0; i < s.length; i++)
		out.push(
			JSON.stringify({
				traceId: s.traceId[i],
				spanId: s.spanId[i],
				parentId: s.parentId[i] || null,
				service: s.services[s.service[i]],
				operation: s.operations[s.operation[i]],
				start: s.start[i],
				durationMs: s.duration[i],
				status: SPAN_STATUS[s.status[i]],
				kind: SPAN_KINDS[s.kind[i]]
			})
		);
	return out.join('\n') + '\n';
}

export function writeBundle(b: Bundle): BundleFile[] {
	const m = b.manifest;
	const manifest = { ...m, format: BUNDLE_FORMAT, version: BUNDLE_VERSION };
	const files = [file('manifest.json', json(manifest))];
	if (b.series.length) files.push(file('metrics/series.csv', metricsCsv(b)));
	if (b.logs.length) files.push(file('logs/logs.jsonl', logsJsonl(b)));
	if (b.traces.length) files.push(file('traces/spans.jsonl', spansJsonl(b)));
	if (b.events.length) {
		const rows = b.events.map(({ t, end, attrs, ...e }) =>
			JSON.stringify({ ...attrs, ...e, ts: t, ...(end !== undefined ? { end } : {}) })
		);
		files.push(file('events.jsonl', rows.join('\n') + '\n'));
	}
	if (b.topology.length) files.push(file('topology.json', json({ edges: b.topology })));
	if (b.groundTruth) {
		const { t, ...gt } = b.groundTruth;
		files.push(file('ground_truth.json', json({ ...gt, ...(t !== undefined ? { ts: t } : {}) })));
	}
	if (b.annotations.length)
		files.push(
			file('annotations.json', json(b.annotations.map(({ t, ...a }) => ({ ...a, ts: t }))))
		);
	return files;
}
