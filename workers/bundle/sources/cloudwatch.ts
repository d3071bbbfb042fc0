/**
 * AWS CloudWatch metrics as the AWS CLI (and the SDKs' JSON) print them:
 * - `aws cloudwatch get-metric-data`: {"MetricDataResults": [{"Id", "Label", "Timestamps": [ISO…],
 *   "Values": [n…], "StatusCode"}], "Messages": […], "NextToken"?}; newest sample first by default.
 * - `aws cloudwatch get-metric-statistics`: {"Label", "Datapoints": [{"Timestamp", "Average" |
 *   "Sum" | "Minimum" | "Maximum" | "SampleCount", "ExtendedStatistics": {"p99": n}, "Unit"}]},
 *   in no particular order; one series per statistic the file holds.
 * Neither output names the dimensions (instance, load balancer…), so the service is the file's
 * name and the metric is the Label (with `{id="…"}` when two results share a Label, as they do
 * when one query asks for the same metric of several instances without setting labels). Samples
 * are sorted by the series store, so the newest-first order needs nothing here.
 */
import type { Collected } from '../collected';
import { RangeTally, type ParseContext } from '../context';
import type { SeriesAcc } from '../series';
import { parseTimestamp, TIMESTAMP_EXPECTED } from '../time';
import { parseJsonValue, VALUE_EXPECTED } from '../values';
import { claimSeries, isObject, sub, type DocPath } from './common';
import { formatMetric } from './naming';

/** CloudWatch's unit names → ours (those without one, such as Count or None, get none). */
const UNITS: Record<string, string> = {
	Seconds: 's',
	Milliseconds: 'ms',
	Bytes: 'bytes',
	Percent: '%',
	'Count/Second': 'rps'
};

const STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;

/** Which CloudWatch output a parsed JSON document is, if either. */
export function cloudWatchShape(v: Record<string, unknown>): 'data' | 'statistics' | undefined {
	if (Array.isArray(v.MetricDataResults)) return 'data';
	if (Array.isArray(v.Datapoints) && typeof v.Label === 'string') return 'statistics';
	return undefined;
}

export async function readCloudWatch(
	ctx: ParseContext,
	at: DocPath,
	root: Record<string, unknown>,
	into: Collected,
	fallback: string
): Promise<void> {
	const file = at.doc.file;
	if (Array.isArray(root.Messages)) {
		for (const [i, m] of root.Messages.entries()) {
			const text = `CloudWatch says: ${isObject(m) ? `${String(m.Code)}: ${String(m.Value)}` : String(m)}`;
			ctx.issues.warn({ file, json: sub(at, 'Messages', i), text });
		}
	}
	if (typeof root.NextToken === 'string' && root.NextToken !== '') {
		const text =
			'CloudWatch had more data than this page (NextToken is set): only this page is imported';
		ctx.issues.warn({ file, json: sub(at, 'NextToken'), text });
	}
	// Samples outside the manifest's range are counted per file and named by their result (or
	// datapoint), as the Prometheus reader names its series.
	const data = cloudWatchShape(root) === 'data';
	const list = data ? 'MetricDataResults' : 'Datapoints';
	const range = new RangeTally(ctx, file, { doc: at.doc, path: [...at.path, list] });
	if (data) {
		await readMetricData(ctx, at, root.MetricDataResults as unknown[], into, fallback, range);
	} else await readStatistics(ctx, at, root, into, fallback, range);
	range.flush('samples');
}

