/**
 * A seeded NAB-style corpus with known anomalies, to check that the default detector does not
 * only fit the AWS folder. Each series is 14 days at 5 min (4 032 rows, as most NAB files) and
 * is labelled the way NAB labels: a window of int(0.10 · rows / anomalies) rows centred on each
 * anomaly's first row, none in the probationary 15 %. The shapes follow the held-out NAB folders
 * the issue names (none of them is local): daily (and weekly) cycles with noise (traffic, taxi
 * demand), spikes, level shifts up and down, slow drifts, a near-zero dip (the taxi blizzard), a
 * cycle that stops (artificialWithAnomaly's flat middle), bursty Poisson counts with routine
 * bursts (tweet volume), series with a nightly job and no anomaly at all (false alarms only), and
 * (added later, after those seven, so their series did not change) stretches of much larger
 * noise (machine temperature) and of denser spikes (artificial "increase spike density"), and
 * (fourth pass, appended so the others did not change) intermittent series at a floor of 0 with
 * routine bursts (disk writes), whose anomalies are a much larger or a much longer burst.
 * Magnitudes are drawn from wide ranges, so some anomalies are subtle; nothing here was tuned to
 * the detector.
 */
import { nabProbation, type RowWindow } from '../../../workers/metrics/nab-score';
import { mulberry32 } from '../../../workers/shared/rng';
import type { NabFile } from './data';

/** Rows of a series by default: 14 days at 5 min, as most NAB files. */
const ROWS = 4032;
const T0 = Date.UTC(2024, 0, 1);

type Rand = () => number;
const gauss = (u: Rand) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
const between = (u: Rand, a: number, b: number) => a + (b - a) * u();

/** Poisson draw (Knuth for small means, normal approximation above 50). */
function poisson(u: Rand, mean: number): number {
	if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(u)));
	const l = Math.exp(-mean);
	let k = 0;
	for (let p = u(); p > l; p *= u()) k++;
	return k;
}

/** The anomalies' first rows: `k` of them, spread out after the probation. */
function onsets(u: Rand, k: number, n: number): number[] {
	// 288 rows (a day at 5 min) after the probation and between anomalies: more than a window.
	const gap = 288;
	const lo = nabProbation(n) + gap;
	const span = Math.floor((n - gap - lo) / k);
	return Array.from({ length: k }, (_, j) => lo + j * span + Math.floor(u() * (span - gap)));
}

/** NAB's windows: int(0.10 · rows / anomalies) rows centred on each label, clipped to the file. */
function labelWindows(labels: number[], n: number): RowWindow[] {
	const half = Math.floor((0.1 * n) / labels.length / 2);
	return labels.map((l) => ({ start: Math.max(0, l - half), end: Math.min(n - 1, l + half) }));
}

/** A daily profile (smooth peak, optionally a weekend dip) around `level` with swing `amp`. */
function cycle(
	u: Rand,
	level: number,
	amp: number,
	weekly: boolean,
	day: number
): (i: number) => number {
	const phase = u() * 2 * Math.PI;
	return (i) => {
		const d = Math.sin((2 * Math.PI * i) / day + phase);
		const weekend = weekly && Math.floor(i / day) % 7 >= 5 ? 0.6 : 1;
		return weekend * (level + amp * d);
	};
}

type Shape = (u: Rand, at: number[], day: number, n: number) => Float64Array;

/** Base: cycle + Gaussian noise (σ a share of the swing); anomalies are applied on top. */
function seasonalBase(
	u: Rand,
	day: number,
	n: number
): { v: Float64Array; level: number; amp: number; sd: number } {
	const level = between(u, 50, 5000);
	const amp = level * between(u, 0.2, 0.8);
	const sd = amp * between(u, 0.05, 0.2);
	const f = cycle(u, level, amp, u() < 0.5, day);
	// Clipped at 0: the series the shapes stand for (counts, rates, utilisation) are never negative.
	const v = Float64Array.from({ length: n }, (_, i) => Math.max(0, f(i) + sd * gauss(u)));
	return { v, level, amp, sd };
}

