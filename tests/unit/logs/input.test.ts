import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, readLogLines } from '../../../workers/logs/input';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
	);

describe('readLogLines', () => {
	it('keeps every line, repairing invalid UTF-8, control bytes and huge lines', () => {
		const huge = 'x'.repeat(MAX_MESSAGE_CHARS + 10);
		const { lines, report } = readLogLines(
			bytes('ok line\r\n', [0x00, 0x01, 0xff, 0x41], '\n', huge, '\n\nlast'),
			'text'
		);
		expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
		expect(lines[0]).toEqual({ line: 1, message: 'ok line' });
		expect(lines[1].message).toBe('\ufffd\ufffd\ufffdA');
		expect(lines[1].problem).toMatch(/invalid UTF-8.*control bytes/);
		expect(lines[2].message).toHaveLength(MAX_MESSAGE_CHARS);
		expect(lines[3].message).toBe('');
		expect(report).toEqual({ lines: 5, invalidUtf8: 1, binary: 1, truncated: 1, unreadable: 0 });
	});

	it('reads JSONL messages and mines unreadable lines as text, saying so', () => {
		const { lines, report } = readLogLines(
			bytes('{"message":"a b"}\n{"msg":"c"}\nnot json\n[1,2]'),
			'jsonl'
		);
		expect(lines.map((l) => l.message)).toEqual(['a b', 'c', 'not json', '[1,2]']);
		expect(report.unreadable).toBe(2);
	});

	it('returns nothing for an empty file', () => {
		expect(readLogLines(new Uint8Array(0), 'text').lines).toEqual([]);
	});
});
