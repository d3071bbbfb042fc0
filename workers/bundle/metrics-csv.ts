/**
 * metrics/*.csv in either shape. WIDE: `timestamp,<service>.<metric>,...`, one row per time.
 * LONG: columns timestamp, service, metric, value (+ optional unit) in any order, one row per point.
 * The shape is decided by the header alone.
 */
import type { FileText } from './text';
import { CsvReader, reportUnterminated, type CsvRecord } from './csv';
import { RangeTally, ServiceTally, type ParseContext } from './context';
import type { SeriesAcc, SeriesStore } from './series';
import { TIMESTAMP_EXPECTED, parseTimestampString } from './time';
import { VALUE_EXPECTED, parseValue, unitFromMetricName } from './values';

/** Header names accepted for the time column (case-insensitive). */
export const TIME_COLUMNS = ['timestamp', 'ts', 'time', 'date', 'datetime'];
/** Rows between two progress ticks inside a file. */
const TICK_ROWS = 2048;

export async function readMetricsCsv(
	ctx: ParseContext,
	file: string,
	text: FileText,
	store: SeriesStore
): Promise<void> {
	const csv = new CsvReader(text);
	const header = csv.next();
	const first = header && csv.next();
	if (!header || !first) {
		ctx.issues.warn({
			file,
			text: header ? 'has a header but no data rows; skipped' : 'is empty; skipped'
		});
		return;
	}
	const cols = header.fields.map((c) => c.trim());
	const lower = cols.map((c) => c.toLowerCase());
	const isLong = isLongHeader(lower);
	const read = isLong ? readLong : readWide;
	await read(ctx, file, csv, cols, first, store);
	reportUnterminated(ctx.issues, file, csv);
}

/** A long-format header (lower-cased): it has service, metric and value columns. */
export function isLongHeader(lower: readonly string[]): boolean {
	return lower.includes('service') && lower.includes('metric') && lower.includes('value');
}

/** Splits a wide header column: the longest manifest service + '.' prefix, else the first '.'. */
export function splitSeriesColumn(
	col: string,
	servicesLongestFirst: readonly string[]
): { service: string; metric: string } | undefined {
	for (const s of servicesLongestFirst) {
		if (col.length > s.length + 1 && col.startsWith(s) && col.charCodeAt(s.length) === 46) {
			return { service: s, metric: col.slice(s.length + 1) };
		}
	}
	const dot = col.indexOf('.');
	if (dot <= 0 || dot === col.length - 1) return undefined;
	return { service: col.slice(0, dot), metric: col.slice(dot + 1) };
}

function columnCountError(ctx: ParseContext, file: string, rec: CsvRecord, n: number): void {
	ctx.issues.error({
		file,
		line: rec.line,
		expected: `${n} columns as in the header`,
		got: `${rec.fields.length} columns`
	});
}

async function readWide(
	ctx: ParseContext,
	file: string,
	csv: CsvReader,
	cols: string[],
	first: CsvRecord,
	store: SeriesStore
): Promise<void> {
	const { issues } = ctx;
	if (!TIME_COLUMNS.includes(cols[0].toLowerCase())) {
		issues.error({
			file,
			line: 1,
			field: cols[0],
			fieldKind: 'column',
			expected: `the time column ("timestamp") first, or a long-format header with columns timestamp, service, metric, value`,
			got: cols[0]
		});
		return;
	}
	const services = [...(ctx.services ?? [])].sort((a, b) => b.length - a.length);
	const accs: SeriesAcc[] = [];
	for (let j = 1; j < cols.length; j++) {
		const at = { file, line: 1, field: cols[j], fieldKind: 'column' as const };
		const split = splitSeriesColumn(cols[j], services);
		if (!split) {
			issues.error({ ...at, expected: 'a column named <service>.<metric>', got: cols[j] });
			continue;
		}
		if (cols.indexOf(cols[j]) !== j) {
			issues.error({ ...at, expected: 'each column only once', got: cols[j] });
			continue;
		}
		const acc = store.claim(split.service, split.metric, file, at);
		if (!acc) continue;
		acc.unit = unitFromMetricName(split.metric);
		accs[j] = acc;
		if (!ctx.isKnownService(split.service)) {
			issues.warn({
				...at,
				got: split.service,
				text: `service "${split.service}" is not listed in manifest.services; kept`
			});
		}
	}
	const n = cols.length;
	const range = new RangeTally(ctx, file);
	let pending = 0;
	for (let rec: CsvRecord | undefined = first; rec; rec = csv.next()) {
		const f = rec.fields;
		if (f.length !== n) {
			columnCountError(ctx, file, rec, n);
			continue;
		}
		const t = parseTimestampString(f[0], ctx.tz);
		if (t === undefined) {
			issues.error({
				file,
				line: rec.line,
				field: cols[0],
				fieldKind: 'column',
				expected: TIMESTAMP_EXPECTED,
				got: f[0]
			});
			continue;
		}
		range.check(t, rec.line);
		for (let j = 1; j < n; j++) {
			const v = parseValue(f[j]);
			if (v === undefined) {
				issues.error({
					file,
					line: rec.line,
					field: cols[j],
					fieldKind: 'column',
					expected: VALUE_EXPECTED,
					got: f[j]
				});
				continue;
			}
			const acc = accs[j];
			if (acc) {
				acc.t.push(t);
				acc.v.push(v);
			}
		}
		if (++pending === TICK_ROWS) {
			await ctx.tick(pending * (n - 1), csv.fraction);
			pending = 0;
		}
	}
	await ctx.tick(pending * (n - 1), 1);
	range.flush('timestamps');
}

