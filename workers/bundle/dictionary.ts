/**
 * Dictionaries of columnar tables (service names of log lines and spans, operation names) in one
 * canonical order: sorted. The order a reader first met names depends on how the files were split
 * and named; a table that means the same must look the same, or anything keyed by its content (the
 * output cache, a capsule re-run's comparison) would see a difference where there is none.
 */

/** Sorted names and, for each old index, its new one. */
export function canonicalDictionary(names: string[]): { names: string[]; remap: Uint32Array } {
	const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const at = new Map(sorted.map((n, i) => [n, i]));
	return { names: sorted, remap: Uint32Array.from(names, (n) => at.get(n)!) };
}
