/**
 * `aitia forecast <csv|export>`: the OLS latency forecaster on one CSV column or one series of an
 * export (series-input.ts); JSON to stdout.
 */
import { parseTimestamp } from '$workers/metrics/csv';
import { firstAlert, forecast } from '$workers/metrics/forecast';
import { defaultSlo } from '$workers/shared/classify';
import type { ForecastResult } from '$workers/shared/outputs-metrics';
import { UsageError } from '../io';
import { invalidOption } from '../options';
import { readSeriesInput } from '../series-input';
import { defineCommand } from './command';

/** '30m', '2h', '90s', '1500ms' or a number of minutes, to ms (> 0, as forecast() requires). */
export function parseDuration(s: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
	const k = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m?.[2] ?? 'm') as 'ms' | 's' | 'm' | 'h'];
	const ms = m ? Number(m[1]) * k : NaN;
	if (!(ms > 0))
		throw invalidOption('horizon', 'a positive duration such as 30m, 2h, 90s or 1500ms', s);
	return ms;
}

/** `--slo`: a number in the column's unit, or `none`; undefined when absent. */
export function parseSlo(s: string | undefined): number | null | undefined {
	if (s === undefined) return undefined;
	if (s.trim().toLowerCase() === 'none') return null;
	const x = s.trim() === '' ? NaN : Number(s);
	if (!Number.isFinite(x)) throw invalidOption('slo', "a number in the series' unit, or none", s);
	return x;
}

const iso = (t: number) => new Date(t).toISOString();

export const forecastCommand = defineCommand({
	name: 'forecast',
	usage:
		'forecast <csv|export> [--column value] [--window 50] [--fit regime|recent] [--horizon 30m] [--slo <n>|none] [--as-of <ts>] [--replay]',
	summary: 'Fit the OLS latency forecaster; print the projection and any predicted SLO breach.',
	options: {
		column: { type: 'string', help: 'a column of the CSV, default value (or the first column)' },
		// forecast() fits a line: it needs at least two points.
		window: { type: 'number', integer: true, min: 2, default: 50 },
		fit: {
			type: 'enum',
			values: ['regime', 'recent'],
			default: 'regime',
			help: 'regime (the points since an ongoing anomaly began, or after one ended, by the anomaly detector) or recent (the last --window points)'
		},
		horizon: { type: 'string', help: 'a duration such as 30m, 2h, 90s or 1500ms, default 30m' },
		slo: {
			type: 'string',
			help: "a number in the series' unit, or none; default 1 s for a latency column of known unit (latency_ms: 1000), else none"
		},
		'as-of': {
			type: 'string',
			help: 'a timestamp (ISO 8601 or unix time); data after it is ignored'
		},
		replay: {
			type: 'boolean',
			help: 'also replay the forecaster sample by sample (each fed only the data up to it) and print its first alert, or null'
		}
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1)
			throw new UsageError('forecast takes exactly one CSV or export path');
		const asOfText = values['as-of'];
		let asOf: number | undefined;
		if (asOfText !== undefined) {
			asOf = parseTimestamp(asOfText);
			if (!Number.isFinite(asOf))
				throw invalidOption('as-of', 'a timestamp (ISO 8601 or unix time)', asOfText);
		}
		const horizonMs = values.horizon === undefined ? undefined : parseDuration(values.horizon);
		const sloGiven = parseSlo(values.slo);
		const { t, name, v } = await readSeriesInput(positionals[0], values.column, io);
		// Absent: what the default notebook's forecast cell assumes for this column (defaultSlo).
		const slo = sloGiven === undefined ? defaultSlo(name) : sloGiven;
		const regime = values.fit === 'regime';
		const opts = { window: values.window, horizonMs, slo, asOf, regime };
		const f = forecast(name, t, v, opts);
		const first = values.replay ? firstAlert(name, t, v, opts) : undefined;
		const breachJson = (r: ForecastResult) => r.breach && { ...r.breach, at: iso(r.breach.at) };
		const out = {
			fit: {
				basis: f.basis,
				points: f.n,
				from: iso(f.fitStart),
				...(f.anomaly && { anomaly: { start: iso(f.anomaly.start), end: iso(f.anomaly.end) } })
			},
			slopePerSecond: f.slopePerSecond,
			projection: { at: iso(f.projection.at), value: f.projection.value },
			interval: f.interval,
			slo: f.slo,
			breach: breachJson(f),
			...(first !== undefined && {
				firstAlert: first && { at: iso(first.at), breach: breachJson(first) }
			})
		};
		io.out(JSON.stringify(out));
		return 0;
	}
});
