/**
 * Min/max decimation for line charts. Each bucket keeps its lowest and highest finite point and,
 * if it contains a gap, one NaN point, all in time order: spikes survive (unlike averaging or
 * striding) and gaps still break the line.
 */

export interface XY {
	t: Float64Array;
	v: Float64Array;
}

/** At most `maxPoints` points (maxPoints >= 3); input with fewer points is returned as is. */
export function decimateMinMax(t: Float64Array, v: Float64Array, maxPoints: number): XY {
	const n = Math.min(t.length, v.length);
	if (n <= maxPoints) return { t, v };
	// Up to three points per bucket: min, max and a gap marker.
	const buckets = Math.max(1, Math.floor(maxPoints / 3));
	const outT = new Float64Array(buckets * 3);
	const outV = new Float64Array(buckets * 3);
	let len = 0;
	for (let b = 0; b < buckets; b++) {
		const from = Math.floor((b * n) / buckets);
		const to = Math.floor(((b + 1) * n) / buckets);
		let lo = -1;
		let hi = -1;
		let gap = -1;
		for (let i = from; i < to; i++) {
			const x = v[i];
			if (Number.isNaN(x)) {
				if (gap < 0) gap = i;
			} else {
				if (lo < 0 || x < v[lo]) lo = i;
				if (hi < 0 || x > v[hi]) hi = i;
			}
		}
		const picks = [lo, hi, gap].filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
		picks.sort((a, b2) => a - b2);
		for (const i of picks) {
			outT[len] = t[i];
			outV[len] = v[i];
			len++;
		}
	}
	return { t: outT.slice(0, len), v: outV.slice(0, len) };
}
