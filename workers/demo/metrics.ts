/**
 * Turns the noiseless story into realistic metric series: noise, diurnal traffic, occasional
 * spikes, scrape gaps (NaN, written as empty cells) and an irregularly sampled host sensor.
 */
import { createRng, type Rng } from './rng';
import { buildStory, POINTS, STEP_MS, T0, tempAt, type StoryState } from './story';

/** One generated series plus how it is written. */
export interface DemoSeries {
	/** `${service}.${metric}`. */
	key: string;
	/** Service name (manifest.services). */
	service: string;
	/** Metric name. */
	metric: string;
	/** Unit ('ms', 'rpm', ...). */
	unit: string;
	/** Bundle-relative CSV file the series is written to. */
	file: string;
	/** Decimal places written. */
	decimals: number;
	/** Timestamps, epoch ms, increasing. */
	t: Float64Array;
	/** Values; NaN = gap (empty cell in wide files, omitted row in long files). */
	v: Float64Array;
}

export const GOLDEN_FILE = 'metrics/golden.csv';
export const BACKEND_FILE = 'metrics/backend.csv';
export const HOST_FILE = 'metrics/host-b4.csv';

const MIN = 60_000;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Multiplicative log-normal noise with mean 1. */
const jitter = (rng: Rng, sigma: number): number =>
	Math.exp(sigma * rng.gauss() - (sigma * sigma) / 2);

/** A few transient spikes (GC pauses, TLS storms): index -> extra amount, baseline hours only. */
function spikes(rng: Rng, count: number, lo: number, hi: number): Map<number, number> {
	const out = new Map<number, number>();
	const lastQuiet = (3 * 60 * MIN) / STEP_MS;
	for (let k = 0; k < count; k++) out.set(rng.int(10, lastQuiet), lo + rng.next() * (hi - lo));
	return out;
}

/** Blank a few random cells plus one contiguous scrape gap [from, to) given in minutes after T0. */
function punchGaps(rng: Rng, v: Float64Array, share: number, gap?: [number, number]): void {
	for (let i = 0; i < v.length; i++) if (rng.next() < share) v[i] = NaN;
	if (!gap) return;
	const from = (gap[0] * MIN) / STEP_MS;
	const to = (gap[1] * MIN) / STEP_MS;
	for (let i = from; i < to; i++) v[i] = NaN;
}

function regular(
	file: string,
	service: string,
	metric: string,
	unit: string,
	decimals: number,
	s: StoryState,
	f: (i: number) => number
): DemoSeries {
	const v = new Float64Array(POINTS);
	for (let i = 0; i < POINTS; i++) v[i] = f(i);
	return { key: `${service}.${metric}`, service, metric, unit, file, decimals, t: s.t, v };
}

