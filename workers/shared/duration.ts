/**
 * Durations in text, for the page and the workers alike (the ranking's window sources are
 * written in a worker and shown as they are).
 */

/**
 * A duration as a person writes it: the two largest units, the second dropped when it is 0
 * ("5 min", "5 min 30 s", "7 h 30 min", "1 d 7 h"); ms and tenths of a second below a minute. An
 * hourly series' anomaly used to read "1860 min 0 s".
 */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms)) return '';
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const units: [number, string][] = [
		[86_400, 'd'],
		[3_600, 'h'],
		[60, 'min'],
		[1, 's']
	];
	const total = Math.round(ms / 1000);
	const k = units.findIndex(([size]) => total >= size);
	const [big, bigName] = units[k];
	const [small, smallName] = units[k + 1];
	const first = Math.floor(total / big);
	const second = Math.floor((total % big) / small);
	return second ? `${first} ${bigName} ${second} ${smallName}` : `${first} ${bigName}`;
}