async function readMetricData(
	ctx: ParseContext,
	at: DocPath,
	results: unknown[],
	into: Collected,
	fallback: string,
	range: RangeTally
): Promise<void> {
	const file = at.doc.file;
	const labelOf = (r: unknown) => (isObject(r) ? String(r.Label || r.Id || 'value') : 'value');
	const counts = new Map<string, number>();
	for (const r of results) counts.set(labelOf(r), (counts.get(labelOf(r)) ?? 0) + 1);
	for (const [i, r] of results.entries()) {
		const rat = sub(at, 'MetricDataResults', i);
		if (!isObject(r) || !Array.isArray(r.Timestamps) || !Array.isArray(r.Values)) {
			const text =
				'this looks like CloudWatch get-metric-data output, but this result is not {"Label", "Timestamps": [...], "Values": [...]}';
			ctx.issues.error({ file, json: rat, text });
			continue;
		}
		if (r.Timestamps.length !== r.Values.length) {
			const expected = `as many Values as Timestamps (${r.Timestamps.length})`;
			ctx.issues.error({ file, json: sub(rat, 'Values'), expected, got: `${r.Values.length}` });
			continue;
		}
		const label = labelOf(r);
		const shared = (counts.get(label) ?? 0) > 1 && typeof r.Id === 'string';
		const metric = shared ? formatMetric(label, { id: r.Id as string }, new Set()) : label;
		if (r.StatusCode === 'PartialData') {
			const text = `CloudWatch returned partial data for "${label}" (StatusCode PartialData): the rest needs the next page`;
			ctx.issues.warn({ file, json: sub(rat, 'StatusCode'), text });
		}
		const acc = claimSeries(into.store, fallback, metric, rat);
		if (!acc) continue;
		for (let j = 0; j < r.Timestamps.length; j++) {
			const t = timeAt(ctx, sub(rat, 'Timestamps', j), r.Timestamps[j]);
			const v = valueAt(ctx, sub(rat, 'Values', j), r.Values[j]);
			if (t === undefined || v === undefined) continue;
			range.check(t, i);
			acc.t.push(t);
			acc.v.push(v);
		}
		await ctx.tick(r.Timestamps.length, 0.5);
	}
}

async function readStatistics(
	ctx: ParseContext,
	at: DocPath,
	root: Record<string, unknown>,
	into: Collected,
	fallback: string,
	range: RangeTally
): Promise<void> {
	const file = at.doc.file;
	const points = root.Datapoints as unknown[];
	const label = String(root.Label || 'value');
	// Every statistic any datapoint holds: Average, p99 (ExtendedStatistics)…
	const stats = new Set<string>();
	for (const p of points) {
		if (!isObject(p)) continue;
		for (const s of STATISTICS) if (s in p) stats.add(s);
		if (isObject(p.ExtendedStatistics)) for (const s in p.ExtendedStatistics) stats.add(s);
	}
	const accs = new Map<string, SeriesAcc | undefined>();
	const accOf = (stat: string, unit: unknown) => {
		if (!accs.has(stat)) {
			const metric = stats.size > 1 ? formatMetric(label, { statistic: stat }, new Set()) : label;
			const ours = typeof unit === 'string' ? UNITS[unit] : undefined;
			accs.set(stat, claimSeries(into.store, fallback, metric, at, ours));
		}
		return accs.get(stat);
	};
	for (const [i, p] of points.entries()) {
		const pat = sub(at, 'Datapoints', i);
		if (!isObject(p)) {
			const text =
				'this looks like CloudWatch get-metric-statistics output, but this datapoint is not {"Timestamp", "Average" | "Sum" | …}';
			ctx.issues.error({ file, json: pat, text });
			continue;
		}
		const t = timeAt(ctx, sub(pat, 'Timestamp'), p.Timestamp);
		if (t === undefined) continue;
		range.check(t, i);
		const extended = isObject(p.ExtendedStatistics) ? p.ExtendedStatistics : {};
		for (const stat of stats) {
			const inExtended = !(STATISTICS as readonly string[]).includes(stat);
			const raw = inExtended ? extended[stat] : p[stat];
			if (raw === undefined) continue;
			const json = inExtended ? sub(pat, 'ExtendedStatistics', stat) : sub(pat, stat);
			const v = valueAt(ctx, json, raw);
			const acc = accOf(stat, p.Unit);
			if (v === undefined || !acc) continue;
			acc.t.push(t);
			acc.v.push(v);
		}
	}
	await ctx.tick(points.length, 0.5);
}

function timeAt(ctx: ParseContext, at: DocPath, raw: unknown): number | undefined {
	const t = parseTimestamp(raw, ctx.tz);
	if (t === undefined) {
		ctx.issues.error({ file: at.doc.file, json: at, expected: TIMESTAMP_EXPECTED, got: raw });
	}
	return t;
}

function valueAt(ctx: ParseContext, at: DocPath, raw: unknown): number | undefined {
	const v = parseJsonValue(raw);
	if (v === undefined)
		ctx.issues.error({ file: at.doc.file, json: at, expected: VALUE_EXPECTED, got: raw });
	return v;
}
