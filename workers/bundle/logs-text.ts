/**
 * Plain-text logs (logs/*.log, logs/*.txt): `<timestamp> [LEVEL] [service: | [service]] message`.
 * Parsed with index arithmetic rather than one big regex: this is the hot path for
 * million-line imports, and the pieces are simple enough to scan directly.
 */
import { RangeTally, ServiceTally, type ParseContext } from './context';
import { DEFAULT_LEVEL, levelFromWord, type LogBuilder } from './log-table';
import { LineReader, type FileText } from './text';
import { TIMESTAMP_EXPECTED, parseTimestampString } from './time';

const TICK_ROWS = 2048;

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** Index of the first space or tab at or after `from` (the string length if none). */
function tokenEnd(s: string, from: number): number {
	for (let i = from; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 32 || c === 9) return i;
	}
	return s.length;
}

/** Length of the leading timestamp token(s) of a line, 0 when the line has none. */
export function timestampLength(s: string): number {
	if (!isDigit(s.charCodeAt(0))) return 0;
	if (s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
		let end = 10;
		const sep = s[10];
		const hasTime = isDigit(s.charCodeAt(11)) && s.charCodeAt(13) === 58;
		if (sep === 'T' || (sep === ' ' && hasTime)) end = tokenEnd(s, 11);
		if (end === s.length) return end;
		// An offset written as its own token: '2024-06-01 10:00:00 +02:00', '... UTC'.
		const tok = s.slice(end + 1, tokenEnd(s, end + 1));
		if (tok === 'Z' || tok === 'UTC' || /^[+-]\d\d:?\d\d$/.test(tok)) end += 1 + tok.length;
		return end;
	}
	// Epoch seconds (10 digits) or milliseconds (13), optionally with a fraction.
	let i = 0;
	while (isDigit(s.charCodeAt(i))) i++;
	if (i !== 10 && i !== 13) return 0;
	if (s.charCodeAt(i) === 46) for (i++; isDigit(s.charCodeAt(i)); i++);
	return i === s.length || s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 ? i : 0;
}

function skipSpaces(s: string, i: number): number {
	while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
	return i;
}

function isUpperWord(w: string): boolean {
	return w.length > 0 && w === w.toUpperCase();
}

function isServiceName(w: string): boolean {
	for (let i = 0; i < w.length; i++) {
		// Lower-casing by `| 32` maps '_' to 127 and leaves digits, '.' and '-' unchanged.
		const c = w.charCodeAt(i) | 32;
		const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 127 || c === 46 || c === 45;
		if (!ok) return false;
	}
	return w.length > 0;
}

/** Parses the level at `i`: '[WARN]' (any case) or a bare upper-case word. */
function readLevel(s: string, i: number): { level: number; next: number } {
	if (s[i] === '[') {
		const close = s.indexOf(']', i + 1);
		const lvl = close < 0 ? -1 : levelFromWord(s.slice(i + 1, close).trim());
		if (lvl >= 0) return { level: lvl, next: skipSpaces(s, close + 1) };
		return { level: DEFAULT_LEVEL, next: i };
	}
	const end = tokenEnd(s, i);
	const word = s.slice(i, end);
	const lvl = isUpperWord(word) ? levelFromWord(word) : -1;
	return lvl >= 0 ? { level: lvl, next: skipSpaces(s, end) } : { level: DEFAULT_LEVEL, next: i };
}

export async function readLogsText(
	ctx: ParseContext,
	file: string,
	text: FileText,
	logs: LogBuilder,
	baseName: string
): Promise<void> {
	const { issues, tz } = ctx;
	// Without a valid manifest (already an error) assume the file name, to avoid an error per line.
	const defaultService = !ctx.services || ctx.services.has(baseName) ? baseName : undefined;
	const reader = new LineReader(text);
	const range = new RangeTally(ctx, file);
	const services = new ServiceTally(ctx, file, 'service');
	let rows = 0;
	let pending = 0;
	// 'none' before the first entry; 'skip' after an entry with an error (drop its continuation).
	let last: 'none' | 'added' | 'skip' = 'none';
	for (let s = reader.next(); s !== undefined; s = reader.next()) {
		if (s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim() === '')) continue;
		const line = reader.line;
		const tsLen = timestampLength(s);
		if (tsLen === 0) {
			if (last === 'added') logs.appendToLast(s);
			else if (last === 'none') {
				last = 'skip';
				issues.error({
					file,
					line,
					expected: `a line starting with ${TIMESTAMP_EXPECTED}`,
					got: s,
					text: `expected the first line to start with a timestamp (only later lines may continue a message), got ${JSON.stringify(s.slice(0, 80))}`
				});
			}
			continue;
		}
		rows++;
		const tok = s.slice(0, tsLen);
		const t = parseTimestampString(tok, tz);
		if (t === undefined) {
			last = 'skip';
			issues.error({ file, line, field: 'timestamp', expected: TIMESTAMP_EXPECTED, got: tok });
			continue;
		}
		const { level, next } = readLevel(s, skipSpaces(s, tsLen));
		let i = next;
		let service = defaultService;
		const word = s.slice(i, tokenEnd(s, i));
		// The service may be written `svc:` or `[svc]` (both common in real logs).
		const bracketed = word.length > 2 && word.startsWith('[') && word.endsWith(']');
		if ((word.length > 1 && word.endsWith(':')) || bracketed) {
			const name = bracketed ? word.slice(1, -1) : word.slice(0, -1);
			if (isServiceName(name) && (ctx.isKnownService(name) || defaultService === undefined)) {
				service = name;
				i = skipSpaces(s, i + word.length);
			}
		}
		if (service === undefined || !logs.canAddService(service)) {
			last = 'skip';
			issues.error({
				file,
				line,
				field: 'service',
				expected:
					'a "service:" prefix before the message, or a file named after a manifest service',
				got: s.slice(i, i + 40)
			});
			continue;
		}
		range.check(t, line);
		services.check(service, line);
		logs.add(t, level, service, s.slice(i), '');
		last = 'added';
		if (++pending === TICK_ROWS) {
			await ctx.tick(pending, reader.fraction);
			pending = 0;
		}
	}
	await ctx.tick(pending, 1);
	if (rows === 0 && last === 'none') issues.warn({ file, text: 'has no log lines; skipped' });
	range.flush('log lines');
	services.flush('log lines');
}
