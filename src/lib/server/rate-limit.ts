/** Per-client token bucket for the LLM proxy (in memory: one server process, a few users). */

export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		/** Requests allowed per minute, sustained. */
		private readonly perMinute: number,
		/** Requests allowed at once before the rate applies. */
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {}

	/** Takes one request for `key`: 0 if allowed, else milliseconds until the next is. */
	take(key: string): number {
		const t = this.now();
		const rate = this.perMinute / 60_000;
		const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
		b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * rate);
		b.at = t;
		this.buckets.set(key, b);
		// Forget idle clients so the map cannot grow without bound.
		if (this.buckets.size > 10_000) this.buckets.clear();
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return 0;
		}
		return Math.ceil((1 - b.tokens) / rate);
	}
}
