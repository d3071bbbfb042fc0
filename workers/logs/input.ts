/**
 * Turns raw log bytes into messages for the miner, defensively: invalid UTF-8 is decoded with
 * replacement characters (and counted), control bytes of binary garbage are replaced, very long
 * lines are cut (and counted), JSONL lines without a message are reported, never dropped silently.
 */

/** Longest message the miner sees; the rest of a longer line is cut off. */
export const MAX_MESSAGE_CHARS = 16_384;

/** One input line, ready for the miner. */
export interface InputLine {
	/** 1-based line number in the file. */
	line: number;
	message: string;
	/** Why the line was changed or could not be read, if it was. */
	problem?: string;
}

/** Counts of what the reader had to repair. */
export interface InputReport {
	lines: number;
	invalidUtf8: number;
	binary: number;
	truncated: number;
	unreadable: number;
}

// eslint-disable-next-line no-control-regex -- matching control bytes is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Splits and cleans log bytes; format 'text' = each line is a message, 'jsonl' = JSON objects. */
export function readLogLines(
	bytes: Uint8Array,
	format: 'text' | 'jsonl'
): { lines: InputLine[]; report: InputReport } {
	const report: InputReport = { lines: 0, invalidUtf8: 0, binary: 0, truncated: 0, unreadable: 0 };
	const lines: InputLine[] = [];
	const strict = new TextDecoder('utf-8', { fatal: true });
	const loose = new TextDecoder('utf-8');
	let start = 0;
	for (let i = 0; i <= bytes.length; i++) {
		if (i < bytes.length && bytes[i] !== 0x0a) continue;
		if (i === bytes.length && start === i) break;
		let end = i;
		if (end > start && bytes[end - 1] === 0x0d) end--;
		const slice = bytes.subarray(start, end);
		start = i + 1;
		const problems: string[] = [];
		let text: string;
		try {
			text = strict.decode(slice);
		} catch {
			text = loose.decode(slice);
			report.invalidUtf8++;
			problems.push('invalid UTF-8 replaced');
		}
		lines.push(toLine(lines.length + 1, text, format, problems, report));
	}
	report.lines = lines.length;
	return { lines, report };
}

function toLine(
	n: number,
	raw: string,
	format: 'text' | 'jsonl',
	problems: string[],
	report: InputReport
): InputLine {
	let message = raw;
	if (format === 'jsonl' && raw.trim() !== '') {
		const m = jsonMessage(raw);
		if (m === undefined) {
			report.unreadable++;
			problems.push('not a JSON object with a message/msg/log field; mined as text');
		} else message = m;
	}
	if (CONTROL.test(message)) {
		report.binary++;
		problems.push('control bytes replaced');
		message = message.replace(CONTROL, '\ufffd');
	}
	CONTROL.lastIndex = 0;
	if (message.length > MAX_MESSAGE_CHARS) {
		report.truncated++;
		problems.push(`cut to ${MAX_MESSAGE_CHARS} of ${message.length} characters`);
		message = message.slice(0, MAX_MESSAGE_CHARS);
	}
	return problems.length
		? { line: n, message, problem: problems.join('; ') }
		: { line: n, message };
}

function jsonMessage(raw: string): string | undefined {
	try {
		const o = JSON.parse(raw) as Record<string, unknown>;
		if (o === null || typeof o !== 'object') return undefined;
		const m = o.message ?? o.msg ?? o.log;
		return typeof m === 'string' ? m : undefined;
	} catch {
		return undefined;
	}
}
