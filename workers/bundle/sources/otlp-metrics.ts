/**
 * OTLP/JSON metrics: resourceMetrics[].scopeMetrics[].metrics[] with gauge, sum, histogram and
 * summary data points. A gauge or sum point is one sample; a histogram becomes p50/p95/p99 series
 * (interpolated inside the explicit buckets; cumulative histograms are differenced first so each
 * point describes its own interval); a summary gives its quantiles. Exponential histograms are
 * skipped with a warning.
 */
import type { Collected } from '../collected';
import { RangeTally, type ParseContext } from '../context';
import { UNIX_NANO_EXPECTED, attributes, nanosToMs, parseUnixNano, stringAttribute } from '../otlp';
import { claimSeries, isObject, sub, type DocPath } from './common';
import { formatMetric } from './naming';
import { otlpItems } from './otlp-logs';

/** Percentiles derived from every histogram. */
export const HISTOGRAM_QUANTILES = [0.5, 0.95, 0.99];

/** OTLP units (UCUM) → our unit words. */
const UNITS: Record<string, string> = { ms: 'ms', s: 's', By: 'bytes', '%': '%', '1': '' };

/** Linear interpolation of quantile q inside explicit buckets; NaN when there are no counts. */
export function bucketQuantile(bounds: number[], counts: number[], q: number): number {
	const total = counts.reduce((a, b) => a + b, 0);
	if (total <= 0) return NaN;
	const target = q * total;
	let seen = 0;
	for (let i = 0; i < counts.length; i++) {
		if (counts[i] > 0 && seen + counts[i] >= target) {
			if (i >= bounds.length) return bounds[bounds.length - 1] ?? NaN;
			const lo = i === 0 ? Math.min(0, bounds[0]) : bounds[i - 1];
			return lo + ((bounds[i] - lo) * (target - seen)) / counts[i];
		}
		seen += counts[i];
	}
	return bounds[bounds.length - 1] ?? NaN;
}

const num = (v: unknown): number | undefined => {
	if (typeof v === 'number') return v;
	if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
	return undefined;
};

function labelsOf(point: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	const attrs = attributes(point.attributes);
	for (const k in attrs)
		out[k] = typeof attrs[k] === 'string' ? attrs[k] : JSON.stringify(attrs[k]);
	return out;
}

interface MetricState {
	ctx: ParseContext;
	into: Collected;
	service: string;
	name: string;
	unit?: string;
	range: RangeTally;
	/** Previous cumulative bucket counts per series, for differencing. */
	previous: Map<string, number[]>;
}

function add(s: MetricState, at: DocPath, metric: string, t: number, v: number): void {
	const acc = claimSeries(s.into.store, s.service, metric, at, s.unit || undefined);
	if (!acc) return;
	acc.t.push(t);
	acc.v.push(Number.isFinite(v) ? v : NaN);
	s.range.check(t, Number(at.path[1]));
}

function pointTime(s: MetricState, at: DocPath, p: Record<string, unknown>): number | undefined {
	const ns = parseUnixNano(p.timeUnixNano);
	if (ns !== undefined) return Math.floor(nanosToMs(ns));
	const json = sub(at, 'timeUnixNano');
	s.ctx.issues.error({
		file: at.doc.file,
		json,
		expected: UNIX_NANO_EXPECTED,
		got: p.timeUnixNano
	});
	return undefined;
}

function readNumberPoint(s: MetricState, at: DocPath, p: Record<string, unknown>): void {
	const t = pointTime(s, at, p);
	const v = num(p.asDouble ?? p.asInt);
	if (v === undefined) {
		const expected = 'a number in "asDouble" or "asInt"';
		s.ctx.issues.error({ file: at.doc.file, json: at, expected, got: p.asDouble ?? p.asInt });
	}
	if (t === undefined || v === undefined) return;
	add(s, at, formatMetric(s.name, labelsOf(p), new Set()), t, v);
}

