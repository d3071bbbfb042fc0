/**
 * Checks the scorer port against NAB's own stored per-file scores: windowedGaussian (a detector
 * NAB ships, ported in ./windowed-gaussian.ts) is run and scored, and each file's standard score is
 * compared with results/windowedGaussian_standard_scores.csv to 1e-9.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NAB_PROFILES, nabScoreFile } from '../../../workers/metrics/nab-score';
import { NAB_ROOT, type NabFile } from './data';
import { windowedGaussianAlerts } from './windowed-gaussian';

export interface PortCheck {
	matched: number;
	total: number;
	/** Files that differ: name, NAB's score, ours. */
	mismatches: [string, number, number][];
}

export function checkPort(files: NabFile[]): PortCheck | undefined {
	const csv = path.join(NAB_ROOT, 'results/windowedGaussian_standard_scores.csv');
	if (!existsSync(csv)) return undefined;
	const rows = readFileSync(csv, 'utf8').trim().split(/\r?\n/).slice(1);
	const out: PortCheck = { matched: 0, total: 0, mismatches: [] };
	for (const row of rows) {
		const [, , name, , score] = row.split(',');
		const f = files.find((x) => x.name === name);
		if (!f) continue;
		const alerts = windowedGaussianAlerts(f.v);
		const ours = nabScoreFile(f.t.length, (i) => alerts[i] === 1, f.windows, NAB_PROFILES.standard);
		out.total++;
		if (Math.abs(ours.score - Number(score)) <= 1e-9) out.matched++;
		else out.mismatches.push([name, Number(score), ours.score]);
	}
	return out;
}
