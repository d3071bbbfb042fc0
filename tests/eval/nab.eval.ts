/**
 * NAB evaluation (`npm run eval -- nab`): every labelled file under ../shared/datasets/nab, scored
 * with NAB's own scoring (standard, reward-low-FP, reward-low-FN; 0–100) plus window recall and
 * false alerts per 1 000 points. Detectors report alerts (onsets). One configuration for all
 * files: the settings objects the CLI uses. First, the scorer port is checked against NAB's stored
 * per-file scores of windowedGaussian.
 */
import { detectMad, detectNSigma } from '../../workers/metrics/detect';
import { ALERT_DEFAULTS, detectAlerts } from '../../workers/metrics/detectors/alerts';
import { MAD_DEFAULTS, NSIGMA_DEFAULTS, anomalyOnsets } from '../../workers/metrics/settings';
import { loadNab, NAB_ROOT, type NabFile } from './nab/data';
import { checkPort } from './nab/port-check';
import { scoreCorpus, type AlertFn } from './nab/score';
import { windowedGaussianAlerts } from './nab/windowed-gaussian';

const DETECTORS: Record<string, AlertFn> = {
	windowedGaussian: (f) => {
		const a = windowedGaussianAlerts(f.v);
		return [...a.keys()].filter((i) => a[i] === 1);
	},
	mad: (f) => anomalyOnsets(f.t, detectMad(f.name, f.t, f.v, MAD_DEFAULTS(f.t))),
	nsigma: (f) => anomalyOnsets(f.t, detectNSigma(f.name, f.t, f.v, NSIGMA_DEFAULTS(f.t))),
	'auto (default)': (f) => detectAlerts(f.t, f.v).alerts.map((a) => a.index)
};

/** Sensitivity of the default to each setting, one change at a time. */
const SENSITIVITY: [string, Partial<typeof ALERT_DEFAULTS>][] = [
	['z 4', { z: 4 }],
	['z 6', { z: 6 }],
	['cooldown 72', { cooldown: 72 }],
	['cooldown 576', { cooldown: 576 }],
	['novelty off', { noveltyRank: 0 }],
	['novelty rank 1', { noveltyRank: 1 }],
	['no level shifts', { shiftZ: Infinity }],
	['shiftZ 3', { shiftZ: 3 }]
];

const row = (name: string, files: NabFile[], fn: AlertFn) => {
	const r = scoreCorpus(files, fn);
	const n = r.nab;
	const cells = [n.standard, n.reward_low_FP_rate, n.reward_low_FN_rate].map((x) =>
		x.toFixed(1).padStart(7)
	);
	const recall = `${((100 * r.found) / r.windows).toFixed(0)}% (${r.found}/${r.windows})`;
	const fp = ((1000 * r.falseAlerts) / r.points).toFixed(2);
	console.log(`${name.padEnd(22)} ${cells.join(' ')} ${recall.padStart(13)} ${fp.padStart(6)}`);
};

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
	const header = `${'detector'.padEnd(22)} ${['std', 'lowFP', 'lowFN'].map((h) => h.padStart(7)).join(' ')} ${'recall'.padStart(13)}  FP/1k`;
	console.log(`\n${files.length} files\n${header}`);
	for (const [name, fn] of Object.entries(DETECTORS)) row(name, files, fn);
	console.log(`\nsensitivity of the default (one change each)\n${header}`);
	for (const [name, set] of SENSITIVITY) {
		row(name, files, (f) => detectAlerts(f.t, f.v, set).alerts.map((a) => a.index));
	}
}
