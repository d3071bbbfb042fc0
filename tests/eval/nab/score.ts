/**
 * Scores alert detectors on a NAB corpus: NAB's three profiles (normalised 0–100 over all files),
 * window recall and false alerts per 1 000 scored points.
 */
import {
	NAB_PROFILES,
	nabNormalize,
	nabProbation,
	nabScoreFile,
	type NabProfileName
} from '../../../workers/metrics/nab-score';
import type { NabFile } from './data';

/** Alert rows of one file. */
export type AlertFn = (f: NabFile) => number[];

export interface CorpusScore {
	nab: Record<NabProfileName, number>;
	windows: number;
	found: number;
	falseAlerts: number;
	points: number;
	/** Raw standard score per file. */
	perFile: Map<string, number>;
}

export function scoreCorpus(files: NabFile[], alertsOf: AlertFn): CorpusScore {
	const raw = { standard: 0, reward_low_FP_rate: 0, reward_low_FN_rate: 0 };
	const out: CorpusScore = {
		nab: { ...raw },
		windows: 0,
		found: 0,
		falseAlerts: 0,
		points: 0,
		perFile: new Map()
	};
	for (const f of files) {
		const rows = new Set(alertsOf(f));
		for (const name of Object.keys(raw) as NabProfileName[]) {
			const s = nabScoreFile(f.t.length, (i) => rows.has(i), f.windows, NAB_PROFILES[name]);
			raw[name] += s.score;
			if (name === 'standard') {
				out.windows += s.windows;
				out.found += s.detected;
				out.falseAlerts += s.fp;
				out.points += f.t.length - nabProbation(f.t.length);
				out.perFile.set(f.name, s.score);
			}
		}
	}
	for (const name of Object.keys(raw) as NabProfileName[]) {
		out.nab[name] = nabNormalize(raw[name], out.windows, NAB_PROFILES[name]);
	}
	return out;
}
