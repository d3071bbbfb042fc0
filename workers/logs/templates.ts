/**
 * Per-template statistics on top of the Drain miner: count, first/last seen, counts per level and
 * per time bucket (so a burst during the incident is visible), and the burst factor of a window
 * against a baseline window.
 */
import type { LogLevel, TimeRange } from '../bundle/types';
import { DrainMiner, templateText, type DrainOptions } from './drain';

/** Statistics of one template (after folding merged templates into their survivor). */
export interface TemplateStat {
	/** Stable template id ('T12'). */
	id: string;
	/** Template text with `<*>` for variables. */
	template: string;
	/** Lines of this template. */
	count: number;
	/** Earliest timestamp (epoch ms); NaN when no line had one. */
	firstSeen: number;
	/** Latest timestamp (epoch ms); NaN when no line had one. */
	lastSeen: number;
	/** Lines per level. */
	byLevel: Partial<Record<LogLevel, number>>;
	/** Lines per time bucket: bucket index (floor((t - origin) / bucketMs)) → count. */
	buckets: Map<number, number>;
}

/** Options of a TemplateIndex. */
export interface TemplateIndexOptions {
	/** Width of a time bucket in ms. */
	bucketMs: number;
	/** Bucket 0 starts here (epoch ms). */
	origin: number;
	/** Miner settings (defaults: DEFAULT_DRAIN). */
	drain?: Partial<DrainOptions>;
}

interface RawStat {
	count: number;
	first: number;
	last: number;
	byLevel: Partial<Record<LogLevel, number>>;
	buckets: Map<number, number>;
}

/** Lines are mined one at a time; statistics are folded when asked for. */
export class TemplateIndex {
	readonly miner: DrainMiner;
	private readonly raw: RawStat[] = [];
	readonly bucketMs: number;
	readonly origin: number;
	/** Lines added. */
	lines = 0;

	constructor(options: Partial<TemplateIndexOptions> = {}) {
		this.miner = new DrainMiner(options.drain);
		this.bucketMs = options.bucketMs ?? 60_000;
		this.origin = options.origin ?? 0;
	}

	/** Mines one line; `t` may be NaN (no timestamp). Returns the raw cluster index (see resolve). */
	add(message: string, t = NaN, level?: LogLevel): number {
		const index = this.miner.add(message);
		let s = this.raw[index];
		if (!s) {
			s = { count: 0, first: NaN, last: NaN, byLevel: {}, buckets: new Map() };
			this.raw[index] = s;
		}
		s.count++;
		this.lines++;
		if (level) s.byLevel[level] = (s.byLevel[level] ?? 0) + 1;
		if (Number.isFinite(t)) {
			if (!(t >= s.first)) s.first = t;
			if (!(t <= s.last)) s.last = t;
			const b = Math.floor((t - this.origin) / this.bucketMs);
			s.buckets.set(b, (s.buckets.get(b) ?? 0) + 1);
		}
		return index;
	}

	/** The live template index of a raw index returned by `add`. */
	resolve(index: number): number {
		return this.miner.resolve(index);
	}

	/** Statistics of every live template, most frequent first. */
	stats(): TemplateStat[] {
		const live = new Map<number, TemplateStat>();
		const clusters = this.miner.clusters;
		for (let i = 0; i < this.raw.length; i++) {
			const r = this.raw[i];
			if (!r) continue;
			const root = this.miner.resolve(i);
			let s = live.get(root);
			if (!s) {
				const c = clusters[root];
				s = {
					id: c.id,
					template: templateText(c),
					count: 0,
					firstSeen: NaN,
					lastSeen: NaN,
					byLevel: {},
					buckets: new Map()
				};
				live.set(root, s);
			}
			foldInto(s, r);
		}
		return [...live.values()].sort((a, b) => b.count - a.count || idOrder(a.id, b.id));
	}

	/** Lines of a template within a window, from its buckets (bucket starts inside the window). */
	countIn(stat: TemplateStat, range: TimeRange): number {
		let n = 0;
		for (const [b, c] of stat.buckets) {
			const start = this.origin + b * this.bucketMs;
			if (start >= range.start && start <= range.end) n += c;
		}
		return n;
	}

	/**
	 * How much more often a template occurs per unit time in `incident` than in `baseline`.
	 * Half a line is added to both counts so a template unseen in the baseline gets a large but
	 * finite factor, and one unseen in both gets about 1 scaled by the window lengths.
	 */
	burstFactor(stat: TemplateStat, baseline: TimeRange, incident: TimeRange): number {
		const span = (r: TimeRange) => Math.max(this.bucketMs, r.end - r.start + 1);
		const inc = (this.countIn(stat, incident) + 0.5) / span(incident);
		const base = (this.countIn(stat, baseline) + 0.5) / span(baseline);
		return inc / base;
	}
}

function foldInto(s: TemplateStat, r: RawStat): void {
	s.count += r.count;
	if (!(r.first >= s.firstSeen)) s.firstSeen = Number.isNaN(r.first) ? s.firstSeen : r.first;
	if (!(r.last <= s.lastSeen)) s.lastSeen = Number.isNaN(r.last) ? s.lastSeen : r.last;
	for (const [k, v] of Object.entries(r.byLevel) as [LogLevel, number][]) {
		s.byLevel[k] = (s.byLevel[k] ?? 0) + v;
	}
	for (const [b, c] of r.buckets) s.buckets.set(b, (s.buckets.get(b) ?? 0) + c);
}

const idOrder = (a: string, b: string): number => Number(a.slice(1)) - Number(b.slice(1));
