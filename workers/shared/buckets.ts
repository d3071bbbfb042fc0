/**
 * Time buckets for series derived from events (log lines, spans). Events are only counted where
 * the source was actually recording: a bucket in which no event of any kind arrived is a gap,
 * not a zero, because logs and traces are often kept only around incidents.
 */

/** Bucket widths we use, ms: round numbers a chart axis can show. */
const STEPS = [1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 300_000, 900_000, 3_600_000];

/**
 * The width giving about `target` buckets over the covered time, so a reference period of a few
 * minutes still yields enough points for a robust spread, and a day of logs not too many.
 */
export function chooseStep(coveredMs: number, target = 12): number {
	const want = coveredMs / target;
	for (const s of STEPS) if (s >= want) return s;
	return STEPS[STEPS.length - 1];
}

/** Covered duration: the sum of the lengths of buckets (of width `fine`) that saw any event. */
export function coveredDuration(times: ArrayLike<number>, fine = 1_000): number {
	const seen = new Set<number>();
	for (let i = 0; i < times.length; i++) seen.add(Math.floor(times[i] / fine));
	return seen.size * fine;
}

/** Sorted start times of the buckets that saw at least one event. */
export function activeBuckets(times: ArrayLike<number>, step: number): Float64Array {
	const seen = new Set<number>();
	for (let i = 0; i < times.length; i++) seen.add(Math.floor(times[i] / step) * step);
	return Float64Array.from(seen).sort();
}
