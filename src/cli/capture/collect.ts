/**
 * Runs the queries of a capture, one after the other (a friendly load on the server), and keeps
 * per query what came back, what was cut and what failed. Failures do not stop the others.
 */
import { getJson, type HttpOptions } from './http';

/** One query's outcome. */
export interface QueryOutcome {
	/** 'prometheus' or 'loki'. */
	source: 'prometheus' | 'loki';
	query: string;
	/** The API response (series / streams cut to the limits), when it succeeded. */
	response?: Record<string, unknown>;
	/** Series (or streams) and samples (or lines) kept. */
	series: number;
	points: number;
	/** What was cut, in words ("kept 500 of 812 series"). */
	cuts: string[];
	/** Why it failed. */
	error?: string;
	/** Wall time, ms. */
	ms: number;
}

/** A capture request against one server. */
export interface ServerPlan {
	source: 'prometheus' | 'loki';
	base: string;
	queries: string[];
	http: HttpOptions;
}

/** Window and limits shared by every query. */
export interface CaptureLimits {
	from: number;
	to: number;
	/** Prometheus step, seconds. */
	step: number;
	maxSeries: number;
	maxLines: number;
}

function requestUrl(plan: ServerPlan, query: string, lim: CaptureLimits): URL {
	const base = plan.base.replace(/\/+$/, '');
	if (plan.source === 'prometheus') {
		const url = new URL(`${base}/api/v1/query_range`);
		url.searchParams.set('query', query);
		url.searchParams.set('start', String(lim.from / 1000));
		url.searchParams.set('end', String(lim.to / 1000));
		url.searchParams.set('step', String(lim.step));
		return url;
	}
	const url = new URL(`${base}/loki/api/v1/query_range`);
	url.searchParams.set('query', query);
	url.searchParams.set('start', `${BigInt(lim.from) * 1_000_000n}`);
	url.searchParams.set('end', `${BigInt(lim.to) * 1_000_000n}`);
	url.searchParams.set('limit', String(lim.maxLines));
	url.searchParams.set('direction', 'forward');
	return url;
}

/** Cuts the result to the limits and counts what is kept. */
function trim(out: QueryOutcome, body: Record<string, unknown>, lim: CaptureLimits): void {
	const data = body.data as { resultType?: string; result?: unknown[] } | undefined;
	const result = Array.isArray(data?.result) ? data.result : [];
	if (out.source === 'prometheus' && result.length > lim.maxSeries) {
		out.cuts.push(`kept ${lim.maxSeries} of ${result.length} series (--max-series)`);
		result.length = lim.maxSeries;
	}
	out.series = result.length;
	for (const r of result) {
		const v = (r as { values?: unknown[] }).values;
		out.points += Array.isArray(v) ? v.length : 1;
	}
	if (out.source === 'loki' && out.points >= lim.maxLines) {
		out.cuts.push(`line limit ${lim.maxLines} reached (--max-lines): later lines are missing`);
	}
	out.response = body;
}

/** Runs every query of every plan; `report` gets a line per finished query. */
export async function collect(
	plans: ServerPlan[],
	lim: CaptureLimits,
	report: (o: QueryOutcome, i: number, n: number) => void
): Promise<QueryOutcome[]> {
	const outcomes: QueryOutcome[] = [];
	const total = plans.reduce((n, p) => n + p.queries.length, 0);
	for (const plan of plans) {
		for (const query of plan.queries) {
			const started = Date.now();
			const out: QueryOutcome = {
				source: plan.source,
				query,
				series: 0,
				points: 0,
				cuts: [],
				ms: 0
			};
			try {
				const body = await getJson(requestUrl(plan, query, lim), plan.http);
				if (body === null || typeof body !== 'object' || Array.isArray(body)) {
					throw new Error('the answer is not a JSON object');
				}
				trim(out, body as Record<string, unknown>, lim);
			} catch (err) {
				out.error = err instanceof Error ? err.message : String(err);
			}
			out.ms = Date.now() - started;
			outcomes.push(out);
			report(out, outcomes.length, total);
		}
	}
	return outcomes;
}
