/**
 * The combined default detector, `detectAlerts(t, v, settings?)`: seasonal-baseline residuals
 * scored robustly (spikes and dips) plus Bayesian online change points (level shifts), reported
 * as alerts — the onset of each anomaly, which is what NAB scores and what an on-call page is —
 * and as windows (onset to last anomalous point) for charts and for the root-cause ranking.
 * Everything is causal: a point is judged only on what came before it.
 * One settings object, ALERT_DEFAULTS, serves the CLI, the notebook and the evaluation.
 */
import { noveltyTest } from '../detect';
import { quantileSorted } from '../quantile';
import { bocpd, type BocpdOptions } from './bocpd';
import { seasonalBaseline, type SeasonalOptions } from './seasonal';

export interface AlertSettings {
	/** |z| of a residual that flags a point. */
	z: number;
	/** Novelty rank and look-back (points), as in detect.ts, applied to residuals. */
	noveltyRank: number;
	noveltyWindow: number;
	/** Smallest σ as a share of the expected level (idle metrics have a residual scale of 0). */
	relFloor: number;
	/** Flagged points at most this many apart form one window. */
	mergeGap: number;
	/** Points after an alert during which a new window raises no new alert. */
	cooldown: number;
	/** A level shift must move the series by this many robust σ. */
	shiftZ: number;
	seasonal: SeasonalOptions;
	bocpd: BocpdOptions;
}

export const ALERT_DEFAULTS: AlertSettings = {
	z: 5,
	noveltyRank: 2,
	noveltyWindow: 576,
	relFloor: 0.05,
	mergeGap: 12,
	cooldown: 288,
	shiftZ: 4,
	seasonal: {},
	bocpd: {}
};

export type AlertKind = 'spike' | 'dip' | 'level';

export interface Alert {
	/** Index and time of the onset. */
	index: number;
	t: number;
	kind: AlertKind;
	/** Largest |z| of the window the alert opens. */
	score: number;
}

export interface AnomalyWindow {
	start: number;
	end: number;
	kind: AlertKind;
	score: number;
	/** Whether this window raised an alert (false inside another alert's cooldown). */
	alerted: boolean;
}

export interface AlertResult {
	alerts: Alert[];
	windows: AnomalyWindow[];
	/** Per point: expected value and |z| (NaN while the history is too short). */
	expected: Float64Array;
	z: Float64Array;
}

/** Median and robust σ of the finite values of `xs`. */
function robust(xs: Float64Array): { m: number; s: number } {
	const f = xs.filter(Number.isFinite).sort();
	const m = quantileSorted(f, 0.5);
	const dev = f.map((x) => Math.abs(x - m)).sort();
	return { m, s: 1.4826 * quantileSorted(dev, 0.5) };
}

/** Residual z-scores against the seasonal baseline. */
function residualZ(t: Float64Array, v: Float64Array, s: AlertSettings) {
	const base = seasonalBaseline(t, v, s.seasonal);
	const z = new Float64Array(v.length).fill(NaN);
	const resid = new Float64Array(v.length).fill(NaN);
	for (let i = 0; i < v.length; i++) {
		const e = base.expected[i];
		if (!Number.isFinite(v[i]) || !Number.isFinite(e) || !Number.isFinite(base.scale[i])) continue;
		const sigma = Math.max(base.scale[i], s.relFloor * Math.abs(e), 1e-9);
		resid[i] = v[i] - e;
		z[i] = resid[i] / sigma;
	}
	return { z, resid, expected: base.expected };
}

/** Onsets of level shifts: BOCPD on the robustly standardised series, gated by size. */
function levelShifts(v: Float64Array, z: Float64Array, s: AlertSettings): Map<number, number> {
	const { m, s: sd } = robust(v.subarray(0, Math.max(12, Math.floor(0.15 * v.length))));
	const scale = Math.max(sd, s.relFloor * Math.abs(m), 1e-9);
	const x = Float64Array.from(v, (y) => (y - m) / scale);
	const out = new Map<number, number>();
	for (const c of bocpd(x, s.bocpd)) {
		let peak = 0;
		for (let i = c.onset; i <= c.at; i++) if (Math.abs(z[i]) > Math.abs(peak)) peak = z[i];
		if (Math.abs(peak) >= s.shiftZ) out.set(c.onset, peak);
	}
	return out;
}

/** Alerts (onsets) and anomaly windows of one series; see the module comment. */
export function detectAlerts(
	t: Float64Array,
	v: Float64Array,
	settings: Partial<AlertSettings> = {}
): AlertResult {
	const s = { ...ALERT_DEFAULTS, ...settings };
	const { z, resid, expected } = residualZ(t, v, s);
	const isNew = noveltyTest(resid, z, {
		noveltyRank: s.noveltyRank,
		noveltyWindow: s.noveltyWindow
	});
	const shifts = levelShifts(v, z, s);
	const windows: AnomalyWindow[] = [];
	const alerts: Alert[] = [];
	let cur: AnomalyWindow | undefined;
	let lastAlert = -Infinity;
	for (let i = 0; i < v.length; i++) {
		const spike = Math.abs(z[i]) >= s.z && isNew(i);
		const shift = shifts.get(i);
		if (!spike && shift === undefined) continue;
		const score = Math.abs(spike ? z[i] : (shift ?? 0));
		if (cur && i - cur.end <= s.mergeGap) {
			cur.end = i;
			cur.score = Math.max(cur.score, score);
			continue;
		}
		const kind: AlertKind = shift !== undefined && !spike ? 'level' : z[i] > 0 ? 'spike' : 'dip';
		const alerted = i - lastAlert > s.cooldown;
		cur = { start: i, end: i, kind, score, alerted };
		windows.push(cur);
		if (alerted) {
			lastAlert = i;
			alerts.push({ index: i, t: t[i], kind, score });
		}
	}
	for (const a of alerts) a.score = windows.find((w) => w.start === a.index)?.score ?? a.score;
	return { alerts, windows, expected, z };
}
