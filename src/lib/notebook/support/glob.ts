/** Series-key patterns, with the data worker's one glob rule (workers/shared/select.ts). */
import { globToRegExp } from '$workers/shared/select';

const cache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
	let re = cache.get(pattern);
	if (!re) cache.set(pattern, (re = globToRegExp(pattern)));
	return re;
}

/** True when `key` matches any of the patterns. An empty pattern list matches everything. */
export function matchesAny(key: string, patterns: readonly string[]): boolean {
	return patterns.length === 0 || patterns.some((p) => compiled(p).test(key));
}
