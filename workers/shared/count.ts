/**
 * Counts in text, for the page and the workers alike (a worker's progress label is shown as it
 * is): "17,990 points", "sample 129,024 of 400,000". One formatter, built once.
 */
const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
	return countFormat.format(n);
}
