/**
 * "Did you mean …" suggestions for a mistyped name (series, column, option, command). Pure, no
 * DOM: the CLI, the cells and the workers can all phrase the same hint the same way.
 */

/** Levenshtein distance (insert, delete, substitute: 1 each), two rows of memory. */
export function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
		}
		prev = row;
	}
	return prev[b.length];
}

// Substrings shorter than this match too much ("a" is in almost every name).
const MIN_SUBSTRING = 3;

/**
 * Up to k candidates close to `name`, best first, compared case-insensitively. A candidate counts
 * when its edit distance is small for the name's length (≤ max(2, 40 % of it), so one or two
 * typos in a long dotted name still match) or when one contains the other ("latency" finds
 * "edge.latency_ms"). Ties go to the smaller distance, then to alphabetical order, so the answer
 * is stable.
 */
export function closestNames(name: string, candidates: string[], k = 3): string[] {
	const wanted = name.toLowerCase();
	const limit = Math.max(2, Math.ceil(wanted.length * 0.4));
	const scored: { candidate: string; rank: number; distance: number }[] = [];
	for (const candidate of new Set(candidates)) {
		const other = candidate.toLowerCase();
		const distance = editDistance(wanted, other);
		const shorter = Math.min(wanted.length, other.length);
		const contains = shorter >= MIN_SUBSTRING && (other.includes(wanted) || wanted.includes(other));
		if (distance > limit && !contains) continue;
		// A containing name ranks like a one-letter typo: relevant, but after near-exact matches.
		scored.push({ candidate, rank: contains ? Math.min(distance, 1) : distance, distance });
	}
	scored.sort(
		(x, y) =>
			x.rank - y.rank ||
			x.distance - y.distance ||
			(x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0)
	);
	return scored.slice(0, Math.max(0, k)).map((s) => s.candidate);
}
