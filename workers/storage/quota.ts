/**
 * Storage quota check before an import. Works in windows and workers alike: a worker has
 * `navigator.storage.estimate()` (WorkerNavigator) but not `persist()`, so only estimate is used.
 */

export interface QuotaCheck {
	/** True when the estimate says `needed` fits (or when the browser gives no estimate). */
	ok: boolean;
	/** Bytes used by this origin, null when unknown. */
	usage: number | null;
	/** Bytes this origin may use, null when unknown. */
	quota: number | null;
	/** Bytes asked for. */
	needed: number;
	/** Human sentence: needed vs free, in MB. */
	message: string;
}

/** The part of StorageManager used here, so tests can pass a stub. */
export interface StorageEstimator {
	estimate(): Promise<{ usage?: number; quota?: number }>;
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

function defaultStorage(): StorageEstimator | undefined {
	const nav = (globalThis as { navigator?: { storage?: Partial<StorageEstimator> } }).navigator;
	return typeof nav?.storage?.estimate === 'function'
		? (nav.storage as StorageEstimator)
		: undefined;
}

export async function checkQuota(
	neededBytes: number,
	storage: StorageEstimator | undefined = defaultStorage()
): Promise<QuotaCheck> {
	const needed = Math.max(0, neededBytes);
	let estimate: { usage?: number; quota?: number } | undefined;
	try {
		estimate = await storage?.estimate();
	} catch {
		estimate = undefined;
	}
	if (estimate?.quota === undefined) {
		return {
			ok: true,
			usage: estimate?.usage ?? null,
			quota: null,
			needed,
			message: `Needs about ${mb(needed)}; this browser does not report its storage quota.`
		};
	}
	const usage = estimate.usage ?? 0;
	const free = Math.max(0, estimate.quota - usage);
	const ok = needed <= free;
	const message = ok
		? `Needs about ${mb(needed)}; ${mb(free)} of ${mb(estimate.quota)} is free.`
		: `Not enough browser storage: needs about ${mb(needed)} but only ${mb(free)} is free ` +
			`(${mb(usage)} used of ${mb(estimate.quota)}). Delete incidents, or use “Clear cached outputs” in the library's storage panel, first.`;
	return { ok, usage, quota: estimate.quota, needed, message };
}
