/** Series-key patterns: '*' matches any run of characters (also none), as in the data worker. */

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
	let re = cache.get(pattern);
	if (!re) {
		const body = pattern
			.split('')
			.map((ch) => (ch === '*' ? '.*' : ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
			.join('');
		re = new RegExp(`^${body}$`, 's');
		cache.set(pattern, re);
	}
	return re;
}

/** True when `key` matches any of the patterns. An empty pattern list matches everything. */
export function matchesAny(key: string, patterns: readonly string[]): boolean {
	return patterns.length === 0 || patterns.some((p) => globToRegExp(p).test(key));
}
