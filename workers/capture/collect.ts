/**
 * Runs the queries of a capture, one after the other (a friendly load on the server), and keeps
 * per query what came back, what was cut and what failed. Failures do not stop the others; a
 * cancel stops everything (CancelledError).
 */
import { isCancelled, type CancelSignal } from '../shared/cancel';
import type { CaptureLimits, QueryOutcome, QueryStatus, ServerPlan } from './api';
import { getJson } from './http';
import { fetchLokiPages } from './loki';
import { prometheusUrl } from './plan';

/** Hooks of a running collection. */
export interface CollectHooks {
	signal: CancelSignal;
	/** Every query's status, after each change (start, Loki page, finish). */
	onProgress?: (queries: QueryStatus[]) => void;
	/** A query has finished (done or failed): `i` of `n`, from 1. */
	onOutcome?: (o: QueryOutcome, i: number, n: number) => void;
}

/** Runs every query of every plan. */
export async function collect(
	plans: ServerPlan[],
	lim: CaptureLimits,
	hooks: CollectHooks
): Promise<QueryOutcome[]> {
	const jobs = plans.flatMap((plan) => plan.queries.map((query) => ({ plan, query })));
	const statuses: QueryStatus[] = jobs.map(({ plan, query }) => ({
		source: plan.source,
		query,
		state: 'waiting',
		series: 0,
		points: 0,
		pages: 0,
		cuts: []
	}));
	const outcomes: QueryOutcome[] = [];
	const report = () => hooks.onProgress?.(statuses.map((s) => ({ ...s, cuts: [...s.cuts] })));
	for (const [i, { plan, query }] of jobs.entries()) {
		const started = Date.now();
		const out: QueryOutcome = {
			source: plan.source,
			query,
			series: 0,
			points: 0,
			pages: 0,
			cuts: [],
			ms: 0
		};
		const show = (state: QueryStatus['state']) => {
			statuses[i] = { ...statuses[i], state, ...pick(out) };
			report();
		};
		show('running');
		try {
			if (plan.source === 'loki') {
				await fetchLokiPages(plan, query, lim, out, hooks.signal, () => show('running'));
			} else {
				const body = await getJson(prometheusUrl(plan, query, lim), plan.http, hooks.signal);
				out.pages = 1;
				trimPrometheus(out, body, lim);
			}
		} catch (err) {
			if (isCancelled(err)) throw err;
			out.error = err instanceof Error ? err.message : String(err);
			out.response = undefined;
		}
		out.ms = Date.now() - started;
		outcomes.push(out);
		show(out.error ? 'failed' : 'done');
		hooks.onOutcome?.(out, outcomes.length, jobs.length);
	}
	return outcomes;
}

function pick(
	o: QueryOutcome
): Pick<QueryStatus, 'series' | 'points' | 'pages' | 'cuts' | 'error'> {
	return { series: o.series, points: o.points, pages: o.pages, cuts: [...o.cuts], error: o.error };
}

/** Cuts a Prometheus result to the series limit and counts what is kept. */
function trimPrometheus(out: QueryOutcome, body: unknown, lim: CaptureLimits): void {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new Error('the answer is not a JSON object');
	}
	const data = (body as { data?: { result?: unknown[] } }).data;
	const result = Array.isArray(data?.result) ? data.result : [];
	if (result.length > lim.maxSeries) {
		out.cuts.push(`kept ${lim.maxSeries} of ${result.length} series (--max-series)`);
		result.length = lim.maxSeries;
	}
	out.series = result.length;
	for (const r of result) {
		const v = (r as { values?: unknown[] }).values;
		out.points += Array.isArray(v) ? v.length : 1;
	}
	out.response = body as Record<string, unknown>;
}
