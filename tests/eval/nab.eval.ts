/**
 * NAB evaluation (`npm run eval -- nab`): every labelled file under ../shared/datasets/nab, scored
 * with NAB's own scoring (standard, reward-low-FP, reward-low-FN; 0–100) plus window recall and
 * false alerts per 1 000 points, over all files and per folder. Detectors report alerts (onsets).
 * One configuration for all files: the settings objects the CLI uses. First, the scorer port is
 * checked against NAB's stored per-file scores of windowedGaussian; last, a split-half check says
 * whether tuning the default's settings would generalise.
 */
import { detectMad, detectNSigma } from '../../workers/metrics/detect';
import { LIKELIHOOD_DEFAULTS } from '../../workers/metrics/detectors/likelihood';
import { RARITY_DEFAULTS } from '../../workers/metrics/detectors/rarity';
import { RECURRENCE_DEFAULTS } from '../../workers/metrics/detectors/recurrence';
import {
	ALERT_DEFAULTS,
	detectAlerts,
	MAD_DEFAULTS,
	NSIGMA_DEFAULTS,
	anomalyOnsets,
	type AlertSettings
} from '../../workers/metrics/settings';
import { loadNab, NAB_ROOT, type NabFile } from './nab/data';
import { checkPort } from './nab/port-check';
import { publishedScores } from './nab/published';
import { scoreCorpus, type AlertFn } from './nab/score';
import { splitHalf } from './nab/split-half';
import { dropRows, jitterTimes, syntheticNab } from './nab/synthetic';
import { windowedGaussianAlerts } from './nab/windowed-gaussian';

const DETECTORS: Record<string, AlertFn> = {
	windowedGaussian: (f) => {
		const a = windowedGaussianAlerts(f.v);
		return [...a.keys()].filter((i) => a[i] === 1);
	},
	mad: (f) => anomalyOnsets(f.t, detectMad(f.name, f.t, f.v, MAD_DEFAULTS(f.t))),
	nsigma: (f) => anomalyOnsets(f.t, detectNSigma(f.name, f.t, f.v, NSIGMA_DEFAULTS(f.t))),
	'auto (default)': (f) => detectAlerts(f.t, f.v, ALERT_DEFAULTS).alerts.map((a) => a.index)
};

const seasonal = ALERT_DEFAULTS.seasonal;
const rec = (x: Partial<typeof RECURRENCE_DEFAULTS>) => ({ ...RECURRENCE_DEFAULTS, ...x });
const lik = (x: Partial<typeof LIKELIHOOD_DEFAULTS>) => ({ ...LIKELIHOOD_DEFAULTS, ...x });
const rar = (x: Partial<typeof RARITY_DEFAULTS>) => ({ ...RARITY_DEFAULTS, ...x });
/** Sensitivity of the default to each setting, one change at a time. */
const SENSITIVITY: [string, Partial<AlertSettings>][] = [
	['z 3', { z: 3 }],
	['z 5', { z: 5 }],
	['window 144', { window: 144 }],
	['window 576', { window: 576 }],
	['novelty off', { noveltyRank: 0 }],
	['novelty rank 1', { noveltyRank: 1 }],
	['novelty rank 3', { noveltyRank: 3 }],
	['novelty window 288', { noveltyWindow: 288 }],
	['novelty window 1152', { noveltyWindow: 1152 }],
	['novelty growth off', { noveltyGrowth: 0 }],
	['novelty growth 0.125', { noveltyGrowth: 0.125 }],
	['novelty growth 0.5', { noveltyGrowth: 0.5 }],
	['runs once off', { runsOnce: false }],
	['growth off, runs once off', { noveltyGrowth: 0, runsOnce: false }],
	['warm-up kept in look-back', { warmupOut: false }],
	['recurrence off', { recurrence: null }],
	['recurrence day only', { recurrence: rec({ periods: [RECURRENCE_DEFAULTS.periods[0]] }) }],
	['recurrence share 0.6', { recurrence: rec({ share: 0.6 }) }],
	['recurrence share 1', { recurrence: rec({ share: 1 }) }],
	['recurrence slot 30 min', { recurrence: rec({ slotMs: 1_800_000 }) }],
	['recurrence slot 2 h', { recurrence: rec({ slotMs: 7_200_000 }) }],
	['slot 1/48 of each cycle', { recurrence: rec({ slotMs: undefined }) }],
	['no seasonal model', { seasonal: { periods: [] } }],
	['seasonal gain 0.5', { seasonal: { ...seasonal, gain: 0.5 } }],
	['seasonal offset off', { seasonal: { offsetPoints: 0 } }],
	['seasonal offset 12', { seasonal: { offsetPoints: 12 } }],
	['seasonal offset 72', { seasonal: { offsetPoints: 72 } }],
	['relFloor 0.02', { relFloor: 0.02 }],
	['relFloor 0.1', { relFloor: 0.1 }],
	['mergeGap 36', { mergeGap: 36 }],
	['likelihood off', { likelihood: null }],
	['likelihood eps 1e-5', { likelihood: lik({ epsilon: 1e-5 }) }],
	['likelihood eps 1e-7', { likelihood: lik({ epsilon: 1e-7 }) }],
	['likelihood long 576', { likelihood: lik({ long: 576 }) }],
	['likelihood short 20', { likelihood: lik({ short: 20 }) }],
	['rarity off', { rarity: null }],
	['rarity count 2', { rarity: rar({ count: 2 }) }],
	['rarity count 5', { rarity: rar({ count: 5 }) }],
	['rarity share 0.6', { rarity: rar({ share: 0.6 }) }],
	['rarity share 1', { rarity: rar({ share: 1 }) }],
	['rarity window 2 d', { rarity: rar({ windowMs: 2 * 86_400_000 }) }],
	['rarity window 14 d', { rarity: rar({ windowMs: 14 * 86_400_000 }) }],
	['refractory off', { refractoryMs: 0 }],
	['refractory 1.5 h', { refractoryMs: 5_400_000 }],
	['refractory 6 h', { refractoryMs: 21_600_000 }],
	['BOCPD shifts (shiftZ 3)', { shiftZ: 3 }]
];

