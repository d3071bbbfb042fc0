/**
 * Published detectors on the local NAB files, from NAB's stored per-file standard scores
 * (results/<detector>_standard_scores.csv: each detector at the one threshold NAB swept over its
 * whole corpus). The stored rows give the score and row counts (TP, FP rows), not which windows
 * were found, so the windows found are bounded from them: with k of a file's W windows found,
 * each found window scores in (0, tp] (NAB's scaled sigmoid, divided by its value at the left edge),
 * each missed one −fn, and the false-positive rows between −fp each and 0 (less far behind a
 * window), so every k with −(W − k)·fn − FP·fp ≤ score ≤ k·tp − (W − k)·fn, k ≤ TP rows, and
 * k ≥ 1 when TP rows > 0, is possible. This says what window recall the published detectors reach
 * on the same files at NAB's own operating point, next to the recall target.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NAB_PROFILES, nabNormalize, type NabProfile } from '../../../workers/metrics/nab-score';
import { NAB_ROOT, type NabFile } from './data';

/** The detectors whose stored scores the dataset holds, as NAB names their files. */
export const PUBLISHED = ['numenta', 'ARTime', 'knncad', 'windowedGaussian'] as const;

export interface PublishedRow {
	detector: string;
	/** NAB standard score over the files, 0–100. */
	standard: number;
	windows: number;
	/** Bounds on the windows found (inclusive). */
	foundMin: number;
	foundMax: number;
	/** False-positive rows (NAB counts every alerting row outside windows). */
	fpRows: number;
	/** Scored rows (after each file's probation). */
	points: number;
}

/** The possible numbers of windows found in one file; see the module comment. */
export function windowsFoundBounds(
	score: number,
	windows: number,
	tpRows: number,
	fpRows: number,
	p: NabProfile = NAB_PROFILES.standard
): [number, number] {
	// NAB divides a window's sigmoid by its value at the left edge: a found window is worth at most tp.
	const best = p.tp;
	const eps = 1e-9;
	const ks: number[] = [];
	for (let k = 0; k <= Math.min(windows, tpRows); k++) {
		if (tpRows > 0 && k === 0) continue;
		const lo = -(windows - k) * p.fn - fpRows * p.fp;
		const hi = k * best - (windows - k) * p.fn;
		if (score >= lo - eps && score <= hi + eps) ks.push(k);
	}
	if (!ks.length) throw new Error(`no number of windows found fits score ${score}`);
	return [ks[0], ks[ks.length - 1]];
}

/** One row per published detector over `files`; undefined when the stored scores are absent. */
export function publishedScores(files: NabFile[], root = NAB_ROOT): PublishedRow[] | undefined {
	const out: PublishedRow[] = [];
	for (const detector of PUBLISHED) {
		const csv = path.join(root, `results/${detector}_standard_scores.csv`);
		if (!existsSync(csv)) return undefined;
		const header = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
		const col = Object.fromEntries(header[0].split(',').map((h, i) => [h, i]));
		const row: PublishedRow = {
			detector,
			standard: 0,
			windows: 0,
			foundMin: 0,
			foundMax: 0,
			fpRows: 0,
			points: 0
		};
		let raw = 0;
		for (const line of header.slice(1)) {
			const cells = line.split(',');
			const f = files.find((x) => x.name === cells[col.File]);
			if (!f) continue;
			const [score, tp, fp] = [cells[col.Score], cells[col.TP], cells[col.FP]].map(Number);
			const [lo, hi] = windowsFoundBounds(score, f.windows.length, tp, fp);
			raw += score;
			row.windows += f.windows.length;
			row.foundMin += lo;
			row.foundMax += hi;
			row.fpRows += fp;
			// Scored rows: Total_Count is the whole file in some stored files, only the scored
			// rows in others (ARTime's), so the four counts are summed instead.
			row.points += ['TP', 'TN', 'FP', 'FN'].reduce((a, c) => a + Number(cells[col[c]]), 0);
		}
		row.standard = nabNormalize(raw, row.windows, NAB_PROFILES.standard);
		out.push(row);
	}
	return out;
}