const SHAPES: Record<string, Shape> = {
	spike(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		for (const a of at) {
			const len = 1 + Math.floor(u() * 6);
			const h = (u() < 0.5 ? 1 : -1) * b.amp * between(u, 0.8, 2.5);
			for (let i = a; i < a + len; i++) b.v[i] += h;
		}
		return b.v;
	},
	levelShift(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		for (const a of at) {
			const h = (u() < 0.5 ? 1 : -1) * b.amp * between(u, 0.4, 1.2);
			for (let i = a; i < n; i++) b.v[i] += h;
		}
		return b.v;
	},
	drift(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		for (const a of at) {
			const len = day * between(u, 0.3, 1);
			const h = b.amp * between(u, 0.8, 2);
			for (let i = a; i < n; i++) b.v[i] += h * Math.min(1, (i - a) / len);
		}
		return b.v;
	},
	nearZero(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		for (const a of at) {
			const len = Math.floor(between(u, 12, 72));
			for (let i = a; i < a + len; i++) b.v[i] = Math.abs(b.v[i]) * between(u, 0.02, 0.1);
		}
		return b.v;
	},
	flatMiddle(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		for (const a of at) {
			const len = Math.floor(between(u, 0.5, 1.5) * day);
			for (let i = a; i < a + len; i++) b.v[i] = b.level + b.sd * 0.2 * gauss(u);
		}
		return b.v;
	},
	tweets(u, at, day, n) {
		const rate = between(u, 3, 40);
		const f = cycle(u, rate, rate * between(u, 0.3, 0.7), false, day);
		const mean = Float64Array.from({ length: n }, (_, i) => f(i));
		// Routine bursts: a few a day, short, up to 3× the rate.
		for (let i = 0; i < n; i++) {
			if (u() < 3 / day) {
				const h = between(u, 1, 3);
				for (let j = i; j < Math.min(n, i + 3); j++) mean[j] *= h;
			}
		}
		for (const a of at) {
			const len = Math.floor(between(u, 6, 36));
			const h = between(u, 4, 12);
			for (let i = a; i < Math.min(n, a + len); i++) mean[i] *= h * (1 - (i - a) / (len + 1));
		}
		return Float64Array.from(mean, (m) => poisson(u, m));
	},
	nightlyJobOnly(u, _at, day, n) {
		const b = seasonalBase(u, day, n);
		const slot = Math.floor(u() * day);
		const h = b.amp * between(u, 1.5, 4);
		for (let d = 0; d < n / day; d++) {
			const s = d * day + slot + Math.floor(between(u, -2, 3));
			for (let i = s; i < Math.min(n, s + 4); i++) if (i >= 0) b.v[i] += h;
		}
		return b.v;
	},
	// Added after the first seven shapes (so their series are unchanged): departures made of many
	// moderate points rather than one extreme one, as NAB's machine-temperature and
	// artificial "increase spike density" files have.
	noisy(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		for (const a of at) {
			const len = Math.floor(between(u, 0.1, 0.3) * day);
			const k = between(u, 2.5, 5);
			for (let i = a; i < Math.min(n, a + len); i++) b.v[i] += (k - 1) * b.sd * gauss(u);
		}
		return b.v;
	},
	spikeDensity(u, at, day, n) {
		const b = seasonalBase(u, day, n);
		const h = b.amp * between(u, 1, 2);
		const dense = new Uint8Array(n);
		for (const a of at) dense.fill(1, a, Math.min(n, a + Math.floor(between(u, 0.2, 0.6) * day)));
		// Two spikes a day at random times; ten times as many inside an anomaly.
		for (let i = 0; i < n; i++)
			if (u() < (dense[i] ? 20 : 2) / day) b.v[i] += h * between(u, 0.7, 1);
		return b.v;
	},
	// Added in the fourth pass (after the nine above, so their series are unchanged): an
	// intermittent series — at its floor (0) most of the time, with short routine bursts at random
	// times (disk writes, batch traffic) — whose anomalies are a burst several times the routine
	// height or a burst that lasts hours instead of minutes. Designed before it was scored.
	intermittent(u, at, day, n) {
		const h = 10 ** between(u, 1, 8);
		const rate = between(u, 2, 12);
		const v = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			if (u() < rate / day) {
				const len = 1 + Math.floor(u() * 3);
				const x = h * between(u, 0.3, 1);
				for (let j = i; j < Math.min(n, i + len); j++) v[j] = x;
			}
		}
		for (const a of at) {
			const long = u() < 0.5;
			const len = long ? Math.floor(between(u, 12, 48)) : 1 + Math.floor(u() * 3);
			const x = h * (long ? between(u, 0.5, 1) : between(u, 2, 5));
			for (let i = a; i < Math.min(n, a + len); i++) v[i] = x;
		}
		return v;
	}
};

