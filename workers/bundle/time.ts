/**
 * Timestamp parsing. Everything becomes epoch ms. Strings are parsed with a hand-written
 * character scanner (Date.parse is slow, locale-dependent for non-ISO forms and treats naive
 * times as local to the machine), and naive wall-clock times are resolved in the manifest's zone.
 */

/** The `expected` text of every timestamp issue. */
export const TIMESTAMP_EXPECTED =
	'a timestamp (ISO 8601, "YYYY-MM-DD HH:MM:SS[.mmm]" or epoch milliseconds/seconds)';

/** Epoch numbers below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;
const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Converts naive wall-clock times of one IANA zone to UTC using Intl. Offsets are cached per
 * local minute: real data has few distinct minutes, and Intl formatting is the expensive part.
 */
export class TimeZone {
	readonly isUtc: boolean;
	private readonly fmt?: Intl.DateTimeFormat;
	private readonly cache = new Map<number, number>();

	constructor(readonly name: string) {
		this.isUtc = name === 'UTC' || name === 'Etc/UTC' || name === 'GMT' || name === 'Etc/GMT';
		if (!this.isUtc) {
			this.fmt = new Intl.DateTimeFormat('en-US', {
				timeZone: name,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric'
			});
		}
	}

	/** True when Intl knows the zone name. */
	static isValid(name: string): boolean {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: name });
			return true;
		} catch {
			return false;
		}
	}

	/** Offset (local − UTC) in ms at a UTC instant. */
	offsetAt(utcMs: number): number {
		if (!this.fmt) return 0;
		const p: Record<string, number> = {};
		for (const part of this.fmt.formatToParts(utcMs)) {
			if (part.type !== 'literal') p[part.type] = Number(part.value);
		}
		const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
		return local - Math.floor(utcMs / 1000) * 1000;
	}

	/**
	 * Wall-clock ms (as if UTC) → epoch ms. Like Temporal's 'compatible' disambiguation: a time
	 * repeated when clocks go back resolves to the earlier instant; a time skipped when clocks go
	 * forward is shifted forward by the gap (02:30 on a spring-forward night becomes 03:30).
	 */
	toUtc(localMs: number): number {
		if (!this.fmt) return localMs;
		const minute = Math.floor(localMs / MINUTE);
		let offset = this.cache.get(minute);
		if (offset === undefined) {
			offset = this.resolveOffset(minute * MINUTE);
			if (this.cache.size > 100_000) this.cache.clear();
			this.cache.set(minute, offset);
		}
		return localMs - offset;
	}

	private resolveOffset(local: number): number {
		// At most one transition lies within a day of any instant, so the offsets a day before and
		// after are the only candidates.
		const before = this.offsetAt(local - DAY);
		const after = this.offsetAt(local + DAY);
		const valid = [before, after].filter((o) => this.offsetAt(local - o) === o);
		if (valid.length === 0) return before; // in the gap: keep the pre-transition offset
		return Math.max(...valid); // larger offset = earlier instant
	}
}

/** Largest |epoch ms| a Date can hold (year ±275760); beyond it a value is not a time. */
export const MAX_EPOCH_MS = 8.64e15;

/** Epoch number → ms (small numbers are seconds). */
export function epochToMs(n: number): number {
	return Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n;
}

/** Epoch number → ms, or undefined when it is not finite or outside the range of a Date. */
export function epochInRange(n: number): number | undefined {
	if (!Number.isFinite(n)) return undefined;
	const ms = epochToMs(n);
	return Math.abs(ms) <= MAX_EPOCH_MS ? ms : undefined;
}

/** Any timestamp value (string or number) → epoch ms, or undefined if it is not one. */
export function parseTimestamp(raw: unknown, tz: TimeZone): number | undefined {
	if (typeof raw === 'number') return epochInRange(raw);
	if (typeof raw === 'string') return parseTimestampString(raw, tz);
	return undefined;
}

/**
 * Like parseTimestamp, but an ISO fraction finer than a millisecond is kept (`.123456` → 123.456
 * ms into the second). Spans are often shorter than a millisecond, so their times need it; every
 * other timestamp keeps whole milliseconds as documented.
 */
