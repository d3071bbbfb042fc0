/**
 * Content sniffing: which export a file is, from what is in it rather than its name. Users save
 * `query_range` answers as `data.json`, `export.txt` or `curl-out`, so names cannot be trusted;
 * the shapes below are each unambiguous (a top-level key or envelope only that format has).
 */
import { firstResultType } from './api-responses';
import { cloudWatchShape } from './cloudwatch';
import { isObject } from './common';
import { isDatadogQuery } from './datadog';
import { csvHeader, isGrafanaHeader } from './grafana-csv';

/** A whole-document JSON export. */
export type JsonSourceKind =
	| 'prometheus'
	| 'loki'
	| 'otlp-logs'
	| 'otlp-metrics'
	| 'otlp-traces'
	| 'jaeger'
	| 'elasticsearch'
	| 'k8s-events'
	| 'cloudwatch'
	| 'datadog'
	| 'bundle';

/** A JSON-lines export (one record per line). */
export type LinesSourceKind = 'journald' | 'elasticsearch' | 'k8s-events';

/** Human name of each kind, for messages and the proposed manifest's title. */
export const SOURCE_NAMES: Record<JsonSourceKind | LinesSourceKind | TextSourceKind, string> = {
	prometheus: 'Prometheus query response',
	loki: 'Loki query response',
	'otlp-logs': 'OTLP/JSON logs',
	'otlp-metrics': 'OTLP/JSON metrics',
	'otlp-traces': 'OTLP/JSON traces',
	jaeger: 'Jaeger JSON traces',
	elasticsearch: 'Elasticsearch documents',
	'k8s-events': 'Kubernetes events',
	cloudwatch: 'AWS CloudWatch metrics',
	datadog: 'Datadog metric query',
	bundle: 'single-JSON bundle',
	journald: 'journald export',
	'grafana-csv': 'Grafana or other time-series CSV',
	openmetrics: 'Prometheus/OpenMetrics text exposition'
};

/** What every source file may be, for the "not recognised" error. */
export const SOURCE_EXPECTED =
	'a Prometheus or Loki API response, OTLP/JSON logs or metrics, AWS CloudWatch metrics (get-metric-data or get-metric-statistics), a Datadog metric query, an Elasticsearch _search response, Kubernetes events (kubectl get events -o json), a Grafana or other time-series CSV (e.g. timestamp,value) or a Prometheus text exposition';

export function detectJson(value: unknown): JsonSourceKind | undefined {
	const type = firstResultType(value);
	if (type === 'streams') return 'loki';
	if (type !== undefined) return 'prometheus';
	if (!isObject(value)) return undefined;
	if ('manifest' in value) return 'bundle';
	if (Array.isArray(value.resourceLogs)) return 'otlp-logs';
	if (Array.isArray(value.resourceMetrics)) return 'otlp-metrics';
	if (Array.isArray(value.resourceSpans)) return 'otlp-traces';
	if (isObject(value.hits) && Array.isArray(value.hits.hits)) return 'elasticsearch';
	if (Array.isArray(value.items) && isK8sEventList(value)) return 'k8s-events';
	if (cloudWatchShape(value)) return 'cloudwatch';
	if (isDatadogQuery(value)) return 'datadog';
	if (Array.isArray(value.data) && value.data.some((d) => isObject(d) && 'spans' in d)) {
		return 'jaeger';
	}
	return undefined;
}

function isK8sEventList(v: Record<string, unknown>): boolean {
	if (v.kind === 'EventList') return true;
	const items = v.items as unknown[];
	return items.length > 0 && items.every((e) => isK8sEvent(e));
}

export function isK8sEvent(e: unknown): boolean {
	return isObject(e) && (e.kind === 'Event' || (isObject(e.involvedObject) && 'reason' in e));
}

/** The kind of a JSON-lines file, from its first record; undefined for our own log records. */
export function detectJsonLines(text: string): LinesSourceKind | undefined {
	let rec: unknown;
	let start = 0;
	// Elasticsearch bulk exports interleave action lines ({"index": {…}}): look past them.
	for (let tries = 0; tries < 4; tries++) {
		const { line, next } = firstLine(text, start);
		try {
			rec = JSON.parse(line);
		} catch {
			return undefined;
		}
		if (!isObject(rec) || !isBulkAction(rec)) break;
		start = next;
	}
	if (!isObject(rec)) return undefined;
	if ('__REALTIME_TIMESTAMP' in rec || ('MESSAGE' in rec && '_PID' in rec)) return 'journald';
	if (isObject(rec._source) || isEcs(rec)) return 'elasticsearch';
	if (isK8sEvent(rec)) return 'k8s-events';
	return undefined;
}

/** An Elasticsearch bulk action line: {"index" | "create" | … : {…}} alone. */
export function isBulkAction(v: Record<string, unknown>): boolean {
	const keys = Object.keys(v);
	const actions = ['index', 'create', 'update', 'delete'];
	return keys.length === 1 && actions.includes(keys[0]) && isObject(v[keys[0]]);
}

/** ECS documents nest the fields our log records keep flat (log.level, service.name). */
function isEcs(rec: Record<string, unknown>): boolean {
	if (!('@timestamp' in rec)) return false;
	return isObject(rec.log) || isObject(rec.service) || isObject(rec.ecs) || 'log.level' in rec;
}

/** The first non-blank line at or after `start`, and where the line after it starts. */
function firstLine(text: string, start = 0): { line: string; next: number } {
	for (;;) {
		const nl = text.indexOf('\n', start);
		const line = (nl < 0 ? text.slice(start) : text.slice(start, nl)).trim();
		if (line !== '' || nl < 0) return { line, next: nl < 0 ? text.length : nl + 1 };
		start = nl + 1;
	}
}

/** A non-JSON text export. */
export type TextSourceKind = 'grafana-csv' | 'openmetrics';

export function detectText(text: string): TextSourceKind | undefined {
	const first = firstLine(text).line;
	if (/^# (HELP|TYPE|UNIT|TIME) /.test(first)) return 'openmetrics';
	if (/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?\s+[-+0-9.NI]/.test(first) && !first.includes(',')) {
		return 'openmetrics';
	}
	const header = csvHeader(text);
	return header && isGrafanaHeader(header) ? 'grafana-csv' : undefined;
}

/** True when the text looks like one JSON document (object or array). */
export function looksLikeJson(text: string): boolean {
	const c = text.trimStart()[0];
	return c === '{' || c === '[';
}
