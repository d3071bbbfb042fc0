/**
 * One series from a file, for `aitia forecast` and `aitia anomalies`: a column of a time-series
 * CSV (NAB's `timestamp,value`, our wide CSV), or a series of any export the importer reads
 * (a Prometheus or CloudWatch JSON, a Datadog query, an OTLP file, a bundle .zip or .json) —
 * read by the bundle parser, so the CLI names and reads series exactly as the app does.
 */
import { open, readFile } from 'node:fs/promises';
import { CsvError, parseCsvSeries } from '$workers/metrics/csv';
import { loadBundle, formatIssue } from './bundle-input';
import { UsageError, type Io } from './io';
import { didYouMean } from './options';

export interface SeriesInput {
	t: Float64Array;
	v: Float64Array;
	/** The column or series key read. */
	name: string;
}

/**
 * JSON (an export or a bundle) and zips go to the bundle parser, which reads the file itself;
 * anything else is a CSV. Only the first bytes are read to decide.
 */
async function isExport(path: string): Promise<boolean> {
	if (/\.zip$/i.test(path)) return true;
	let head: string;
	try {
		const f = await open(path, 'r');
		try {
			const { buffer, bytesRead } = await f.read(Buffer.alloc(64), 0, 64, 0);
			head = buffer.subarray(0, bytesRead).toString('utf8');
		} finally {
			await f.close();
		}
	} catch {
		throw new UsageError(`cannot read file: ${path}`);
	}
	return /^\s*[[{]/.test(head);
}

export async function readSeriesInput(
	path: string,
	column: string | undefined,
	io: Io
): Promise<SeriesInput> {
	if (await isExport(path)) return readExportSeries(path, column, io);
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		throw new UsageError(`cannot read file: ${path}`);
	}
	let csv;
	try {
		csv = parseCsvSeries(text);
	} catch (err) {
		if (err instanceof CsvError) throw new UsageError(`${path}: ${err.message}`);
		throw err;
	}
	for (const w of csv.warnings) io.err(`warning: ${path}: ${w}`);
	const names = Object.keys(csv.columns);
	const name = column ?? (names.includes('value') ? 'value' : names[0]);
	const v = csv.columns[name];
	if (!v) {
		const hint = didYouMean(name, names);
		throw new UsageError(`no column "${name}"${hint} (columns: ${names.join(', ')})`);
	}
	return { t: csv.t, v, name };
}

/**
 * A series of an export: `column` is its key (`service.metric`) or, when that is unique, its
 * metric alone; without one, the file's only series, or the first with a warning naming the rest.
 */
async function readExportSeries(
	path: string,
	column: string | undefined,
	io: Io
): Promise<SeriesInput> {
	const r = await loadBundle(path);
	if (!r.ok) {
		for (const e of r.errors.slice(0, 20)) io.err(formatIssue(e));
		throw new UsageError(`${path}: not imported (${r.errors.length} error(s) above)`);
	}
	const all = r.bundle.series;
	const keys = all.map((s) => s.key);
	if (all.length === 0) throw new UsageError(`${path}: holds no metric series`);
	let s = all[0];
	if (column !== undefined) {
		const exact = all.find((x) => x.key === column);
		const byMetric = all.filter((x) => x.metric === column);
		const found = exact ?? (byMetric.length === 1 ? byMetric[0] : undefined);
		if (!found) {
			const hint = didYouMean(column, keys);
			throw new UsageError(`no series "${column}"${hint} (series: ${keys.join(', ')})`);
		}
		s = found;
	} else if (all.length > 1) {
		const more = keys.length > 6 ? `, … (${keys.length} in all)` : '';
		io.err(
			`warning: ${path}: ${all.length} series; read ${s.key} (choose with --column: ${keys.slice(0, 6).join(', ')}${more})`
		);
	}
	return { t: s.t, v: s.v, name: s.key };
}
