/**
 * Grafana panel "Download CSV" (panel inspector → Data), in both layouts it offers:
 * - series joined by time: `Time,<series A>,<series B>…`, one row per time;
 * - series as rows: `Series,Time,Value` (older Grafana writes it with `;`).
 * Column / series names are legends: `up{job="api"}` goes through the label naming rule, a
 * `service.metric` legend is split like a wide-CSV column, any other text becomes a metric of the
 * file's service. Other tools' plain `timestamp,value` CSVs are read the same way. "Formatted
 * data" values keep their unit ("12.5 ms"), which is read and recorded.
 */
import type { Collected } from '../collected';
import { CsvReader, reportUnterminated, type CsvRecord } from '../csv';
import { RangeTally, type ParseContext } from '../context';
import { TIME_COLUMNS, isLongHeader, splitSeriesColumn } from '../metrics-csv';
import type { SeriesAcc } from '../series';
import { TIMESTAMP_EXPECTED, parseTimestampString } from '../time';
import { VALUE_EXPECTED, parseValue } from '../values';
import { DEFAULT_RULE, nameSeries, parseSeriesName } from './naming';

/**
 * True when a CSV header is a Grafana export — or another tool's `timestamp,value` CSV, read the
 * same way — rather than our wide/long metrics CSV.
 */
export function isGrafanaHeader(header: string[]): boolean {
	const lower = header.map((h) => h.trim().toLowerCase());
	if (lower.length === 3 && lower[0] === 'series' && lower[1] === 'time' && lower[2] === 'value') {
		return true;
	}
	if (header.length < 2) return false;
	const legend = (h: string) => !/^[^.\s{}]+\.\S+$/.test(h);
	if (lower[0] === 'time') {
		// Our wide CSV uses lower-case time columns and service.metric names; Grafana writes "Time".
		return header[0].trim() === 'Time' || header.slice(1).some(legend);
	}
	// Any other tool's time-series export (`timestamp,value`, as NAB and many exporters write):
	// a time column under one of our names and no column in our `service.metric` form. One such
	// column makes it our wide CSV, whose other columns are then checked (a typo is reported).
	return TIME_COLUMNS.includes(lower[0]) && !isLongHeader(lower) && header.slice(1).every(legend);
}

/** The first line of a CSV, split (for sniffing). */
export function csvHeader(text: string): string[] | undefined {
	return new CsvReader(semicolonsToCommas(text.slice(0, 4096))).next()?.fields;
}

/** Old Grafana writes `"Series";"Time";"Value"`: turn unquoted `;` into `,` when no `,` is used. */
function semicolonsToCommas(text: string): string {
	const nl = text.indexOf('\n');
	const first = nl < 0 ? text : text.slice(0, nl);
	if (!first.includes(';') || first.includes(',')) return text;
	let out = '';
	let quoted = false;
	for (const c of text) {
		if (c === '"') quoted = !quoted;
		out += c === ';' && !quoted ? ',' : c;
	}
	return out;
}

/** Legend → service and metric. */
export function nameLegend(legend: string, services: readonly string[], fallback: string) {
	const labels = parseSeriesName(legend);
	if (labels) return nameSeries(labels, DEFAULT_RULE, fallback);
	const split = /\s/.test(legend) ? undefined : splitSeriesColumn(legend, services);
	return split ?? { service: fallback, metric: legend.trim() };
}

/** A Grafana value: a number, optionally followed by a unit ("12.5 ms", "40%"). */
export function parseGrafanaValue(s: string): { v: number; unit?: string } | undefined {
	const v = parseValue(s);
	if (v !== undefined) return { v };
	const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Zµ%/]+)\s*$/.exec(s);
	if (!m) return undefined;
	const n = parseValue(m[1]);
	return n === undefined ? undefined : { v: n, unit: m[2] };
}

const VALUE_OR_UNIT = `${VALUE_EXPECTED}, optionally followed by a unit ("12.5 ms")`;

export async function readGrafanaCsv(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected,
	fallback: string
): Promise<void> {
	const csv = new CsvReader(semicolonsToCommas(text));
	const header = csv.next();
	if (!header) return;
	const cols = header.fields.map((c) => c.trim());
	const byRow = cols[0].toLowerCase() === 'series';
	const state = { ctx, file, into, fallback, range: new RangeTally(ctx, file), cols };
	const services = [...(ctx.services ?? [])].sort((a, b) => b.length - a.length);
	const accs = new Map<string, SeriesAcc | null>();
	const claim = (legend: string, line: number, field: string) => {
		let acc = accs.get(legend);
		if (acc === undefined) {
			const { service, metric } = nameLegend(legend, services, fallback);
			const at = { file, line, field, fieldKind: 'column' as const };
			acc = into.store.claim(service, metric, file, at) ?? null;
			accs.set(legend, acc);
		}
		return acc ?? undefined;
	};
	let rows = 0;
	for (let rec = csv.next(); rec; rec = csv.next()) {
		rows++;
		if (rec.fields.length !== cols.length) {
			const expected = `${cols.length} columns as in the header`;
			ctx.issues.error({ file, line: rec.line, expected, got: `${rec.fields.length} columns` });
			continue;
		}
		if (byRow) readRowLayout(state, rec, claim);
		else readJoinedRow(state, rec, claim);
		if (rows % 2048 === 0) await ctx.tick(2048, csv.fraction);
	}
	await ctx.tick(rows % 2048, 1);
	reportUnterminated(ctx.issues, file, csv);
	if (rows === 0) ctx.issues.warn({ file, text: 'has a header but no data rows; skipped' });
	state.range.flush('timestamps');
}

interface RowState {
	ctx: ParseContext;
	file: string;
	cols: string[];
	range: RangeTally;
}
type Claim = (legend: string, line: number, field: string) => SeriesAcc | undefined;

function cellError(s: RowState, line: number, j: number, expected: string, got: string): void {
	s.ctx.issues.error({ file: s.file, line, field: s.cols[j], fieldKind: 'column', expected, got });
}

function push(acc: SeriesAcc | undefined, t: number, value: { v: number; unit?: string }): void {
	if (!acc) return;
	acc.t.push(t);
	acc.v.push(value.v);
	if (value.unit !== undefined) acc.unit ??= value.unit;
}

function readJoinedRow(s: RowState, rec: CsvRecord, claim: Claim): void {
	const t = parseTimestampString(rec.fields[0], s.ctx.tz);
	if (t === undefined) return cellError(s, rec.line, 0, TIMESTAMP_EXPECTED, rec.fields[0]);
	s.range.check(t, rec.line);
	for (let j = 1; j < s.cols.length; j++) {
		const value = parseGrafanaValue(rec.fields[j]);
		if (value === undefined) cellError(s, rec.line, j, VALUE_OR_UNIT, rec.fields[j]);
		else push(claim(s.cols[j], 1, s.cols[j]), t, value);
	}
}

function readRowLayout(s: RowState, rec: CsvRecord, claim: Claim): void {
	const [legend, time, raw] = rec.fields;
	const t = parseTimestampString(time, s.ctx.tz);
	const value = parseGrafanaValue(raw);
	if (legend.trim() === '') cellError(s, rec.line, 0, 'a series name', legend);
	if (t === undefined) cellError(s, rec.line, 1, TIMESTAMP_EXPECTED, time);
	if (value === undefined) cellError(s, rec.line, 2, VALUE_OR_UNIT, raw);
	if (t === undefined || value === undefined || legend.trim() === '') return;
	s.range.check(t, rec.line);
	push(claim(legend.trim(), rec.line, s.cols[0]), t, value);
}
