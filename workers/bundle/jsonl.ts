/**
 * Iterates JSON Lines files: one JSON value per non-blank line, parsed independently so one bad
 * line is reported with its own line number and the rest are still checked.
 */
import type { ParseContext } from './context';
import { describeJsonError } from './json-doc';
import { excessiveNesting, nestingIssue } from './json-syntax';
import { LineReader, type FileText } from './text';

/** Lines between two progress ticks. */
const TICK_ROWS = 2048;

/** Calls `fn` for every parsed line; returns how many non-blank lines there were. */
export async function forEachJsonLine(
	ctx: ParseContext,
	file: string,
	text: FileText,
	fn: (value: unknown, line: number) => void
): Promise<number> {
	const reader = new LineReader(text);
	let count = 0;
	let pending = 0;
	for (let s = reader.next(); s !== undefined; s = reader.next()) {
		if (s.length === 0 || s.trim() === '') continue;
		count++;
		const deep = excessiveNesting(s);
		if (deep >= 0) {
			const d = nestingIssue(s, deep);
			ctx.issues.error({ file, line: reader.line, expected: d.expected, got: d.got, text: d.text });
			continue;
		}
		let value: unknown;
		try {
			value = JSON.parse(s);
		} catch (err) {
			const d = describeJsonError(s, err);
			ctx.issues.error({ file, line: reader.line, expected: d.expected, got: d.got, text: d.text });
			continue;
		}
		fn(value, reader.line);
		if (++pending === TICK_ROWS) {
			await ctx.tick(pending, reader.fraction);
			pending = 0;
		}
	}
	await ctx.tick(pending, 1);
	return count;
}
