/**
 * Prometheus and Loki HTTP API responses share one envelope ({status, data: {resultType, result}}),
 * and a file may hold several: one response, an array of responses, or the wrapper `aitia
 * capture` writes ({"queries": [{"query", "response"}], "naming"}), which records the query that
 * produced each response. This module finds them; the readers decode each result type.
 */
import type { JsonPath } from '../json-locate';
import { isObject } from './common';
import { DEFAULT_RULE, ruleFrom, type NamingRule } from './naming';

/** One API response found in a file. */
export interface ApiResponse {
	/** Path of the response object in the document. */
	path: JsonPath;
	/** The response object ({status, data}). */
	response: Record<string, unknown>;
	/** The query text, when the file recorded it. */
	query?: string;
	/** Naming rule for its series (file-level `naming`, then per-query service/metric). */
	rule: NamingRule;
}

/** True for a Prometheus/Loki API envelope: {status: 'error'} or {data: {resultType}}. */
export function isApiResponse(v: unknown): v is Record<string, unknown> {
	if (!isObject(v)) return false;
	if (v.status === 'error' && typeof v.error === 'string') return true;
	return isObject(v.data) && typeof v.data.resultType === 'string';
}

/** The result type of the first response of a document ('matrix', 'streams' …), if any. */
export function firstResultType(value: unknown): string | undefined {
	const list = apiResponses(value);
	if (!list || list.length === 0) return undefined;
	for (const r of list) {
		const data = r.response.data;
		if (isObject(data) && typeof data.resultType === 'string') return data.resultType;
	}
	return 'error';
}

/** The API responses of a document, or undefined when it holds none. */
export function apiResponses(value: unknown): ApiResponse[] | undefined {
	if (isApiResponse(value)) return [{ path: [], response: value, rule: DEFAULT_RULE }];
	if (Array.isArray(value) && value.length > 0 && value.every(isApiResponse)) {
		return value.map((response, i) => ({ path: [i], response, rule: DEFAULT_RULE }));
	}
	if (!isObject(value) || !Array.isArray(value.queries)) return undefined;
	const fileRule = ruleFrom(value.naming);
	const out: ApiResponse[] = [];
	value.queries.forEach((q, i) => {
		if (!isObject(q) || !isApiResponse(q.response)) return;
		const item: ApiResponse = {
			path: ['queries', i, 'response'],
			response: q.response,
			rule: ruleFrom(q, fileRule)
		};
		if (typeof q.query === 'string') item.query = q.query;
		out.push(item);
	});
	return out.length > 0 || value.queries.length === 0 ? out : undefined;
}