const HEADER = `${'detector'.padEnd(24)} ${['std', 'lowFP', 'lowFN'].map((h) => h.padStart(7)).join(' ')} ${'recall'.padStart(13)}  FP/1k`;

const cells = (files: NabFile[], fn: AlertFn) => {
	const r = scoreCorpus(files, fn);
	const n = r.nab;
	const scores = [n.standard, n.reward_low_FP_rate, n.reward_low_FN_rate].map((x) =>
		x.toFixed(1).padStart(7)
	);
	const recall = `${((100 * r.found) / r.windows).toFixed(0)}% (${r.found}/${r.windows})`;
	const fp = ((1000 * r.falseAlerts) / r.points).toFixed(2);
	return `${scores.join(' ')} ${recall.padStart(13)} ${fp.padStart(6)}`;
};
const row = (name: string, files: NabFile[], fn: AlertFn) =>
	console.log(`${name.padEnd(24)} ${cells(files, fn)}`);
/** One row over two corpora side by side (the sensitivity table: AWS | synthetic). */
const row2 = (name: string, a: NabFile[], b: NabFile[], fn: AlertFn) =>
	console.log(`${name.padEnd(24)} ${cells(a, fn)} | ${cells(b, fn)}`);

export default async function nab(): Promise<void> {
	const files = loadNab();
	if (!files) {
		console.log(`SKIPPED: ${NAB_ROOT} not found`);
		return;
	}
	const port = checkPort(files);
	if (port) {
		console.log(
			`scorer port vs NAB's stored windowedGaussian scores: ${port.matched}/${port.total} files within 1e-9`
		);
		for (const [name, theirs, ours] of port.mismatches)
			console.log(`  differs: ${name} NAB ${theirs} ours ${ours}`);
	}
	const folders = [...new Set(files.map((f) => f.name.split('/')[0]))];
	console.log(`\nall: ${files.length} files in ${folders.length} folder(s)\n${HEADER}`);
	for (const [name, fn] of Object.entries(DETECTORS)) row(name, files, fn);
	const published = publishedScores(files);
	if (published) {
		console.log(
			"published detectors, from NAB's stored per-file standard scores (NAB's corpus-wide threshold; windows found bounded from score and row counts, nab/published.ts):"
		);
		for (const p of published) {
			const found = p.foundMin === p.foundMax ? `${p.foundMin}` : `${p.foundMin}–${p.foundMax}`;
			const pct = (k: number) => ((100 * k) / p.windows).toFixed(0);
			const recall =
				p.foundMin === p.foundMax
					? `${pct(p.foundMin)}%`
					: `${pct(p.foundMin)}–${pct(p.foundMax)}%`;
			const fp = ((1000 * p.fpRows) / p.points).toFixed(2);
			console.log(
				`  ${p.detector.padEnd(22)} ${p.standard.toFixed(1).padStart(7)} ${`${recall} (${found}/${p.windows})`.padStart(22)} ${fp.padStart(6)} (FP rows)`
			);
		}
	}
	for (const folder of folders) {
		const sub = files.filter((f) => f.name.startsWith(`${folder}/`));
		console.log(`\n${folder}: ${sub.length} files\n${HEADER}`);
		for (const [name, fn] of Object.entries(DETECTORS)) row(name, sub, fn);
	}
	const synth = syntheticNab();
	console.log(`\nsynthetic NAB-style corpus (seed 15): ${synth.length} files\n${HEADER}`);
	for (const [name, fn] of Object.entries(DETECTORS)) row(name, synth, fn);
	// Seeds 16 and 17 were never looked at while choosing the defaults (seed 15 was).
	for (const seed of [16, 17]) {
		const other = syntheticNab(seed);
		console.log(`\nsynthetic, held-out seed ${seed}\n${HEADER}`);
		for (const name of ['mad', 'auto (default)']) row(name, other, DETECTORS[name]);
	}
	// Other sampling rates (NAB's held-out folders hold 30-min and hourly series); seed 15's shapes.
	for (const step of [30, 60]) {
		const other = syntheticNab(15, 4, step);
		console.log(`\nsynthetic, seed 15, one row every ${step} min\n${HEADER}`);
		for (const name of ['mad', 'auto (default)']) row(name, other, DETECTORS[name]);
	}
	// Corpora shaped like the held-out folders in ways seed 15's are not, each scored with the
	// default and with the fourth pass's novelty (fixed 576-point look-back, point by point,
	// warm-up kept): sample times off the grid (scrapes, exports, NAB's traffic folder); rows
	// missing in gaps (outages; the traffic and rogue-agent files), on short files too; long
	// files (NAB's tweet and machine-temperature files hold 16 000–23 000 rows, the taxi file
	// 10 320 at 30 min); short hourly files whose anomalies are days apart (the ad-exchange
	// files: ~1 600 rows).
	const fourth = { ...ALERT_DEFAULTS, noveltyGrowth: 0, runsOnce: false, warmupOut: false };
	const fourthFn: AlertFn = (f) => detectAlerts(f.t, f.v, fourth).alerts.map((a) => a.index);
	const robustness: [string, (seed: number) => NabFile[]][] = [
		[
			'sample times jittered by up to ± half a step',
			(seed) => jitterTimes(syntheticNab(seed), 0.5, seed)
		],
		['ten gaps of 30 min – 6 h in each file', (seed) => dropRows(syntheticNab(seed), 10, seed)],
		[
			'2 500 rows with ten gaps (the traffic files are ~2 500 rows)',
			(seed) => dropRows(syntheticNab(seed, 4, 5, 2_500), 10, seed)
		],
		['16 128 rows (8 weeks at 5 min)', (seed) => syntheticNab(seed, 4, 5, 16_128)],
		['10 320 rows at 30 min', (seed) => syntheticNab(seed, 4, 30, 10_320)],
		['1 600 rows at 1 h', (seed) => syntheticNab(seed, 4, 60, 1_600)]
	];
	for (const [name, make] of robustness) {
		console.log(`\nsynthetic, ${name}\n${HEADER}`);
		for (const seed of [15, 16, 17]) {
			const corpus = make(seed);
			row(`auto, seed ${seed}`, corpus, DETECTORS['auto (default)']);
			row(`  4th-pass novelty`, corpus, fourthFn);
		}
	}
	console.log(`\nsensitivity of the default (one change each): all files | synthetic\n${HEADER}`);
	row2('(defaults)', files, synth, DETECTORS['auto (default)']);
	for (const [name, set] of SENSITIVITY) {
		const s = { ...ALERT_DEFAULTS, ...set };
		row2(name, files, synth, (f) => detectAlerts(f.t, f.v, s).alerts.map((a) => a.index));
	}
	console.log('\nsplit-half: tune z × window × recurrence share on one half, score the other');
	for (const r of splitHalf(files, synth)) {
		console.log(
			`  tuned on ${r.tunedOn}: ${r.winner} (${r.tuned.toFixed(1)}) → ${r.heldOutName} ${r.heldOutWinner.toFixed(1)}, defaults there ${r.heldOutDefault.toFixed(1)}`
		);
	}
}