/**
 * `perShape` series of every shape, from one seed, sampled every `stepMinutes` (NAB's held-out
 * folders also hold 30-min and hourly series), `rows` long (some NAB files are 4–6 × longer than
 * the AWS ones: tweet volume, machine temperature). Anomaly-free shapes get no windows.
 */
export function syntheticNab(seed = 15, perShape = 4, stepMinutes = 5, rows = ROWS): NabFile[] {
	const out: NabFile[] = [];
	const day = (24 * 60) / stepMinutes;
	const t = Float64Array.from({ length: rows }, (_, i) => T0 + i * stepMinutes * 60_000);
	let k = 0;
	for (const [name, shape] of Object.entries(SHAPES)) {
		for (let j = 0; j < perShape; j++) {
			const u = mulberry32(seed * 1000 + k++);
			const at = name === 'nightlyJobOnly' ? [] : onsets(u, 1 + Math.floor(u() * 3), rows);
			const v = shape(u, at, day, rows);
			out.push({ name: `synthetic/${name}_${j}.csv`, t, v, windows: labelWindows(at, rows) });
		}
	}
	return out;
}

/**
 * The same files with every sample time moved by up to ± `share` of a step (uniform, seeded),
 * rows and labels unchanged: scrapes and exports do not land on a grid, and some NAB folders
 * (traffic, the rogue-agent files) are irregular.
 */
export function jitterTimes(files: NabFile[], share: number, seed = 1): NabFile[] {
	const u = mulberry32(seed);
	return files.map((f) => {
		const step = f.t[1] - f.t[0];
		const t = Float64Array.from(f.t, (x) => x + (2 * u() - 1) * share * step);
		// A jitter of half a step can swap neighbours; keep the times increasing, as a reader would.
		for (let i = 1; i < t.length; i++) if (t[i] <= t[i - 1]) t[i] = t[i - 1] + 1;
		return { ...f, t };
	});
}

/**
 * The same files with `gaps` stretches of 6–71 rows missing (seeded; a gap that would reach
 * within 12 rows of a label is skipped, so every anomaly stays in the data): scrape outages and
 * holes in exports, as NAB's traffic and rogue-agent files have. The labels move with their rows
 * and the windows are labelled again on the shorter file, as NAB would label it.
 */
export function dropRows(files: NabFile[], gaps = 10, seed = 1): NabFile[] {
	const u = mulberry32(seed);
	return files.map((f) => {
		const n = f.v.length;
		// Every window here is centred on its label and none is clipped (onsets keep a day clear).
		const labels = f.windows.map((w) => Math.floor((w.start + w.end) / 2));
		const gone = new Uint8Array(n);
		for (let g = 0; g < gaps; g++) {
			const a = Math.floor(u() * n);
			const b = Math.min(n, a + 6 + Math.floor(u() * 66));
			if (!labels.some((l) => l + 12 >= a && l - 12 < b)) gone.fill(1, a, b);
		}
		const kept: number[] = [];
		for (let i = 0; i < n; i++) if (!gone[i]) kept.push(i);
		const moved = labels.map((l) => kept.indexOf(l));
		return {
			name: f.name,
			t: Float64Array.from(kept, (i) => f.t[i]),
			v: Float64Array.from(kept, (i) => f.v[i]),
			windows: labelWindows(moved, kept.length)
		};
	});
}
