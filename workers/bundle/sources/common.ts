/**
 * Small pieces every source reader needs: where a value sits in its document, and appending
 * points to a series claimed in the store.
 */
import type { JsonDoc } from '../issues';
import type { JsonPath } from '../json-locate';
import type { SeriesAcc, SeriesStore } from '../series';
import { unitFromMetricName } from '../values';

/** A JSON document and the path of the value being read. */
export interface DocPath {
	doc: JsonDoc;
	path: JsonPath;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

/** `at` with `rel` appended. */
export const sub = (at: DocPath, ...rel: JsonPath): DocPath => ({
	doc: at.doc,
	path: [...at.path, ...rel]
});

/** String-valued entries of a label object (other values are dropped: labels are strings). */
export function stringLabels(v: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!isObject(v)) return out;
	for (const k in v) if (typeof v[k] === 'string') out[k] = v[k] as string;
	return out;
}

/**
 * Claims `service.metric` for `file`; the unit comes from the name (`_seconds` → s) unless given.
 * Undefined when the key is owned elsewhere (the store already reported it).
 */
export function claimSeries(
	store: SeriesStore,
	service: string,
	metric: string,
	at: DocPath,
	unit?: string
): SeriesAcc | undefined {
	const acc = store.claim(service, metric, at.doc.file, { file: at.doc.file, json: at });
	if (!acc) return undefined;
	const name = metric.replace(/\{.*$/s, '');
	acc.unit ??= unit ?? unitFromMetricName(name);
	return acc;
}

/** File base name without extension ('metrics/prom.json' → 'prom'): the fallback service. */
export function fileStem(path: string): string {
	const b = path.slice(path.lastIndexOf('/') + 1);
	const dot = b.lastIndexOf('.');
	return dot > 0 ? b.slice(0, dot) : b;
}
