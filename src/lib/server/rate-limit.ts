/** Rate limits for the LLM proxy (in memory: one server process, a few users). */

/** Clients tracked at most; past it the least recently seen one is forgotten, never everyone. */
export const MAX_TRACKED_CLIENTS = 10_000;

/** Per-client token bucket. */
export class RateLimiter {
	/** Map order is recency order: a client is re-inserted on every request. */
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		/** Requests allowed per minute, sustained. */
		private readonly perMinute: number,
		/** Requests allowed at once before the rate applies. */
		private readonly burst: number,
		private readonly now: () => number = Date.now,
		private readonly maxClients = MAX_TRACKED_CLIENTS
	) {}

	/** Takes one request for `key`: 0 if allowed, else milliseconds until the next is. */
	take(key: string): number {
		const t = this.now();
		const rate = this.perMinute / 60_000;
		const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
		b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * rate);
		b.at = t;
		this.buckets.delete(key);
		this.buckets.set(key, b);
		// Evict the least recently seen clients: clearing all would hand every abuser a fresh burst.
		while (this.buckets.size > this.maxClients) {
			this.buckets.delete(this.buckets.keys().next().value as string);
		}
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return 0;
		}
		return Math.ceil((1 - b.tokens) / rate);
	}

	/** Clients currently tracked (for tests). */
	get size(): number {
		return this.buckets.size;
	}
}

/**
 * Server-wide cap on model use, in estimated tokens per minute and per day (fixed windows), so
 * many addresses together cannot run up the provider bill. Requests are refused, not queued.
 */
export class TokenBudget {
	private minute = { start: 0, used: 0 };
	private day = { start: 0, used: 0 };

	constructor(
		private readonly perMinute: number,
		private readonly perDay: number,
		private readonly now: () => number = Date.now
	) {}

	/** Reserves `tokens`: 0 if allowed, else milliseconds until a window has room again. */
	take(tokens: number): number {
		const t = this.now();
		const m = Math.floor(t / 60_000) * 60_000;
		const d = Math.floor(t / 86_400_000) * 86_400_000;
		if (this.minute.start !== m) this.minute = { start: m, used: 0 };
		if (this.day.start !== d) this.day = { start: d, used: 0 };
		if (this.day.used + tokens > this.perDay) return d + 86_400_000 - t;
		if (this.minute.used + tokens > this.perMinute) return m + 60_000 - t;
		this.minute.used += tokens;
		this.day.used += tokens;
		return 0;
	}
}
