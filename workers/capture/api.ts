/**
 * Contract of the capture worker (types only; the page imports it with `import type`). A capture
 * pulls one time window from Prometheus (PromQL) and Loki (LogQL) into a bundle zip. The same
 * modules run in `aitia capture` (Node) and in the browser worker, so both cut, retry and describe
 * a capture the same way.
 */

import type { Manifest } from '../bundle/types';

/** Which store a query goes to. */
export type CaptureSource = 'prometheus' | 'loki';

/** Who runs the capture: decides the hints in error messages (environment variables vs the panel). */
export type CaptureContext = 'cli' | 'browser';

/** Settings of one server's requests. */
export interface HttpOptions {
	/** Per-attempt timeout, ms (covers the body too). */
	timeoutMs: number;
	/** Attempts after the first one. */
	retries: number;
	/** First backoff, ms; doubled after each retry (a Retry-After header wins). */
	backoffMs: number;
	/** Authorization header value, if any. Never logged or written into the bundle. */
	authorization?: string;
	/** Where the request runs, for the hints of 401 and unreachable-server messages. */
	context: CaptureContext;
}

/** The queries of a capture against one server. */
export interface ServerPlan {
	source: CaptureSource;
	/** Base URL of the server (`http://prometheus:9090`, `http://loki:3100`). */
	base: string;
	queries: string[];
	http: HttpOptions;
}

/** Window and limits shared by every query. */
export interface CaptureLimits {
	/** Window start, epoch ms. */
	from: number;
	/** Window end, epoch ms. */
	to: number;
	/** Prometheus step, seconds. */
	step: number;
	/** Series kept per PromQL query; the rest are cut (and the manifest says so). */
	maxSeries: number;
	/** Log lines kept per LogQL query over all its pages (the line budget). */
	maxLines: number;
	/** Lines asked for per Loki call (`limit`); Loki refuses more than its max_entries_limit_per_query (5000 by default). */
	pageLines: number;
}

/** One query's outcome. */
export interface QueryOutcome {
	source: CaptureSource;
	query: string;
	/** The API response (series / streams cut to the limits, Loki pages merged), when it succeeded. */
	response?: Record<string, unknown>;
	/** Series (or streams) kept. */
	series: number;
	/** Samples (or log lines) kept. */
	points: number;
	/** Calls made (Loki pages; 1 for Prometheus). */
	pages: number;
	/** What was cut, in words ("kept 500 of 812 series"). */
	cuts: string[];
	/** Why it failed. */
	error?: string;
	/** Wall time, ms. */
	ms: number;
}

/** Progress of a running capture: one entry per query, in plan order. */
export interface CaptureProgress {
	queries: QueryStatus[];
	/** 'collecting' while queries run, then 'bundling' while the zip is assembled. */
	phase: 'collecting' | 'bundling';
}

/** One query as the progress shows it. */
export interface QueryStatus {
	source: CaptureSource;
	query: string;
	state: 'waiting' | 'running' | 'done' | 'failed';
	/** Series/streams and samples/lines so far. */
	series: number;
	points: number;
	pages: number;
	error?: string;
	cuts: string[];
}

/** Everything the browser panel sends to the worker (plain data: it is structured-cloned). */
export interface CaptureRequest {
	plans: ServerPlan[];
	limits: CaptureLimits;
	/** Incident id and title; proposed from the window when absent. */
	id?: string;
	title?: string;
}

/** The bundle, or why there is none; `outcomes` always says what each query did. */
export type CaptureResult =
	| {
			ok: true;
			zip: Uint8Array;
			/** The manifest in the zip, as parsed (times in epoch ms), for the review form. */
			manifest: Manifest;
			outcomes: QueryOutcome[];
			description: string;
	  }
	| { ok: false; cancelled: boolean; outcomes: QueryOutcome[]; errors: string[] };

export interface CaptureWorkerApi {
	/** Runs a capture; `cancel(jobId)` stops it (nothing is returned but `cancelled`). */
	capture(
		req: CaptureRequest,
		jobId: string,
		onProgress?: (p: CaptureProgress) => void
	): Promise<CaptureResult>;
	cancel(jobId: string): Promise<boolean>;
	/**
	 * The zip with its manifest.json changed by `patch` (the analyst's review before storing):
	 * keys in `patch` replace the captured manifest's, a key set to undefined is removed, and the
	 * rest (the description saying which queries produced the data) is kept.
	 */
	reviseManifest(zip: Uint8Array, patch: Record<string, unknown>): Promise<Uint8Array>;
}
