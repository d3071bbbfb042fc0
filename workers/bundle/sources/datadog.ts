/**
 * Datadog metric queries (`GET /api/v1/query`, which the "Export" of a dashboard graph and the
 * `datadog` CLI return): {"status": "ok", "res_type": "time_series", "series": [{"metric",
 * "scope", "tag_set": ["host:web-1", …], "pointlist": [[epoch ms, value | null], …], "unit":
 * [{"short_name": "%"}, null]}], "from_date", "to_date", "query"}.
 * Tags become labels (`host:web-1` → host="web-1", split at the first colon), and the series is
 * named by the rule every labelled source uses (naming.ts): the service from `service` (Datadog's
 * unified service tag) or the other service labels, else the file's name; the metric is Datadog's
 * metric name followed by the remaining tags. A null value is a gap.
 */
import type { Collected } from '../collected';
import { RangeTally, type ParseContext } from '../context';
import { epochInRange } from '../time';
import { parseJsonValue } from '../values';
import { claimSeries, isObject, sub, type DocPath } from './common';
import { DEFAULT_RULE, nameSeries } from './naming';

/** Datadog's short unit names → ours. */
const UNITS: Record<string, string> = { ms: 'ms', s: 's', B: 'bytes', '%': '%' };

const POINT_EXPECTED = '[epoch milliseconds, value or null]';

export function isDatadogQuery(v: Record<string, unknown>): boolean {
	if (!Array.isArray(v.series)) return false;
	return v.res_type === 'time_series' || v.series.some((s) => isObject(s) && 'pointlist' in s);
}

/** `["host:web-1", "env:prod", "canary"]` → {host: "web-1", env: "prod", canary: ""}. */
export function tagLabels(tags: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!Array.isArray(tags)) return out;
	for (const tag of tags) {
		if (typeof tag !== 'string' || tag === '') continue;
		const colon = tag.indexOf(':');
		if (colon < 0) out[tag] = '';
		else out[tag.slice(0, colon)] = tag.slice(colon + 1);
	}
	return out;
}

export async function readDatadogQuery(
	ctx: ParseContext,
	at: DocPath,
	root: Record<string, unknown>,
	into: Collected,
	fallback: string
): Promise<void> {
	const file = at.doc.file;
	if (root.status === 'error') {
		const text = `Datadog returned an error${root.query ? ` for the query ${JSON.stringify(root.query)}` : ''}: ${String(root.error ?? root.message ?? 'error')}`;
		ctx.issues.error({ file, json: sub(at, 'status'), text });
		return;
	}
	const series = root.series as unknown[];
	const range = new RangeTally(ctx, file, { doc: at.doc, path: [...at.path, 'series'] });
	for (const [i, s] of series.entries()) {
		const sat = sub(at, 'series', i);
		if (!isObject(s) || typeof s.metric !== 'string' || !Array.isArray(s.pointlist)) {
			const text =
				'this looks like a Datadog query response, but this series is not {"metric", "tag_set", "pointlist": [...]}';
			ctx.issues.error({ file, json: sat, text });
			continue;
		}
		// tag_set, else the scope it was built from ("host:web-1,env:prod"; "*" = no grouping).
		const scope = typeof s.scope === 'string' && s.scope !== '*' ? s.scope.split(',') : [];
		const labels = {
			...tagLabels(Array.isArray(s.tag_set) ? s.tag_set : scope),
			__name__: s.metric
		};
		const { service, metric } = nameSeries(labels, DEFAULT_RULE, fallback);
		const first = Array.isArray(s.unit) && isObject(s.unit[0]) ? s.unit[0].short_name : undefined;
		const unit = typeof first === 'string' ? (UNITS[first] ?? first) : undefined;
		const acc = claimSeries(into.store, service, metric, sat, unit);
		if (!acc) continue;
		for (const [j, p] of s.pointlist.entries()) {
			const t = Array.isArray(p) && typeof p[0] === 'number' ? epochInRange(p[0]) : undefined;
			// The JSON metric value rule every reader uses: a number, or null for a gap.
			const v = Array.isArray(p) && p.length === 2 ? parseJsonValue(p[1]) : undefined;
			if (t === undefined || v === undefined) {
				const text = `this looks like a Datadog query response, but it is not ${POINT_EXPECTED}`;
				ctx.issues.error({ file, json: sub(sat, 'pointlist', j), got: p, text });
				continue;
			}
			range.check(t, i);
			acc.t.push(Math.round(t));
			acc.v.push(v);
		}
		await ctx.tick(s.pointlist.length, 0.5);
	}
	range.flush('points');
}
