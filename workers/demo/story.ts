/**
 * The demo incident's timeline and its noiseless "physics". A coolant leak in rack B4 heats the
 * host; the CPU throttles; the database on that host holds row locks longer; the API's connection
 * pool backs up; the edge gateway's latency breaches the SLO. Every later stage is a low-pass
 * filtered function of the one before, which gives the chain its plausible lags.
 */

const MIN = 60_000;

/** Start of the covered period: 2026-03-14T00:00:00Z. */
export const T0 = Date.UTC(2026, 2, 14, 0, 0, 0);
/** Regular sampling step of the scraped metrics (15 s). */
export const STEP_MS = 15_000;
/** Points per regular series: 6 h at 15 s. */
export const POINTS = 1440;
/** End of the covered period (exclusive of the last sample's successor). */
export const T_END = T0 + POINTS * STEP_MS;

const at = (hh: number, mm: number): number => T0 + (hh * 60 + mm) * MIN;

/** Fixed moments of the story (epoch ms). The alert is derived from the data instead. */
export const TIMELINE = {
	/** Quiet reference period: the first three hours. */
	baselineStart: T0,
	baselineEnd: at(3, 0),
	/** Harmless config change: cache TTL raised (hit ratio improves slightly). */
	cacheConfig: at(2, 5),
	/** The red herring: api v2.14.1 rolls out, nothing changes. */
	deploy: at(3, 20),
	/** Ground truth: the leak starts and host-b4 begins to heat up. */
	leak: at(3, 48),
	/** First user-visible impact (manifest onset): throttling begins about here. */
	onset: at(4, 0),
	/** Data-centre staff find the leak, long after the pager went off. */
	physicalReport: at(4, 57),
	/** The coolant loop is isolated and portable cooling installed; the host recovers. */
	mitigation: at(5, 35)
} as const;

/** Noiseless latent signals on the regular grid, one value per step. */
export interface StoryState {
	/** Sample times, epoch ms. */
	t: Float64Array;
	/** Relative traffic level following the diurnal curve (0.7 at the 03:30 night trough). */
	traffic: Float64Array;
	/** CPU package temperature of host-b4, °C. */
	temp: Float64Array;
	/** 0..1 share of the clock the CPU has given up to throttling. */
	throttle: Float64Array;
	/** 0..1 database lock pressure (lags throttle). */
	lockPressure: Float64Array;
	/** 0..1 connection-pool pressure at the API (lags lockPressure). */
	poolPressure: Float64Array;
	/** 0..1 effect of the cache TTL change (steps up after the config event). */
	cacheBoost: Float64Array;
}

/** First-order low-pass with time constant `tauMin` minutes on the regular grid. */
function lowPass(x: Float64Array, tauMin: number): Float64Array {
	const alpha = 1 - Math.exp(-STEP_MS / (tauMin * MIN));
	const y = new Float64Array(x.length);
	let acc = x[0];
	for (let i = 0; i < x.length; i++) {
		acc += alpha * (x[i] - acc);
		y[i] = acc;
	}
	return y;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Temperature above the idle level caused by the leak, decaying after mitigation. */
function leakHeat(t: number): number {
	if (t < TIMELINE.leak) return 0;
	const rise = 38 * (1 - Math.exp(-(t - TIMELINE.leak) / (14 * MIN)));
	if (t < TIMELINE.mitigation) return rise;
	return rise * Math.exp(-(t - TIMELINE.mitigation) / (18 * MIN));
}

/** Relative traffic: night-time trough around 03:30 UTC, rising again towards the morning. */
export function trafficAt(t: number): number {
	const minutes = (t - T0) / MIN;
	return 0.7 + 0.3 * (1 - Math.cos((2 * Math.PI * (minutes - 210)) / 1440));
}

/** Noiseless CPU package temperature of host-b4 at any time (sensors sample it irregularly). */
export function tempAt(t: number): number {
	return 57 + 3 * trafficAt(t) + leakHeat(t);
}

export function buildStory(): StoryState {
	const n = POINTS;
	const t = new Float64Array(n);
	const traffic = new Float64Array(n);
	const temp = new Float64Array(n);
	const throttle = new Float64Array(n);
	const cacheStep = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const ti = T0 + i * STEP_MS;
		t[i] = ti;
		traffic[i] = trafficAt(ti);
		temp[i] = tempAt(ti);
		// Throttling starts at 84 °C and is complete (half clock) at 93 °C.
		throttle[i] = clamp01((temp[i] - 84) / 9);
		cacheStep[i] = ti >= TIMELINE.cacheConfig ? 1 : 0;
	}
	const lockPressure = lowPass(throttle, 5);
	const poolPressure = lowPass(lockPressure, 4);
	const cacheBoost = lowPass(cacheStep, 8);
	return { t, traffic, temp, throttle, lockPressure, poolPressure, cacheBoost };
}

export const ISO = (t: number): string => new Date(t).toISOString();
