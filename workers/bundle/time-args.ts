/**
 * Times and windows a person types (a cell field, a command-line option), read with the bundle's
 * own time parser: ISO 8601, or epoch seconds / milliseconds; naive times are in the bundle's zone.
 * `start..end` or `start/end` (an ISO 8601 interval) for a window. Callers word the errors.
 */
import { parseTimestamp, TimeZone } from './time';

/** Epoch ms, or undefined when `raw` is not a time. */
export function readTime(raw: string, zone: string): number | undefined {
	const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
	return parseTimestamp(value, new TimeZone(zone));
}

export type WindowArg =
	| { start: number; end: number }
	/** Not two parts; a part that is not a time (which one); start not before end. */
	| { error: 'shape' }
	| { error: 'time'; part: string }
	| { error: 'order' };

export function readWindow(raw: string, zone: string): WindowArg {
	const parts = raw.includes('..') ? raw.split('..') : raw.split('/');
	if (parts.length !== 2) return { error: 'shape' };
	const [a, b] = parts.map((p) => p.trim());
	const start = readTime(a, zone);
	if (start === undefined) return { error: 'time', part: a };
	const end = readTime(b, zone);
	if (end === undefined) return { error: 'time', part: b };
	return start < end ? { start, end } : { error: 'order' };
}
