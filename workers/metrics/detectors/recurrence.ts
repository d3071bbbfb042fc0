/**
 * The recurrence test: an excursion that the series also made at the same time of day (or of the
 * week) one cycle earlier is the series' routine — a nightly backup, a cron burst, the evening
 * peak — not news, however far it is from the trailing level. On the NAB AWS files most false
 * alerts of the robust z-score are such daily repeats (docs/metrics.md). Causal: only the past
 * cycle is read.
 */
import { lowerBound } from '../quantile';
import { DAY_MS } from './seasonal';

export interface RecurrenceOptions {
	/** Cycles checked, ms; matching any one of them makes an excursion routine. */
	periods: readonly number[];
	/** Half-width of the "same time" slot as a share of the cycle, when `slotMs` is not set. */
	tolerance: number;
	/**
	 * Half-width of the slot in ms for every cycle, instead of `tolerance`: a scheduler's jitter
	 * does not grow with the cycle's length (a 02:00 job is at 02:00 ± minutes a week later too).
	 */
	slotMs?: number;
	/** The earlier excursion must reach this share of the current one, in the same direction. */
	share: number;
}

export const RECURRENCE_DEFAULTS: RecurrenceOptions = {
	periods: [DAY_MS, 7 * DAY_MS],
	tolerance: 1 / 48,
	slotMs: 3_600_000,
	share: 0.8
};

/**
 * Whether point i's deviation from `expected` (the level the detector judged it against) was
 * already reached one cycle earlier, within the slot's tolerance, on the same side.
 */
export function recursAt(
	t: Float64Array,
	v: Float64Array,
	i: number,
	expected: number,
	opts: RecurrenceOptions
): boolean {
	const dev = v[i] - expected;
	if (!Number.isFinite(dev) || dev === 0) return false;
	for (const period of opts.periods) {
		const tol = opts.slotMs ?? period * opts.tolerance;
		const from = lowerBound(t, t[i] - period - tol);
		for (let j = from; j < i && t[j] <= t[i] - period + tol; j++) {
			const d = v[j] - expected;
			if (Math.sign(d) === Math.sign(dev) && Math.abs(d) >= opts.share * Math.abs(dev)) return true;
		}
	}
	return false;
}
