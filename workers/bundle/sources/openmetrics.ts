/**
 * Prometheus text exposition and OpenMetrics snapshots (`curl host:9100/metrics`). Each sample
 * line `name{labels} value [timestamp]` becomes a point of the series named by the label rule.
 * A scrape has no timestamps of its own, so a `# TIME <timestamp>` comment (our convention, see
 * docs/data-sources.md) gives the time of the samples after it; concatenated snapshots make series.
 */
import type { Collected } from '../collected';
import { RangeTally, type ParseContext } from '../context';
import type { SeriesAcc } from '../series';
import { LineReader } from '../text';
import { TIMESTAMP_EXPECTED, epochToMs, parseTimestampString } from '../time';
import { parseValue, unitFromMetricName } from '../values';
import { DEFAULT_RULE, nameSeries, parseSeriesName } from './naming';

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+(-?[0-9.eE+]+))?\s*(?:#.*)?$/;

/** Sample value: a float, NaN, or ±Inf (stored as a gap: bundle values are finite). */
function sampleValue(s: string): number | undefined {
	if (/^[+-]?Inf$/.test(s)) return NaN;
	return parseValue(s);
}

export async function readExposition(
	ctx: ParseContext,
	file: string,
	text: string,
	into: Collected,
	fallback: string
): Promise<void> {
	const lines = new LineReader(text);
	const range = new RangeTally(ctx, file);
	const accs = new Map<string, SeriesAcc | null>();
	let now: number | undefined;
	let n = 0;
	for (let s = lines.next(); s !== undefined; s = lines.next()) {
		const line = lines.line;
		const trimmed = s.trim();
		if (trimmed === '' || trimmed === '# EOF') continue;
		if (trimmed.startsWith('#')) {
			const m = /^#\s*TIME\s+(.+)$/.exec(trimmed);
			if (!m) continue;
			now = parseTimestampString(m[1], ctx.tz);
			if (now === undefined)
				ctx.issues.error({ file, line, expected: TIMESTAMP_EXPECTED, got: m[1] });
			continue;
		}
		const m = SAMPLE.exec(trimmed);
		const labels = m ? parseSeriesName(m[1] + (m[2] ?? '{}')) : undefined;
		const v = m ? sampleValue(m[3]) : undefined;
		if (!m || !labels || v === undefined) {
			const expected = 'a sample line `name{label="value"} value [timestamp]`';
			ctx.issues.error({ file, line, expected, got: trimmed });
			continue;
		}
		const stamp = m[4] === undefined ? undefined : Number(m[4]);
		const t = stamp === undefined ? now : Math.round(epochToMs(stamp));
		if (t === undefined || !Number.isFinite(t)) {
			const expected = 'a sample timestamp, or a "# TIME <timestamp>" line before the samples';
			ctx.issues.error({ file, line, expected, got: trimmed });
			continue;
		}
		const key = m[1] + (m[2] ?? '');
		let acc = accs.get(key);
		if (acc === undefined) {
			const { service, metric } = nameSeries(labels, DEFAULT_RULE, fallback);
			acc = into.store.claim(service, metric, file, { file, line }) ?? null;
			if (acc) acc.unit ??= unitFromMetricName(m[1]);
			accs.set(key, acc);
		}
		if (acc) {
			acc.t.push(t);
			acc.v.push(v);
		}
		range.check(t, line);
		if (++n % 4096 === 0) await ctx.tick(4096, lines.fraction);
	}
	await ctx.tick(n % 4096, 1);
	if (n === 0) ctx.issues.warn({ file, text: 'has no samples; skipped' });
	range.flush('samples');
}
