/**
 * Loki answers a query_range with at most `limit` lines, so a capture pages through the window:
 * oldest first (direction=forward), each page starting at the newest timestamp of the previous
 * one. That start is inclusive because several lines may share a nanosecond; lines already kept
 * at it are skipped. Paging stops at the end of the window or at the line budget, and the outcome
 * says what was cut.
 */
import type { CancelSignal } from '../shared/cancel';
import type { CaptureLimits, QueryOutcome, ServerPlan } from './api';
import { getJson } from './http';
import { lokiUrl, msToNs } from './plan';

interface Stream {
	stream: Record<string, unknown>;
	values: unknown[][];
}

const nsIso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();

/** The newest timestamp of a page and the lines kept at it (to skip them on the next page). */
interface Boundary {
	ts: bigint;
	ids: Set<string>;
}

/** Fetches every page of one LogQL query into `out`; `onPage` runs after each page. */
export async function fetchLokiPages(
	plan: ServerPlan,
	query: string,
	lim: CaptureLimits,
	out: QueryOutcome,
	signal: CancelSignal,
	onPage: () => void
): Promise<void> {
	const streams = new Map<string, Stream>();
	let start = msToNs(lim.from);
	let seen: Boundary = { ts: -1n, ids: new Set() };
	for (;;) {
		// The lines already kept at the inclusive start come back again: ask for that many more.
		const limit = Math.min(lim.pageLines, lim.maxLines - out.points + seen.ids.size);
		const body = await getJson(lokiUrl(plan, query, lim, start, limit), plan.http, signal);
		out.pages++;
		const data = dataOf(body);
		if (data.resultType !== 'streams') {
			// A metric query (rate(…), count_over_time(…)) answers with a matrix: nothing to page.
			out.response = body as Record<string, unknown>;
			countMatrix(out, data.result);
			return;
		}
		const page = mergePage(streams, data.result, seen, lim.maxLines - out.points);
		out.points += page.added;
		out.series = streams.size;
		onPage();
		if (page.returned < limit) break;
		if (out.points >= lim.maxLines) {
			out.cuts.push(
				`line budget ${lim.maxLines} reached after ${out.pages} pages, at ${nsIso(page.newest.ts)}: later lines are missing (--max-lines)`
			);
			break;
		}
		if (page.added === 0) {
			// A whole page of lines at one nanosecond: paging cannot split it, so move past it.
			out.cuts.push(
				`more than ${limit} lines share the timestamp ${nsIso(page.newest.ts)}: some of them were skipped`
			);
			start = page.newest.ts + 1n;
			seen = { ts: -1n, ids: new Set() };
			continue;
		}
		start = page.newest.ts;
		seen = page.newest;
	}
	out.response = {
		status: 'success',
		data: { resultType: 'streams', result: [...streams.values()] }
	};
}

function dataOf(body: unknown): { resultType?: unknown; result: unknown[] } {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new Error('the answer is not a JSON object');
	}
	const data = (body as { data?: { resultType?: unknown; result?: unknown } }).data;
	if (!data || !Array.isArray(data.result)) {
		throw new Error('the answer has no data.result array (not a Loki query_range response)');
	}
	return { resultType: data.resultType, result: data.result };
}

function countMatrix(out: QueryOutcome, result: unknown[]): void {
	out.series = result.length;
	for (const r of result) {
		const v = (r as { values?: unknown[] }).values;
		out.points += Array.isArray(v) ? v.length : 1;
	}
}

/** Appends a page's lines to the streams; returns how many came, were kept, and the newest ones. */
function mergePage(
	streams: Map<string, Stream>,
	result: unknown[],
	seen: Boundary,
	room: number
): { returned: number; added: number; newest: Boundary } {
	let returned = 0;
	let added = 0;
	const newest: Boundary = { ts: seen.ts, ids: new Set(seen.ids) };
	for (const item of result) {
		const s = item as { stream?: Record<string, unknown>; values?: unknown[] };
		if (!s || typeof s.stream !== 'object' || !Array.isArray(s.values)) continue;
		const key = JSON.stringify(Object.entries(s.stream).sort(([a], [b]) => (a < b ? -1 : 1)));
		let into = streams.get(key);
		for (const v of s.values) {
			returned++;
			if (!Array.isArray(v) || !/^\d+$/.test(String(v[0]))) continue;
			const ts = BigInt(String(v[0]));
			const id = `${key}\u0000${v[0]}\u0000${String(v[1])}`;
			if (ts === seen.ts && seen.ids.has(id)) continue;
			if (added >= room) continue;
			if (!into) {
				into = { stream: s.stream, values: [] };
				streams.set(key, into);
			}
			into.values.push(v);
			added++;
			if (ts > newest.ts) {
				newest.ts = ts;
				newest.ids = new Set();
			}
			if (ts === newest.ts) newest.ids.add(id);
		}
	}
	// Nothing new: the page repeated lines at the boundary; report its newest timestamp anyway.
	if (added === 0) newest.ts = maxTs(result, seen.ts);
	return { returned, added, newest };
}

function maxTs(result: unknown[], floor: bigint): bigint {
	let max = floor;
	for (const item of result) {
		for (const v of (item as { values?: unknown[][] }).values ?? []) {
			if (Array.isArray(v) && /^\d+$/.test(String(v[0])) && BigInt(String(v[0])) > max)
				max = BigInt(String(v[0]));
		}
	}
	return max;
}