function readHistogramPoint(
	s: MetricState,
	at: DocPath,
	p: Record<string, unknown>,
	cumulative: boolean
): void {
	const t = pointTime(s, at, p);
	const bounds = Array.isArray(p.explicitBounds) ? p.explicitBounds.map(num) : [];
	const counts = Array.isArray(p.bucketCounts) ? p.bucketCounts.map(num) : [];
	const valid = counts.length === bounds.length + 1 && ![...bounds, ...counts].includes(undefined);
	if (!valid) {
		const expected = 'bucketCounts with one more entry than explicitBounds, all numbers';
		s.ctx.issues.error({
			file: at.doc.file,
			json: sub(at, 'bucketCounts'),
			expected,
			got: p.bucketCounts
		});
	}
	if (t === undefined || !valid) return;
	const labels = labelsOf(p);
	const key = formatMetric(s.name, labels, new Set());
	let own = counts as number[];
	const prev = s.previous.get(key);
	if (cumulative && prev && prev.length === own.length && own.every((c, i) => c >= prev[i])) {
		own = own.map((c, i) => c - prev[i]);
	}
	if (cumulative) s.previous.set(key, counts as number[]);
	for (const q of HISTOGRAM_QUANTILES) {
		const metric = formatMetric(`${s.name}_p${Math.round(q * 100)}`, labels, new Set());
		add(s, at, metric, t, bucketQuantile(bounds as number[], own, q));
	}
}

function readSummaryPoint(s: MetricState, at: DocPath, p: Record<string, unknown>): void {
	const t = pointTime(s, at, p);
	if (t === undefined || !Array.isArray(p.quantileValues)) return;
	const labels = labelsOf(p);
	for (const qv of p.quantileValues) {
		const q = isObject(qv) ? num(qv.quantile ?? 0) : undefined;
		const v = isObject(qv) ? num(qv.value ?? 0) : undefined;
		if (q === undefined || v === undefined) continue;
		add(s, at, formatMetric(`${s.name}_p${Math.round(q * 1000) / 10}`, labels, new Set()), t, v);
	}
}

export async function readOtlpMetrics(
	ctx: ParseContext,
	root: DocPath,
	resourceMetrics: unknown[],
	into: Collected,
	fallback: string
): Promise<void> {
	const at = sub(root, 'resourceMetrics');
	const file = at.doc.file;
	const range = new RangeTally(ctx, file, at);
	const previous = new Map<string, number[]>();
	const keys = ['scopeMetrics', 'instrumentationLibraryMetrics'];
	let n = 0;
	for (const { resource, at: mat, item } of otlpItems(at, resourceMetrics, keys, 'metrics')) {
		if (!isObject(item) || typeof item.name !== 'string' || item.name === '') {
			const expected = 'a Metric object with a "name"';
			ctx.issues.error({ file, json: mat, expected, got: item });
			continue;
		}
		const attrs = isObject(resource.resource) ? resource.resource.attributes : undefined;
		const service = stringAttribute(attrs, 'service.name') ?? fallback;
		const unit = typeof item.unit === 'string' ? (UNITS[item.unit] ?? item.unit) : undefined;
		const s: MetricState = { ctx, into, service, name: item.name, unit, range, previous };
		n += await readMetric(s, mat, item);
	}
	await ctx.tick(n % 4096, 1);
	range.flush('data points');
}

/** Reads the data points of one metric; returns how many there were. */
async function readMetric(
	s: MetricState,
	at: DocPath,
	m: Record<string, unknown>
): Promise<number> {
	const kind = ['gauge', 'sum', 'histogram', 'summary', 'exponentialHistogram'].find((k) =>
		isObject(m[k])
	);
	if (kind === 'exponentialHistogram' || kind === undefined) {
		const text = `metric "${s.name}": ${kind ?? 'this data type'} is not read; skipped`;
		s.ctx.issues.warn({ file: at.doc.file, json: at, text });
		return 0;
	}
	const data = m[kind] as Record<string, unknown>;
	const points = Array.isArray(data.dataPoints) ? data.dataPoints : [];
	const temporality = data.aggregationTemporality;
	const cumulative = temporality === 2 || temporality === 'AGGREGATION_TEMPORALITY_CUMULATIVE';
	for (let i = 0; i < points.length; i++) {
		const pat = sub(at, kind, 'dataPoints', i);
		const p = points[i];
		if (!isObject(p)) {
			s.ctx.issues.error({ file: at.doc.file, json: pat, expected: 'a data point object', got: p });
			continue;
		}
		if (kind === 'histogram') readHistogramPoint(s, pat, p, cumulative);
		else if (kind === 'summary') readSummaryPoint(s, pat, p);
		else readNumberPoint(s, pat, p);
		if ((i + 1) % 4096 === 0) await s.ctx.tick(4096, 0.5);
	}
	return points.length;
}
