/**
 * Forecaster evaluation (`npm run eval -- forecast`): does fitting the regime the anomaly detector
 * sees (workers/metrics/forecast-fit.ts) project better than the seed's last 50 points? At every
 * third row after the learning period of each labelled file, a line is fitted to the points each
 * rule chooses (with the detector's windows known at that row) and projected 30 min ahead; the
 * error is |projection − the value then| over the series' 5–95 % range in its learning period
 * (capped at 5, so a near-constant series does not dominate). Rows from a labelled anomaly to the
 * end of its NAB window ("in": the incident, when a forecast is read) and rows outside every
 * window ("out") are reported apart, as mean and median. Corpora: NAB AWS (5 min), the synthetic
 * NAB-style files of tests/eval/nab/synthetic.ts at 5 min (seeds 15–17, and 21–23, never looked
 * at while choosing the rule) and at 30 min (seed 15, one row ahead).
 */
import {
	chooseFit,
	detectorAnomalies,
	MIN_REGIME_POINTS
} from '../../workers/metrics/forecast-fit';
import { FORECAST_DEFAULTS } from '../../workers/metrics/forecast';
import { nabProbation } from '../../workers/metrics/nab-score';
import { olsFit, predict } from '../../workers/metrics/ols';
import { quantileSorted } from '../../workers/metrics/quantile';
import { loadNab, type NabFile } from './nab/data';
import { syntheticNab } from './nab/synthetic';

const HORIZON_MS = 30 * 60_000;

interface Errors {
	in: number[];
	out: number[];
}

/** Errors of one rule: `min` 0 = the seed's last `window` points, else the regime rule. */
function errors(files: NabFile[], min: number): Errors {
	const e: Errors = { in: [], out: [] };
	for (const f of files) {
		const n = f.v.length;
		const step = f.t[1] - f.t[0];
		const ahead = Math.max(1, Math.round(HORIZON_MS / step));
		const learn = nabProbation(n);
		const head = [...f.v.subarray(0, learn)].filter(Number.isFinite).sort((a, b) => a - b);
		const range = quantileSorted(head, 0.95) - quantileSorted(head, 0.05);
		const scale = Math.max(range, 1e-9);
		const incident = new Uint8Array(n);
		for (const w of f.windows) incident.fill(1, Math.ceil((w.start + w.end) / 2), w.end + 1);
		const anomalies = min > 0 ? detectorAnomalies(f.t, f.v) : [];
		for (let p = learn; p + ahead < n; p += 3) {
			const { idx } = chooseFit(f.v, p, FORECAST_DEFAULTS.window, anomalies, min || Infinity);
			if (idx.length < 2) continue;
			const fit = olsFit(
				Float64Array.from(idx, (i) => f.t[i]),
				Float64Array.from(idx, (i) => f.v[i])
			);
			const err = Math.abs(predict(fit, f.t[p + ahead]) - f.v[p + ahead]) / scale;
			if (Number.isFinite(err)) (incident[p] ? e.in : e.out).push(Math.min(err, 5));
		}
	}
	return e;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) =>
	quantileSorted(
		[...xs].sort((a, b) => a - b),
		0.5
	);
const cell = (xs: number[]) => `${mean(xs).toFixed(3)} / ${median(xs).toFixed(3)}`.padStart(15);

export default async function forecastEval(): Promise<void> {
	const aws = loadNab();
	const corpora: [string, NabFile[]][] = [];
	if (aws) corpora.push(['NAB AWS (17 files)', aws]);
	else console.log('NAB AWS: SKIPPED (../shared/datasets/nab not found)');
	for (const seed of [15, 16, 17, 21, 22, 23])
		corpora.push([`synthetic seed ${seed}`, syntheticNab(seed)]);
	corpora.push(['synthetic seed 15, 30 min', syntheticNab(15, 4, 30)]);
	const rules: [string, number][] = [
		['last 50 points (seed)', 0],
		[`regime (default, ${MIN_REGIME_POINTS})`, MIN_REGIME_POINTS],
		['regime, min 5 points', 5],
		['regime, min 20 points', 20]
	];
	console.log(
		'30-min projection error / the learning period\'s 5–95 % range: mean / median, "in" = from a labelled anomaly to its window\'s end'
	);
	for (const [name, files] of corpora) {
		console.log(
			`\n${name}\n${'rule'.padEnd(26)} ${'in'.padStart(15)} ${'out'.padStart(15)}  rows in / out`
		);
		for (const [rule, min] of rules) {
			const e = errors(files, min);
			console.log(
				`${rule.padEnd(26)} ${cell(e.in)} ${cell(e.out)}  ${e.in.length} / ${e.out.length}`
			);
		}
	}
}
