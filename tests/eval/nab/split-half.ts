/**
 * Does a tuned setting generalise? The files are split in two halves (alternate files by name);
 * a small grid of settings is tuned on one half (best NAB standard score) and the winner is
 * scored on the other half, next to the untuned defaults. A winner that does no better than the
 * defaults on the held-out half says the gain was fitted noise. The grid is the settings the
 * sensitivity table shows the score moves with; no file or folder name is ever consulted.
 * Third check: tuned on all real files, scored on the synthetic corpus (another kind of series).
 */
import {
	ALERT_DEFAULTS,
	detectAlerts,
	type AlertSettings
} from '../../../workers/metrics/detectors/alerts';
import { RECURRENCE_DEFAULTS } from '../../../workers/metrics/detectors/recurrence';
import type { NabFile } from './data';
import { scoreCorpus } from './score';

export interface SplitResult {
	tunedOn: string;
	/** The grid's winner on the tuning half and its score there. */
	winner: string;
	tuned: number;
	/** Held-out set: its name, the winner and the defaults there. */
	heldOutName: string;
	heldOutWinner: number;
	heldOutDefault: number;
}

function grid(): [string, Partial<AlertSettings>][] {
	const out: [string, Partial<AlertSettings>][] = [];
	for (const z of [3, 3.5, 5])
		for (const window of [144, 288, 576])
			for (const share of [0.6, 0.8, 1]) {
				const recurrence = { ...RECURRENCE_DEFAULTS, share };
				out.push([`z ${z}, window ${window}, share ${share}`, { z, window, recurrence }]);
			}
	return out;
}

const score = (files: NabFile[], s: Partial<AlertSettings>) =>
	scoreCorpus(files, (f) => detectAlerts(f.t, f.v, s).alerts.map((a) => a.index)).nab.standard;

function tuneAndTest(tune: NabFile[], test: NabFile[], tunedOn: string, heldOutName: string) {
	let best = { name: 'defaults', s: {} as Partial<AlertSettings>, score: -Infinity };
	for (const [name, s] of grid()) {
		const x = score(tune, s);
		if (x > best.score) best = { name, s, score: x };
	}
	return {
		tunedOn,
		heldOutName,
		winner: best.name,
		tuned: best.score,
		heldOutWinner: score(test, best.s),
		heldOutDefault: score(test, ALERT_DEFAULTS)
	};
}

export function splitHalf(files: NabFile[], synthetic: NabFile[]): SplitResult[] {
	const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
	return [
		tuneAndTest(halves[0], halves[1], 'even files', 'odd files'),
		tuneAndTest(halves[1], halves[0], 'odd files', 'even files'),
		tuneAndTest(files, synthetic, 'all files', 'synthetic')
	];
}
