/** `aitia anomalies <csv>`: run one detector over one CSV column; JSON to stdout. */
import { detectMad, detectNSigma, detectThreshold } from '$workers/metrics/detect';
import type { Anomaly } from '$workers/shared/outputs-metrics';
import { UsageError } from '../io';
import type { Command } from './command';
import { numberOption, readColumn } from './forecast';

const iso = (t: number) => new Date(t).toISOString();

export const anomaliesCommand: Command = {
	name: 'anomalies',
	usage: 'anomalies <csv> [--column value] [--detector threshold|mad|nsigma] [--threshold 800]',
	summary: 'Detect anomalies in a CSV column; print them as JSON.',
	options: {
		column: { type: 'string' },
		detector: { type: 'string' },
		threshold: { type: 'string' }
	},
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('anomalies takes exactly one CSV path');
		const detector = (values.detector as string | undefined) ?? 'threshold';
		if (!['threshold', 'mad', 'nsigma'].includes(detector)) {
			throw new UsageError(`--detector must be threshold, mad or nsigma, not "${detector}"`);
		}
		const { csv, name, v } = await readColumn(positionals[0], values.column as string, io);
		let found: Anomaly[];
		if (detector === 'mad') found = detectMad(name, csv.t, v);
		else if (detector === 'nsigma') found = detectNSigma(name, csv.t, v);
		else
			found = detectThreshold(name, csv.t, v, {
				threshold: numberOption(values.threshold, 'threshold', 800)
			});
		const anomalies = found.map((a) => ({
			...a,
			start: iso(a.start),
			end: iso(a.end),
			peakT: iso(a.peakT)
		}));
		io.out(JSON.stringify({ column: name, detector, points: csv.t.length, anomalies }));
		return 0;
	}
};
