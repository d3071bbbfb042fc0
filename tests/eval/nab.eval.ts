/**
 * NAB (realAWSCloudwatch, 17 series with hand-labelled anomaly windows): window recall and false
 * positives per 1 000 points of each detector at its default settings, per series and overall.
 * The baseline window (threshold level, nsigma reference) is NAB's probationary period, the first
 * 15 % of each series, which holds no labels. Run: `npx tsx tests/eval/run.ts nab`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvSeries, parseTimestamp } from '../../workers/metrics/csv';
import { medianStep } from '../../workers/metrics/resample';
import { detectMad, detectNSigma, detectThreshold } from '../../workers/metrics/detect';
import {
	probationRows,
	rates,
	scoreDetections,
	totalScore,
	type SeriesScore
} from '../../workers/metrics/evaluate';
import type { Anomaly } from '../../workers/shared/outputs-metrics';

const root = path.resolve(import.meta.dirname, '../../../shared/datasets/nab');
const folder = 'realAWSCloudwatch';

type Detector = (key: string, t: Float64Array, v: Float64Array) => Anomaly[];

/** The plain threshold baseline: above the highest value of the baseline period, 2 min minimum. */
function thresholdBaseline(key: string, t: Float64Array, v: Float64Array): Anomaly[] {
	const p = probationRows(t.length);
	let max = -Infinity;
	for (let i = 0; i < p; i++) if (v[i] > max) max = v[i];
	return detectThreshold(key, t, v, { threshold: max });
}

/** The baseline window both robust detectors get: NAB's probationary period. */
const probation = (t: Float64Array) => ({ start: t[0], end: t[probationRows(t.length) - 1] });

export const DETECTORS: Record<string, Detector> = {
	threshold: thresholdBaseline,
	mad: (k, t, v) => detectMad(k, t, v, { baseline: probation(t) }),
	nsigma: (k, t, v) => detectNSigma(k, t, v, { baseline: probation(t) })
};

const pct = (x: number) => (Number.isNaN(x) ? '  –  ' : `${(100 * x).toFixed(0)}%`.padStart(5));
const fp = (x: number) => x.toFixed(2).padStart(6);

export default async function nab(): Promise<void> {
	if (!existsSync(path.join(root, 'data', folder))) {
		console.log(`SKIPPED: ${root} not found`);
		return;
	}
	const labels = JSON.parse(
		readFileSync(path.join(root, 'labels/combined_windows.json'), 'utf8')
	) as Record<string, [string, string][]>;
	const files = readdirSync(path.join(root, 'data', folder))
		.filter((f) => f.endsWith('.csv'))
		.sort();
	const names = Object.keys(DETECTORS);
	const all: Record<string, SeriesScore[]> = Object.fromEntries(names.map((n) => [n, []]));
	// Share of time covered by detections: a sanity check that recall is not bought with long,
	// merged anomalies (a detector flagging everything has perfect recall).
	const flagged: Record<string, { ms: number; span: number }> = Object.fromEntries(
		names.map((n) => [n, { ms: 0, span: 0 }])
	);
	console.log(
		['series'.padEnd(40), 'win', ...names.map((n) => `${n} recall  fp/1k`.padStart(18))].join(' ')
	);
	for (const f of files) {
		const csv = parseCsvSeries(readFileSync(path.join(root, 'data', folder, f), 'utf8'));
		const v = csv.columns.value;
		const windows = (labels[`${folder}/${f}`] ?? []).map(([a, b]) => ({
			start: parseTimestamp(a),
			end: parseTimestamp(b)
		}));
		const cells = names.map((n) => {
			const found = DETECTORS[n](f, csv.t, v);
			const s = scoreDetections(csv.t, found, windows);
			const step = medianStep(csv.t);
			flagged[n].ms += found.reduce((a, x) => a + x.end - x.start + step, 0);
			flagged[n].span += csv.t[csv.t.length - 1] - csv.t[0] + step;
			all[n].push(s);
			const r = rates(s);
			return `${pct(r.recall)} ${fp(r.fpPer1000)}`.padStart(18);
		});
		console.log(
			[f.replace('.csv', '').padEnd(40), String(windows.length).padStart(3), ...cells].join(' ')
		);
	}
	const overall = names.map((n) => {
		const s = totalScore(all[n]);
		const r = rates(s);
		return `${pct(r.recall)} ${fp(r.fpPer1000)}`.padStart(18);
	});
	const nWin = totalScore(all[names[0]]).windows;
	console.log(['OVERALL'.padEnd(40), String(nWin).padStart(3), ...overall].join(' '));
	for (const n of names) {
		const s = totalScore(all[n]);
		console.log(
			`${n}: ${s.found}/${s.windows} windows, ${s.falsePositives} false positives in ${s.points} points, ` +
				`${((100 * flagged[n].ms) / flagged[n].span).toFixed(1)} % of the time flagged`
		);
	}
}