/** The request path: db lock time drives pool wait drives api and edge latency. */
function requestPath(s: StoryState, rng: Rng): DemoSeries[] {
	const dbLock = s.lockPressure.map((p, i) => 40 * (0.9 + 0.1 * s.traffic[i]) + 2330 * p ** 1.6);
	const poolWait = s.poolPressure.map((p) => 4 + 1150 * p ** 1.25);
	const apiLat = dbLock.map(
		(d, i) => 55 * (0.9 + 0.15 * s.traffic[i]) + 0.1 * d + 0.55 * poolWait[i]
	);
	// The gateway sees the API through its own queue and retries, so it trails by a minute or two.
	const alpha = 1 - Math.exp(-STEP_MS / (2 * MIN));
	const edgeLat = new Float64Array(POINTS);
	for (let i = 0, acc = apiLat[0]; i < POINTS; i++) edgeLat[i] = acc += alpha * (apiLat[i] - acc);
	const apiSpikes = spikes(rng, 9, 80, 260);
	const edgeSpikes = spikes(rng, 6, 150, 380);
	const lockSpikes = spikes(rng, 5, 90, 260);
	const err = (base: number, k: number, i: number): number =>
		Math.max(0, (base + k * s.poolPressure[i] ** 2) * jitter(rng, 0.3));
	const edgeRpm = (i: number): number =>
		Math.round(5200 * s.traffic[i] * (1 - 0.06 * s.poolPressure[i]) * jitter(rng, 0.035));
	const rpm = regular(GOLDEN_FILE, 'edge', 'throughput_rpm', 'rpm', 0, s, edgeRpm);
	const g = (metric: string, unit: string, d: number, f: (i: number) => number, svc = 'api') =>
		regular(GOLDEN_FILE, svc, metric, unit, d, s, f);
	const out = [
		g(
			'latency_ms',
			'ms',
			1,
			(i) => 30 + edgeLat[i] * jitter(rng, 0.06) + (edgeSpikes.get(i) ?? 0),
			'edge'
		),
		rpm,
		g('error_rate', 'ratio', 4, (i) => err(0.0015, 0.055, i), 'edge'),
		g('latency_ms', 'ms', 1, (i) => apiLat[i] * jitter(rng, 0.07) + (apiSpikes.get(i) ?? 0)),
		g('throughput_rpm', 'rpm', 0, (i) => Math.round(rpm.v[i] * 0.82 * jitter(rng, 0.02))),
		g('error_rate', 'ratio', 4, (i) => err(0.001, 0.045, i)),
		g(
			'pool_wait_ms',
			'ms',
			1,
			(i) => poolWait[i] * jitter(rng, 0.04 + 0.08 * (1 - s.poolPressure[i]))
		)
	];
	const backend = [
		regular(BACKEND_FILE, 'db', 'db_lock_ms', 'ms', 1, s, (i) => {
			const sigma = 0.04 + 0.1 * (1 - s.lockPressure[i]);
			return dbLock[i] * jitter(rng, sigma) + (lockSpikes.get(i) ?? 0);
		}),
		regular(BACKEND_FILE, 'db', 'cpu_util', '%', 1, s, (i) =>
			clamp(28 + 12 * s.traffic[i] + 55 * s.throttle[i] + 2 * rng.gauss(), 0, 100)
		),
		regular(BACKEND_FILE, 'db', 'connections', 'count', 0, s, (i) =>
			Math.round(clamp(38 + 10 * s.traffic[i] + 160 * s.poolPressure[i] + 3 * rng.gauss(), 0, 200))
		),
		regular(BACKEND_FILE, 'cache', 'hit_ratio', 'ratio', 4, s, (i) =>
			clamp(0.905 + 0.025 * s.cacheBoost[i] + 0.006 * rng.gauss(), 0, 1)
		)
	];
	return [...out, ...backend];
}

/** Host sensors: a regular clock reading, and BMC sensors polled every ~60 s with jitter. */
function hostSensors(s: StoryState, rng: Rng): DemoSeries[] {
	const clock = regular(HOST_FILE, 'host-b4', 'cpu_clock_ghz', 'GHz', 1, s, (i) => {
		// Frequencies come in 100 MHz P-state steps; idle cores turbo now and then.
		if (s.throttle[i] === 0) return rng.next() < 0.06 ? 3.4 : 3.2;
		return Math.round((3.2 - 1.6 * s.throttle[i] + 0.05 * rng.gauss()) * 10) / 10;
	});
	const t: number[] = [];
	const temp: number[] = [];
	const fan: number[] = [];
	// The BMC restarted around 01:12 and missed a few polls.
	const dropFrom = T0 + 72 * MIN;
	const dropTo = T0 + 78 * MIN;
	for (let ti = T0 + 7_311; ti < T0 + POINTS * STEP_MS; ti += 60_000 + rng.int(-8_000, 8_000)) {
		if (ti >= dropFrom && ti < dropTo) continue;
		const c = tempAt(ti) + 0.5 * rng.gauss();
		t.push(ti);
		temp.push(c);
		fan.push(Math.round(4200 + 5600 * clamp((c - 65) / 25, 0, 1) + 60 * rng.gauss()));
	}
	const tt = Float64Array.from(t);
	const sensor = (metric: string, unit: string, decimals: number, v: number[]): DemoSeries => ({
		key: `host-b4.${metric}`,
		service: 'host-b4',
		metric,
		unit,
		file: HOST_FILE,
		decimals,
		t: tt,
		v: Float64Array.from(v)
	});
	return [sensor('cpu_temp_c', '°C', 1, temp), clock, sensor('fan_rpm', 'rpm', 0, fan)];
}

/** All demo series, gaps included, in the order they are written. */
export function generateSeries(seed: number): { story: StoryState; series: DemoSeries[] } {
	const story = buildStory();
	const rng = createRng(seed, 'metrics');
	const series = [...requestPath(story, rng), ...hostSensors(story, rng)];
	const gaps = createRng(seed, 'gaps');
	for (const s of series) {
		if (s.file === HOST_FILE) continue;
		// The API exporter missed a 2-minute scrape at 02:31, the db exporter timed out at 04:41.
		const gap: [number, number] | undefined =
			s.service === 'api' ? [151, 153] : s.service === 'db' ? [281, 282] : undefined;
		punchGaps(gaps, s.v, 0.002, gap);
	}
	return { story, series };
}
