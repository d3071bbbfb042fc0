/**
 * CSV writers for bundle format v1: WIDE files (one column per series on a shared time grid) and
 * LONG files (one row per point, with service, metric and unit). Output uses '\n' line endings.
 */
import type { DemoSeries } from './metrics';
import { ISO } from './story';

const fmt = (v: number, decimals: number): string => (Number.isNaN(v) ? '' : v.toFixed(decimals));

/** WIDE: `timestamp,<key>,...`; every series must share the first one's timestamps. */
export function wideCsv(series: DemoSeries[]): string {
	const t = series[0].t;
	for (const s of series) {
		if (s.t.length !== t.length) throw new Error(`wideCsv: ${s.key} is not on the shared grid`);
	}
	const lines = ['timestamp,' + series.map((s) => s.key).join(',')];
	for (let i = 0; i < t.length; i++) {
		let line = ISO(t[i]);
		for (const s of series) line += ',' + fmt(s.v[i], s.decimals);
		lines.push(line);
	}
	return lines.join('\n') + '\n';
}

/** LONG: `timestamp,service,metric,value,unit`, rows merged in time order; gaps are omitted. */
export function longCsv(series: DemoSeries[]): string {
	const rows: { t: number; order: number; line: string }[] = [];
	let order = 0;
	for (const s of series) {
		for (let i = 0; i < s.t.length; i++) {
			if (Number.isNaN(s.v[i])) continue;
			const line = `${ISO(s.t[i])},${s.service},${s.metric},${fmt(s.v[i], s.decimals)},${s.unit}`;
			rows.push({ t: s.t[i], order: order++, line });
		}
	}
	// Explicit tie-break keeps the order stable whatever sort algorithm the engine uses.
	rows.sort((a, b) => a.t - b.t || a.order - b.order);
	return 'timestamp,service,metric,value,unit\n' + rows.map((r) => r.line).join('\n') + '\n';
}