async function readLong(
	ctx: ParseContext,
	file: string,
	csv: CsvReader,
	cols: string[],
	first: CsvRecord,
	store: SeriesStore
): Promise<void> {
	const { issues } = ctx;
	const lower = cols.map((c) => c.toLowerCase());
	const ti = lower.findIndex((c) => TIME_COLUMNS.includes(c));
	const [si, mi, vi, ui] = ['service', 'metric', 'value', 'unit'].map((c) => lower.indexOf(c));
	if (ti < 0) {
		issues.error({
			file,
			line: 1,
			expected: 'a "timestamp" column in the long-format header',
			got: cols.join(',')
		});
		return;
	}
	cols.forEach((c, j) => {
		if (![ti, si, mi, vi, ui].includes(j)) {
			issues.warn({ file, line: 1, field: c, fieldKind: 'column', text: 'unknown column ignored' });
		}
	});
	const n = cols.length;
	const range = new RangeTally(ctx, file);
	const services = new ServiceTally(ctx, file, cols[si]);
	const cache = new Map<string, SeriesAcc | null>();
	const unitWarned = new Set<SeriesAcc>();
	const err = (line: number, j: number, expected: string, got: string) =>
		issues.error({ file, line, field: cols[j], fieldKind: 'column', expected, got });
	let pending = 0;
	for (let rec: CsvRecord | undefined = first; rec; rec = csv.next()) {
		const f = rec.fields;
		if (f.length !== n) {
			columnCountError(ctx, file, rec, n);
			continue;
		}
		const t = parseTimestampString(f[ti], ctx.tz);
		const v = parseValue(f[vi]);
		const service = f[si].trim();
		const metric = f[mi].trim();
		if (t === undefined) err(rec.line, ti, TIMESTAMP_EXPECTED, f[ti]);
		if (v === undefined) err(rec.line, vi, VALUE_EXPECTED, f[vi]);
		if (service === '') err(rec.line, si, 'a service name', f[si]);
		if (metric === '') err(rec.line, mi, 'a metric name', f[mi]);
		if (t === undefined || v === undefined || service === '' || metric === '') continue;
		const ck = `${service}\u0000${metric}`;
		let acc = cache.get(ck);
		if (acc === undefined) {
			const at = { file, line: rec.line, field: cols[mi], fieldKind: 'column' as const };
			acc = store.claim(service, metric, file, at) ?? null;
			cache.set(ck, acc);
		}
		range.check(t, rec.line);
		services.check(service, rec.line);
		if (!acc) continue;
		acc.t.push(t);
		acc.v.push(v);
		if (ui >= 0) setUnit(ctx, file, rec.line, cols[ui], acc, f[ui].trim(), unitWarned);
		if (++pending === TICK_ROWS) {
			await ctx.tick(pending, csv.fraction);
			pending = 0;
		}
	}
	await ctx.tick(pending, 1);
	range.flush('timestamps');
	services.flush('rows');
}

function setUnit(
	ctx: ParseContext,
	file: string,
	line: number,
	col: string,
	acc: SeriesAcc,
	unit: string,
	warned: Set<SeriesAcc>
): void {
	if (unit === '' || unit === acc.unit) return;
	if (acc.unit === undefined) {
		acc.unit = unit;
		return;
	}
	if (warned.has(acc)) return;
	warned.add(acc);
	ctx.issues.warn({
		file,
		line,
		field: col,
		fieldKind: 'column',
		got: unit,
		text: `series "${acc.key}" changes unit from "${acc.unit}" to "${unit}"; kept "${acc.unit}"`
	});
}
