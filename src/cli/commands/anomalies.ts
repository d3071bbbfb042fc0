/** `aitia anomalies <csv>`: run one detector over one CSV column; JSON to stdout. */
import { detectMad, detectNSigma, detectThreshold } from '$workers/metrics/detect';
import type { Anomaly } from '$workers/shared/outputs-metrics';
import { UsageError } from '../io';
import { defineCommand } from './command';
import { readColumn } from './forecast';

const iso = (t: number) => new Date(t).toISOString();

export const anomaliesCommand = defineCommand({
	name: 'anomalies',
	usage: 'anomalies <csv> [--column value] [--detector threshold|mad|nsigma] [--threshold 800]',
	summary: 'Detect anomalies in a CSV column; print them as JSON.',
	options: {
		column: { type: 'string' },
		detector: { type: 'enum', values: ['threshold', 'mad', 'nsigma'], default: 'threshold' },
		threshold: { type: 'number', default: 800 }
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('anomalies takes exactly one CSV path');
		const { detector } = values;
		const { csv, name, v } = await readColumn(positionals[0], values.column, io);
		let found: Anomaly[];
		if (detector === 'mad') found = detectMad(name, csv.t, v);
		else if (detector === 'nsigma') found = detectNSigma(name, csv.t, v);
		else found = detectThreshold(name, csv.t, v, { threshold: values.threshold });
		const anomalies = found.map((a) => ({
			...a,
			start: iso(a.start),
			end: iso(a.end),
			peakT: iso(a.peakT)
		}));
		io.out(JSON.stringify({ column: name, detector, points: csv.t.length, anomalies }));
		return 0;
	}
});
