/** Times and windows given on the command line (workers/bundle/time-args.ts), as option errors. */
import { readTime, readWindow } from '$workers/bundle/time-args';
import { invalidOption } from '../options';

const EXPECTED = 'an ISO time or epoch seconds/ms';

/** One time; naive times are read in the bundle's zone. */
export function parseTime(name: string, raw: string, zone: string): number {
	const t = readTime(raw, zone);
	if (t === undefined) throw invalidOption(name, EXPECTED, raw);
	return t;
}

/** `start..end` or `start/end` (ISO 8601 interval). */
export function parseWindow(
	name: string,
	raw: string,
	zone: string
): { start: number; end: number } {
	const w = readWindow(raw, zone);
	if (!('error' in w)) return w;
	if (w.error === 'shape') throw invalidOption(name, `<start>..<end> (each ${EXPECTED})`, raw);
	if (w.error === 'time') throw invalidOption(name, EXPECTED, w.part);
	throw invalidOption(name, 'a window whose start is before its end', raw);
}
