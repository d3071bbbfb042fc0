/**
 * A small RFC 4180 CSV reader. Most metric rows contain no quotes, so those are split with
 * String.split (fast); only rows containing '"' go through the quote-aware scanner, which may
 * continue over line breaks inside quoted fields.
 */
import type { Issues } from './issues';
import { LineReader, type FileText } from './text';

/** One CSV record and the 1-based line it starts on. */
export interface CsvRecord {
	/** 1-based line number of the record's first line (the header is line 1). */
	line: number;
	fields: string[];
}

export class CsvReader {
	private readonly lines: LineReader;
	/** Set when a quoted field is still open at the end of the file. */
	unterminatedAt?: number;

	constructor(text: FileText) {
		this.lines = new LineReader(text);
	}

	/** How far into the file the reader is, 0..1 (for progress). */
	get fraction(): number {
		return this.lines.fraction;
	}

	/** The next record, skipping blank lines; undefined at the end. */
	next(): CsvRecord | undefined {
		for (;;) {
			const raw = this.lines.next();
			if (raw === undefined) return undefined;
			if (raw.length === 0) continue;
			const line = this.lines.line;
			if (raw.indexOf('"') < 0) return { line, fields: raw.split(',') };
			return { line, fields: this.parseQuoted(raw, line) };
		}
	}

	private parseQuoted(first: string, startLine: number): string[] {
		const fields: string[] = [];
		let s = first;
		let i = 0;
		let field = '';
		let inQuotes = false;
		for (;;) {
			if (i >= s.length) {
				if (!inQuotes) break;
				// A quoted field spans a line break: keep the break and read on.
				const more = this.lines.next();
				if (more === undefined) {
					this.unterminatedAt = startLine;
					break;
				}
				field += '\n';
				s = more;
				i = 0;
				continue;
			}
			const c = s[i];
			if (inQuotes) {
				if (c === '"') {
					if (s[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					inQuotes = false;
				} else field += c;
			} else if (c === '"') inQuotes = true;
			else if (c === ',') {
				fields.push(field);
				field = '';
			} else field += c;
			i++;
		}
		fields.push(field);
		return fields;
	}
}

/** A quoted field still open at the end of the file is an error at the line where it opened. */
export function reportUnterminated(issues: Issues, file: string, csv: CsvReader): void {
	if (csv.unterminatedAt === undefined) return;
	issues.error({
		file,
		line: csv.unterminatedAt,
		expected: 'a closing double quote',
		got: 'end of file',
		text: 'a quoted field opened here is never closed'
	});
}
