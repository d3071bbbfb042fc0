/** Times and windows given on the command line, read with the bundle's own time parser. */
import { parseTimestamp, TimeZone } from '$workers/bundle/time';
import { invalidOption } from '../options';

const EXPECTED = 'an ISO time or epoch seconds/ms';

/** One time; naive times are read in the bundle's zone. */
export function parseTime(name: string, raw: string, zone: string): number {
	const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
	const t = parseTimestamp(value, new TimeZone(zone));
	if (t === undefined) throw invalidOption(name, EXPECTED, raw);
	return t;
}

/** `start..end` or `start/end` (ISO 8601 interval). */
export function parseWindow(
	name: string,
	raw: string,
	zone: string
): { start: number; end: number } {
	const parts = raw.includes('..') ? raw.split('..') : raw.split('/');
	if (parts.length !== 2) throw invalidOption(name, `<start>..<end> (each ${EXPECTED})`, raw);
	const start = parseTime(name, parts[0].trim(), zone);
	const end = parseTime(name, parts[1].trim(), zone);
	if (!(start < end)) throw invalidOption(name, 'a window whose start is before its end', raw);
	return { start, end };
}