export function parseFineTimestamp(raw: unknown, tz: TimeZone): number | undefined {
	if (typeof raw === 'string') return parseTimestampString(raw, tz, true);
	return parseTimestamp(raw, tz);
}

function isSpace(c: number): boolean {
	return c === 32 || c === 9;
}

/** Reads `count` decimal digits at `i`; -1 if any is not a digit. */
function digits(s: string, i: number, count: number): number {
	let n = 0;
	for (let k = i; k < i + count; k++) {
		const d = s.charCodeAt(k) - 48;
		if (d < 0 || d > 9) return -1;
		n = n * 10 + d;
	}
	return n;
}

function daysInMonth(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseTimestampString(
	input: string,
	tz: TimeZone,
	keepFraction = false
): number | undefined {
	let s = input;
	if (s.length === 0) return undefined;
	if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1))) s = s.trim();
	if (s.length < 10 || s.charCodeAt(4) !== 45) return parseEpochString(s);
	const y = digits(s, 0, 4);
	const mo = digits(s, 5, 2);
	const d = digits(s, 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || s.charCodeAt(7) !== 45 || d < 1) return undefined;
	if (d > daysInMonth(y, mo)) return undefined;
	let h = 0;
	let mi = 0;
	let sec = 0;
	let ms = 0;
	let subMs = 0;
	let i = 10;
	if (i < s.length) {
		const sep = s[i];
		if (sep !== 'T' && sep !== 't' && sep !== ' ') return undefined;
		h = digits(s, 11, 2);
		mi = digits(s, 14, 2);
		if (h < 0 || h > 23 || s.charCodeAt(13) !== 58 || mi < 0 || mi > 59) return undefined;
		i = 16;
		if (s.charCodeAt(i) === 58) {
			sec = digits(s, i + 1, 2);
			if (sec < 0 || sec > 59) return undefined;
			i += 3;
			const c = s.charCodeAt(i);
			if (c === 46 || c === 44) {
				// Fraction of any length; keep milliseconds, truncating finer digits.
				let j = i + 1;
				let scale = 100;
				while (j < s.length) {
					const dgt = s.charCodeAt(j) - 48;
					if (dgt < 0 || dgt > 9) break;
					ms += dgt * scale;
					scale /= 10;
					j++;
				}
				if (j === i + 1) return undefined;
				// Read the digits after the millisecond ones as one number: no rounding drift.
				if (keepFraction && j > i + 4) subMs = Number('0.' + s.slice(i + 4, j));
				ms = Math.floor(ms);
				i = j;
			}
		}
	}
	const local = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
	if (i === s.length) return tz.toUtc(local) + subMs;
	const offset = parseOffset(s, i);
	return offset === undefined ? undefined : local - offset + subMs;
}

/** 'Z', 'UTC', '+02:00', '+0200', '+02' (optionally after one space) → offset ms. */
function parseOffset(s: string, start: number): number | undefined {
	let i = start;
	if (s.charCodeAt(i) === 32) i++;
	const rest = s.length - i;
	const c = s[i];
	if (rest === 1 && (c === 'Z' || c === 'z')) return 0;
	if (rest === 3 && (s.endsWith('UTC') || s.endsWith('GMT'))) return 0;
	if (c !== '+' && c !== '-') return undefined;
	const hh = digits(s, i + 1, 2);
	let mm = 0;
	if (rest === 6 && s.charCodeAt(i + 3) === 58) mm = digits(s, i + 4, 2);
	else if (rest === 5) mm = digits(s, i + 3, 2);
	else if (rest !== 3) return undefined;
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return undefined;
	return (c === '-' ? -1 : 1) * (hh * 60 + mm) * MINUTE;
}

/** '1718900000', '1718900000123', '1718900000.5' → ms. */
function parseEpochString(s: string): number | undefined {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (!((c >= 48 && c <= 57) || c === 46 || (c === 45 && i === 0))) return undefined;
	}
	return epochInRange(Number(s));
}
