/**
 * The novelty test — is a value beyond the `rank`-th most extreme, on its side, of the values
 * before it? — over a look-back that may grow with the history and may leave points out.
 *
 * - Growing look-back: a fixed window of w points sets a new "record" about rank / w of the time
 *   on a stationary series, so a file 4 × longer raises 4 × the false alerts, while its labelled
 *   anomalies do not multiply. With the look-back a share g of the history, the expected number
 *   of records of n exchangeable values grows like (rank / g) · ln n instead (the record counts
 *   of Rényi 1962; Glick, "Breaking records and breaking boards", Amer. Math. Monthly 85, 1978).
 * - Each excursion once: the rank counts occasions ("a level reached twice recently is normal"),
 *   but an incident that lasts six points reaches its level six times, and the next incident of
 *   its size, a day later, was "seen before" — by one earlier incident. The detector leaves every
 *   point of an exceedance run out of the look-back but its peak (`allButPeaks`), so two earlier
 *   excursions, not two earlier points, make a level routine.
 * - Each cycle after its warm-up (`noveltyByCycle`): a point a daily or weekly model scores is
 *   not compared with the residuals a shorter model left before that cycle was learned.
 *
 * The k largest values of any index range come from a segment tree whose nodes keep their own k
 * largest (k is the rank: 1–3), O(n · k) to build and O(k · log n) per query, so a look-back of
 * any length costs the same.
 */

/** The `k` largest finite values of every node's range, each node's list sorted descending. */
class TopK {
	private readonly size: number;
	private readonly top: Float64Array;

	constructor(
		x: Float64Array,
		private readonly k: number
	) {
		let size = 1;
		while (size < x.length) size <<= 1;
		this.size = size;
		this.top = new Float64Array(2 * size * k).fill(-Infinity);
		for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) this.top[(size + i) * k] = x[i];
		for (let node = size - 1; node >= 1; node--) this.merge(node, 2 * node, 2 * node + 1);
	}

	private merge(into: number, a: number, b: number): void {
		const { k, top } = this;
		let i = a * k;
		let j = b * k;
		for (let o = into * k; o < (into + 1) * k; o++)
			top[o] = top[i] >= top[j] && i < (a + 1) * k ? top[i++] : top[j++];
	}

	/** The k-th largest finite value of x[lo, hi); NaN when the range holds fewer than k. */
	kth(lo: number, hi: number): number {
		const { k, top, size } = this;
		const best = new Float64Array(k).fill(-Infinity);
		const add = (node: number) => {
			for (let o = node * k; o < (node + 1) * k && top[o] > best[k - 1]; o++) {
				let p = k - 1;
				while (p > 0 && best[p - 1] < top[o]) {
					best[p] = best[p - 1];
					p--;
				}
				best[p] = top[o];
			}
		};
		for (let l = lo + size, r = hi + size; l < r; l >>= 1, r >>= 1) {
			if (l & 1) add(l++);
			if (r & 1) add(--r);
		}
		return best[k - 1] === -Infinity ? NaN : best[k - 1];
	}
}

export interface NoveltyOptions {
	/** The value must beat the `rank`-th most extreme earlier value on its side; 0 = always new. */
	rank: number;
	/** Points looked back at least. */
	window: number;
	/** The look-back grows to this share of the points before i when that is longer. 0 = fixed. */
	growth?: number;
	/** Points left out of every look-back (1 = out). */
	leftOut?: Uint8Array;
}

/**
 * `isNew(i, before = i)`: v[i] is beyond the `rank`-th most extreme value, on z[i]'s side, of the
 * points in its look-back (i − max(window, growth · i) … before − 1) that are not left out. With
 * fewer than `rank` such values, anything is new. NaN values never count. `before` < i ends the
 * look-back earlier: the detector ends it where the point's own excursion began, whose peak is
 * not known yet (a streaming detector only knows an excursion's peak once it has ended).
 */
export function novelty(
	v: Float64Array,
	z: Float64Array,
	opts: NoveltyOptions
): (i: number, before?: number) => boolean {
	const { rank, window } = opts;
	if (rank === 0) return () => true;
	const out = opts.leftOut;
	const kept = out ? v.map((x, i) => (out[i] ? NaN : x)) : v;
	const hi = new TopK(kept, rank);
	const lo = new TopK(
		kept.map((x) => -x),
		rank
	);
	const growth = opts.growth ?? 0;
	return (i, before = i) => {
		const from = Math.max(0, i - Math.max(window, Math.floor(growth * i)));
		if (from >= before) return true;
		const up = z[i] > 0;
		const ref = (up ? hi : lo).kth(from, before);
		return Number.isNaN(ref) || (up ? v[i] : -v[i]) > ref;
	};
}

/**
 * `novelty`, where a point a cycle model scores (`period[i]` > 0, seasonal.ts) does not look back
 * past the first point that cycle scored. Before it, a shorter model scored the series (the level
 * model before the daily cycle, the daily before the weekly), and its residuals carry the swing
 * the cycle explains: at hourly sampling, where 576 points are 24 days, they stayed in the
 * look-back for weeks and nothing smaller than the swing was new. Points the level model scores
 * keep the whole look-back. Causal: the first point of a cycle precedes every point it scores.
 */
export function noveltyByCycle(
	v: Float64Array,
	z: Float64Array,
	period: Float64Array,
	opts: NoveltyOptions
): (i: number, before?: number) => boolean {
	const all = novelty(v, z, opts);
	const byCycle = new Map<number, ReturnType<typeof novelty>>();
	for (let i = 0; i < period.length; i++) {
		const p = period[i];
		if (p > 0 && !byCycle.has(p)) {
			const leftOut = opts.leftOut ? Uint8Array.from(opts.leftOut) : new Uint8Array(v.length);
			byCycle.set(p, novelty(v, z, { ...opts, leftOut: leftOut.fill(1, 0, i) }));
		}
	}
	return (i, before) => (byCycle.get(period[i]) ?? all)(i, before);
}

/** A left-out mask: every point of each [first, end) run except its largest |v|. */
export function allButPeaks(v: Float64Array, runs: [number, number][]): Uint8Array {
	const out = new Uint8Array(v.length);
	for (const [i, j] of runs) {
		out.fill(1, i, j);
		let peak = i;
		for (let k = i; k < j; k++) if (Math.abs(v[k]) > Math.abs(v[peak])) peak = k;
		out[peak] = 0;
	}
	return out;
}
