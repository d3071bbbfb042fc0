/** `aitia forecast <csv>`: the OLS latency forecaster on one CSV column; JSON to stdout. */
import { readFile } from 'node:fs/promises';
import { CsvError, parseCsvSeries, parseTimestamp, type CsvSeries } from '$workers/metrics/csv';
import { forecast } from '$workers/metrics/forecast';
import { UsageError, type Io } from '../io';
import type { Command } from './command';

/** Reads a CSV and picks a column; bad input becomes a usage-style error with its reason. */
export async function readColumn(
	path: string,
	column: string | undefined,
	io: Io
): Promise<{ csv: CsvSeries; name: string; v: Float64Array }> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		throw new UsageError(`cannot read CSV: ${path}`);
	}
	let csv: CsvSeries;
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
	if (!v) throw new UsageError(`no column "${name}" (columns: ${names.join(', ')})`);
	return { csv, name, v };
}

/** '30m', '2h', '90s', '1500ms' or a number of minutes, to ms. */
export function parseDuration(s: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
	if (!m) throw new UsageError(`not a duration: "${s}" (e.g. 30m, 2h, 90s)`);
	const k = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'm') as 'ms' | 's' | 'm' | 'h'];
	return Number(m[1]) * k;
}

/** A numeric option, or its default. */
export function numberOption(value: unknown, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const x = Number(value);
	if (typeof value !== 'string' || !Number.isFinite(x)) {
		throw new UsageError(`--${name} must be a number`);
	}
	return x;
}

const iso = (t: number) => new Date(t).toISOString();

export const forecastCommand: Command = {
	name: 'forecast',
	usage:
		'forecast <csv> [--column value] [--window 50] [--horizon 30m] [--slo 1000] [--as-of <ts>]',
	summary: 'Fit the OLS latency forecaster; print the projection and any predicted SLO breach.',
	options: {
		column: { type: 'string' },
		window: { type: 'string' },
		horizon: { type: 'string' },
		slo: { type: 'string' },
		'as-of': { type: 'string' }
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('forecast takes exactly one CSV path');
		const { csv, name, v } = await readColumn(positionals[0], values.column as string, io);
		let asOf: number | undefined;
		if (typeof values['as-of'] === 'string') {
			asOf = parseTimestamp(values['as-of']);
			if (!Number.isFinite(asOf))
				throw new UsageError(`--as-of: not a timestamp: ${values['as-of']}`);
		}
		const f = forecast(name, csv.t, v, {
			window: numberOption(values.window, 'window', 50),
			horizonMs: typeof values.horizon === 'string' ? parseDuration(values.horizon) : undefined,
			slo: numberOption(values.slo, 'slo', 1000),
			asOf
		});
		const out = {
			slopePerSecond: f.slopePerSecond,
			projection: { at: iso(f.projection.at), value: f.projection.value },
			interval: f.interval,
			slo: f.slo,
			breach: f.breach && { ...f.breach, at: iso(f.breach.at) }
		};
		io.out(JSON.stringify(out));
		return 0;
	}
};
