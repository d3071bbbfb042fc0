/**
 * `aitia anomalies <csv|export>`: run one detector over one CSV column or one series of an
 * export (series-input.ts); JSON to stdout. Settings come from workers/metrics/settings.ts, the
 * same objects `npm run eval -- nab` uses. The default is `auto` (detectAlerts with
 * ALERT_DEFAULTS), the detector with the best NAB standard score (docs/metrics.md); `threshold`
 * stays available as the seed's pager rule.
 */
import { detectMad, detectNSigma, detectThreshold } from '$workers/metrics/detect';
import {
	ALERT_DEFAULTS,
	detectAlerts,
	MAD_DEFAULTS,
	NSIGMA_DEFAULTS
} from '$workers/metrics/settings';
import type { Anomaly } from '$workers/shared/outputs-metrics';
import { UsageError } from '../io';
import { defineCommand } from './command';
import { readSeriesInput } from '../series-input';

const iso = (t: number) => new Date(t).toISOString();

export const anomaliesCommand = defineCommand({
	name: 'anomalies',
	usage:
		'anomalies <csv|export> [--column value] [--detector auto|threshold|mad|nsigma] [--threshold 800] [--z 3.5]',
	summary: 'Detect anomalies in a CSV column; print them as JSON.',
	options: {
		column: { type: 'string', help: 'a column of the CSV, default value (or the first column)' },
		detector: {
			type: 'enum',
			values: ['auto', 'threshold', 'mad', 'nsigma'],
			default: 'auto'
		},
		threshold: { type: 'number', default: 800 },
		// Absent: each detector's own setting (3.5 for all three), as `npm run eval -- nab` runs it.
		z: { type: 'number', min: 0, exclusive: true }
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1)
			throw new UsageError('anomalies takes exactly one CSV or export path');
		const { detector } = values;
		// The cut-off of auto and mad (|z|) and of nsigma (N); the sensitivity knob.
		const z = values.z === undefined ? {} : { z: values.z };
		const { t, name, v } = await readSeriesInput(positionals[0], values.column, io);
		if (detector === 'auto') {
			const r = detectAlerts(t, v, { ...ALERT_DEFAULTS, ...z });
			const alerts = r.alerts.map((a) => ({ ...a, t: iso(a.t) }));
			const windows = r.windows.map((w) => ({
				...w,
				start: iso(t[w.start]),
				end: iso(t[w.end])
			}));
			io.out(JSON.stringify({ column: name, detector, points: t.length, alerts, windows }));
			return 0;
		}
		let found: Anomaly[];
		if (detector === 'mad') found = detectMad(name, t, v, { ...MAD_DEFAULTS(t), ...z });
		else if (detector === 'nsigma')
			found = detectNSigma(name, t, v, { ...NSIGMA_DEFAULTS(t), n: values.z });
		else found = detectThreshold(name, t, v, { threshold: values.threshold });
		const anomalies = found.map((a) => ({
			...a,
			start: iso(a.start),
			end: iso(a.end),
			peakT: iso(a.peakT),
			// When the detector knew it (mad, nsigma); JSON drops it when absent.
			alertT: a.alertT === undefined ? undefined : iso(a.alertT)
		}));
		io.out(JSON.stringify({ column: name, detector, points: t.length, anomalies }));
		return 0;
	}
});
