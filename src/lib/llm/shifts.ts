/**
 * Which series moved, by how much and when: baseline mean/spread against the incident window, and
 * the first time a series left its baseline band for good. The earliest departures are the most
 * likely upstream causes, which is what the offline explanation and the prompt's timing rely on.
 */
import type { SeriesData } from '$workers/shared/outputs';
import type { TimeRange } from '$workers/bundle/types';

/** How one series changed between the baseline and the incident window. */
export interface SeriesShift {
	key: string;
	service: string;
	unit?: string;
	baselineMean: number;
	incidentMean: number;
	/** Extreme value in the incident window, in the direction of the change. */
	peak: number;
	/** (incidentMean - baselineMean) / baseline spread; capped at ±999. */
	z: number;
	direction: 'up' | 'down';
	/** First time (epoch ms) the series left its baseline band and stayed out; undefined = never. */
	departedAt?: number;
}

/** Points in a row outside the band before a departure counts (one noisy point is not a shift). */
const SUSTAIN = 4;
/** Band half-width in baseline standard deviations. */
const BAND_SD = 4;
/** Minimum |z| of the window means for a series to count as moved. */
const MIN_Z = 3;

function meanSd(v: ArrayLike<number>, from: number, to: number): { mean: number; sd: number } {
	let n = 0;
	let sum = 0;
	let sq = 0;
	for (let i = from; i < to; i++) {
		const x = v[i];
		if (Number.isNaN(x)) continue;
		n++;
		sum += x;
		sq += x * x;
	}
	const mean = n ? sum / n : NaN;
	const variance = n > 1 ? Math.max(0, sq / n - mean * mean) : 0;
	return { mean, sd: Math.sqrt(variance) };
}

const indexAt = (t: Float64Array, at: number) => {
	let lo = 0;
	let hi = t.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (t[mid] < at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
};

function departure(s: SeriesData, from: number, mean: number, band: number): number | undefined {
	let run = 0;
	for (let i = from; i < s.t.length; i++) {
		const x = s.v[i];
		if (Number.isNaN(x)) continue;
		run = Math.abs(x - mean) > band ? run + 1 : 0;
		if (run === SUSTAIN) {
			// Then make sure it stays out: at least half of the rest is outside the band.
			let out = 0;
			let all = 0;
			for (let j = i; j < s.t.length; j++) {
				if (Number.isNaN(s.v[j])) continue;
				all++;
				if (Math.abs(s.v[j] - mean) > band) out++;
			}
			if (out * 2 >= all) return s.t[i - SUSTAIN + 1];
			run = 0;
		}
	}
	return undefined;
}

function shiftOf(s: SeriesData, baseline: TimeRange | undefined, onset: number) {
	if (s.t.length < SUSTAIN * 2) return undefined;
	const bStart = baseline ? indexAt(s.t, baseline.start) : 0;
	const bEnd = baseline ? indexAt(s.t, baseline.end + 1) : Math.floor(s.t.length / 4);
	const iStart = indexAt(s.t, onset);
	const base = meanSd(s.v, bStart, bEnd);
	const inc = meanSd(s.v, iStart, s.t.length);
	if (Number.isNaN(base.mean) || Number.isNaN(inc.mean)) return undefined;
	// A flat baseline has sd 0: fall back to 1% of its level so z stays finite and meaningful.
	const spread = Math.max(base.sd, Math.abs(base.mean) * 0.01, 1e-9);
	const z = Math.max(-999, Math.min(999, (inc.mean - base.mean) / spread));
	if (Math.abs(z) < MIN_Z) return undefined;
	const up = z > 0;
	let peak = inc.mean;
	for (let i = iStart; i < s.t.length; i++) {
		const x = s.v[i];
		if (!Number.isNaN(x) && (up ? x > peak : x < peak)) peak = x;
	}
	const shift: SeriesShift = {
		key: s.key,
		service: s.service,
		unit: s.unit,
		baselineMean: base.mean,
		incidentMean: inc.mean,
		peak,
		z,
		direction: up ? 'up' : 'down',
		departedAt: departure(s, bEnd, base.mean, BAND_SD * spread)
	};
	return shift;
}

/** Series that moved, earliest departure first (never-departed ones last, by |z|). */
export function seriesShifts(
	series: SeriesData[],
	baseline: TimeRange | undefined,
	onset: number
): SeriesShift[] {
	const out: SeriesShift[] = [];
	for (const s of series) {
		const shift = shiftOf(s, baseline, onset);
		if (shift) out.push(shift);
	}
	const INF = Number.POSITIVE_INFINITY;
	return out.sort(
		(a, b) => (a.departedAt ?? INF) - (b.departedAt ?? INF) || Math.abs(b.z) - Math.abs(a.z)
	);
}
