/**
 * Prometheus HTTP API responses: `query_range` (resultType matrix) and `query` (vector), several
 * per file (see api-responses.ts). Loki metric queries answer in the same shape and are read here
 * too. Samples are [unix seconds, "value"]; "+Inf"/"-Inf" become gaps (with one warning per
 * series), because a chart cannot draw them and a bundle value must be finite.
 */
import type { Collected } from '../collected';
import { RangeTally, type ParseContext } from '../context';
import type { SeriesAcc } from '../series';
import { parseValue } from '../values';
import type { ApiResponse } from './api-responses';
import { claimSeries, isObject, stringLabels, sub, type DocPath } from './common';
import { nameSeries } from './naming';

/** What a sample must look like, in words. */
export const SAMPLE_EXPECTED = '[unix time in seconds, "value"]';

/** Reads one matrix/vector/scalar response; reports the error of a failed query. */
export async function readPromResponse(
	ctx: ParseContext,
	at: DocPath,
	r: ApiResponse,
	into: Collected,
	fallback: string
): Promise<void> {
	const file = at.doc.file;
	const res = r.response;
	if (res.status === 'error') {
		const what = r.query ? `the query ${JSON.stringify(r.query)}` : 'the query';
		const text = `Prometheus returned an error for ${what}: ${String(res.errorType ?? 'error')}: ${String(res.error)}`;
		ctx.issues.error({ file, json: sub(at, 'status'), text });
		return;
	}
	const data = res.data as Record<string, unknown>;
	const type = data.resultType;
	const result = data.result;
	if (type === 'scalar') {
		const acc = claimSeries(into.store, fallback, r.rule.metric ?? 'scalar', at);
		if (acc) addSample(ctx, sub(at, 'data', 'result'), result, acc);
		return;
	}
	if (type !== 'matrix' && type !== 'vector') {
		const expected = 'resultType "matrix" (query_range) or "vector" (query)';
		ctx.issues.error({ file, json: sub(at, 'data', 'resultType'), expected, got: type });
		return;
	}
	if (!Array.isArray(result)) {
		const expected = `an array of series (data.result of a ${type} response)`;
		ctx.issues.error({ file, json: sub(at, 'data', 'result'), expected, got: result });
		return;
	}
	const range = new RangeTally(ctx, file, { doc: at.doc, path: [...at.path, 'data', 'result'] });
	for (let i = 0; i < result.length; i++) {
		const item = sub(at, 'data', 'result', i);
		await readSeries(ctx, item, result[i], type, r, into, fallback, (t) => range.check(t, i));
	}
	range.flush('samples');
}

async function readSeries(
	ctx: ParseContext,
	at: DocPath,
	item: unknown,
	type: 'matrix' | 'vector',
	r: ApiResponse,
	into: Collected,
	fallback: string,
	range: (t: number) => void
): Promise<void> {
	const file = at.doc.file;
	if (!isObject(item) || !isObject(item.metric)) {
		const text = `this looks like a Prometheus ${type} response, but this item is not {"metric": {labels}, ${type === 'matrix' ? '"values"' : '"value"'}: …}`;
		ctx.issues.error({ file, json: at, text });
		return;
	}
	const { service, metric } = nameSeries(stringLabels(item.metric), r.rule, fallback);
	const acc = claimSeries(into.store, service, metric, at);
	if (!acc) return;
	if (type === 'vector') {
		addSample(ctx, sub(at, 'value'), item.value, acc, range);
		return;
	}
	const values = item.values;
	if (!Array.isArray(values)) {
		if (Array.isArray(item.histograms)) {
			ctx.issues.warn({ file, json: at, text: 'native histograms are not read; series skipped' });
			return;
		}
		const text = `this looks like a Prometheus query_range response, but "values" is not an array of ${SAMPLE_EXPECTED}`;
		ctx.issues.error({ file, json: sub(at, 'values'), got: values, text });
		return;
	}
	let infinite = 0;
	for (let j = 0; j < values.length; j++) {
		if (addSample(ctx, sub(at, 'values', j), values[j], acc, range) === 'inf') infinite++;
		if ((j + 1) % 4096 === 0) await ctx.tick(4096, 0.5);
	}
	await ctx.tick(values.length % 4096, 0.5);
	if (infinite > 0) {
		const text = `series "${acc.key}" has ${infinite} infinite sample${infinite === 1 ? '' : 's'} (+Inf/-Inf); stored as gaps`;
		ctx.issues.warn({ file, json: at, text });
	}
}

/** Appends one [t, "v"] sample; returns 'inf' for an infinite value (stored as a gap). */
function addSample(
	ctx: ParseContext,
	at: DocPath,
	s: unknown,
	acc: SeriesAcc,
	range?: (t: number) => void
): 'ok' | 'inf' | 'bad' {
	const file = at.doc.file;
	if (!Array.isArray(s) || s.length !== 2 || typeof s[0] !== 'number' || !Number.isFinite(s[0])) {
		const text = `this looks like a Prometheus response, but it is not ${SAMPLE_EXPECTED}`;
		ctx.issues.error({ file, json: at, got: s, text });
		return 'bad';
	}
	const raw = s[1];
	const inf = raw === '+Inf' || raw === '-Inf' || raw === 'Inf';
	const v = inf ? NaN : typeof raw === 'string' ? parseValue(raw) : undefined;
	if (v === undefined) {
		const expected = 'a sample value string such as "0.25", "NaN" or "+Inf"';
		ctx.issues.error({ file, json: sub(at, 1), expected, got: raw });
		return 'bad';
	}
	const t = Math.round(s[0] * 1000);
	range?.(t);
	acc.t.push(t);
	acc.v.push(v);
	return inf ? 'inf' : 'ok';
}
