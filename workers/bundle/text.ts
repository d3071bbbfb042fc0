/**
 * Bytes → text. Bundles come from many tools (Excel on Windows writes UTF-16 or a UTF-8 BOM), so we
 * detect the encoding instead of assuming UTF-8, and name the exact byte when UTF-8 is invalid.
 */
import type { IssueDraft, Issues } from './issues';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Picks the encoding from a BOM, else from the NUL-byte pattern ASCII text has in UTF-16. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
	const b0 = bytes[0];
	const b1 = bytes[1];
	if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
	if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
	if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
	// Without a BOM: mostly-ASCII UTF-16 has a NUL in every other byte. UTF-8 text never
	// contains NULs, so a clear skew towards one parity is a reliable signal.
	const n = Math.min(bytes.length, 4096) & ~1;
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenNul++;
		if (bytes[i + 1] === 0) oddNul++;
	}
	const pairs = n / 2;
	if (pairs > 0 && oddNul > pairs * 0.3 && evenNul < pairs * 0.05) {
		return { encoding: 'utf-16le', bomLength: 0 };
	}
	if (pairs > 0 && evenNul > pairs * 0.3 && oddNul < pairs * 0.05) {
		return { encoding: 'utf-16be', bomLength: 0 };
	}
	return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Longest string a JS engine holds: V8 (Chromium, Node) stops at 2^29 − 24 UTF-16 code units.
 * Past it Chromium's TextDecoder silently returns '' and Node throws, so we check first.
 */
export const MAX_TEXT_CHARS = 2 ** 29 - 24;

/** Bytes as "612.0 MiB (641728512 bytes)". */
export function describeSize(bytes: number): string {
	return `${(bytes / 1024 ** 2).toFixed(1)} MiB (${bytes} bytes)`;
}

/** UTF-16 code units the UTF-8 bytes decode to (4-byte sequences become surrogate pairs). */
function utf8Units(b: Uint8Array): number {
	let n = 0;
	for (let i = 0; i < b.length; i++) {
		const c = b[i];
		if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
	}
	return n;
}

/** Decodes a file, reporting undecodable content as an error; undefined when it failed. */
export function decodeText(
	file: string,
	bytes: Uint8Array,
	issues: Issues,
	maxChars = MAX_TEXT_CHARS
): string | undefined {
	const { encoding, bomLength } = detectEncoding(bytes);
	const body = bytes.subarray(bomLength);
	const tooLong = () => {
		issues.error({
			file,
			expected: `a text file of at most ${maxChars} characters (about ${Math.floor(maxChars / 1024 ** 2)} MiB)`,
			got: describeSize(bytes.length),
			text: `is ${describeSize(bytes.length)}, more text than the browser can hold in one file (at most ${maxChars} characters, about ${Math.floor(maxChars / 1024 ** 2)} MiB); split it into several files`
		});
		return undefined;
	};
	const units = encoding === 'utf-8' ? body.length : body.length >> 1;
	if (units > maxChars && (encoding !== 'utf-8' || utf8Units(body) > maxChars)) return tooLong();
	let text: string;
	try {
		text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
	} catch (err) {
		return decodeFailure(file, bytes, bomLength, encoding, issues, err);
	}
	// Defence in depth: an engine whose string limit is lower than V8's may hand back ''.
	if (text.length === 0 && body.length > 0) return tooLong();
	return text;
}

function decodeFailure(
	file: string,
	bytes: Uint8Array,
	bomLength: number,
	encoding: TextEncoding,
	issues: Issues,
	err: unknown
): undefined {
	const body = bytes.subarray(bomLength);
	const at = encoding === 'utf-8' ? invalidUtf8Offset(body) : body.length;
	if (at >= body.length) {
		issues.error(undecodableIssue(file, bytes.length, encoding, err));
		return undefined;
	}
	const offset = at + bomLength;
	issues.error(invalidUtf8Issue(file, bytes[offset], offset, lineAtOffset(bytes, offset)));
	return undefined;
}

/** The error for bytes that are not valid UTF-8: the byte, its offset and its line. */
export function invalidUtf8Issue(
	file: string,
	byte: number,
	offset: number,
	line: number
): IssueDraft {
	const hex = byte.toString(16).padStart(2, '0');
	return {
		file,
		line,
		expected: 'UTF-8 (or UTF-16 with a byte order mark) text',
		got: `byte 0x${hex} at byte offset ${offset}`,
		text: `invalid UTF-8: byte 0x${hex} at byte offset ${offset} cannot start or continue a character; save the file as UTF-8`
	};
}

/** The error when the engine refuses bytes we cannot pin down (UTF-16 damage, engine limits). */
export function undecodableIssue(
	file: string,
	size: number,
	encoding: TextEncoding,
	err: unknown
): IssueDraft {
	// Not an encoding problem we can locate: report what the engine said.
	const reason = err instanceof Error ? err.message : String(err);
	const how =
		encoding === 'utf-8'
			? reason
			: `odd length or an unpaired surrogate; the engine said: ${reason}`;
	return {
		file,
		expected: `${encoding.toUpperCase()} text`,
		got: describeSize(size),
		text: `could not decode the file (${describeSize(size)}) as ${encoding.toUpperCase()}: ${how}`
	};
}

/** Offset of the first byte that makes the sequence invalid UTF-8 (the decoder does not tell). */
export function invalidUtf8Offset(b: Uint8Array): number {
	let i = 0;
	const n = b.length;
	while (i < n) {
		const c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let min: number;
		if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
		else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
		else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
		else return i;
		let cp = c & (0xff >> (need + 2));
		for (let k = 1; k <= need; k++) {
			const cc = b[i + k];
			if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (cc & 0x3f);
		}
		// Overlong forms, surrogates and values past U+10FFFF are invalid as a whole sequence.
		if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
		i += need + 1;
	}
	return n;
}

function lineAtOffset(bytes: Uint8Array, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
	return line;
}

/**
 * Text handed out in pieces (text-stream.ts): big files are read this way so that neither their
 * bytes nor their text is ever held whole.
 */
export interface TextPieces {
	/** Bundle-relative path, for errors. */
	readonly file: string;
	/** Size of the file in bytes. */
	readonly size: number;
	/** Bytes decoded so far (for progress). */
	readonly bytesRead: number;
	/** The next piece of text; undefined at the end. Throws TextError or BundleInputError. */
	pull(): string | undefined;
}

/** The text of a file: whole, or in pieces (files too big to hold). */
export type FileText = string | TextPieces;

/** A precise problem found while reading text in pieces: reported as the issue it carries. */
export class TextError extends Error {
	constructor(readonly draft: IssueDraft) {
		super(`${draft.file}: ${draft.text ?? ''}`);
		this.name = 'TextError';
	}
}

/** Longest line of a file read in pieces (a line is always held whole). */
export const MAX_LINE_CHARS = 2 ** 28;

/**
 * Iterates the lines of a text with indexOf (much faster than split for big files, and no array of
 * a million strings). Handles LF and CRLF; `line` is the 1-based number of the line last returned.
 * Text in pieces is read as far as the next line break needs, never further.
 */
export class LineReader {
	private pos = 0;
	private buf: string;
	/** 1-based number of the line last returned by next(). */
	line = 0;
	constructor(private readonly text: FileText) {
		this.buf = typeof text === 'string' ? text : '';
	}

	/** The next line without its terminator, or undefined at the end. */
	next(): string | undefined {
		let end = this.buf.indexOf('\n', this.pos);
		if (end < 0 && typeof this.text !== 'string') end = this.fill(this.text);
		const s = this.buf;
		if (this.pos >= s.length) return undefined;
		if (end < 0) end = s.length;
		let stop = end;
		if (stop > this.pos && s.charCodeAt(stop - 1) === 13) stop--;
		const out = s.slice(this.pos, stop);
		this.pos = end + 1;
		this.line++;
		return out;
	}

	/** Pulls pieces until a line break (its index) or the end (-1). */
	private fill(pieces: TextPieces): number {
		for (;;) {
			const more = pieces.pull();
			if (more === undefined) return -1;
			const from = this.buf.length - this.pos;
			this.buf = this.buf.slice(this.pos) + more;
			this.pos = 0;
			const end = this.buf.indexOf('\n', from);
			if (end >= 0) return end;
			if (this.buf.length > MAX_LINE_CHARS) {
				throw new TextError({
					file: pieces.file,
					line: this.line + 1,
					expected: `lines of at most ${MAX_LINE_CHARS} characters`,
					got: `a longer line`,
					text: `line ${this.line + 1} is longer than ${MAX_LINE_CHARS} characters (${MAX_LINE_CHARS / 1024 ** 2} Mi); is this a text file?`
				});
			}
		}
	}

	/** How far into the file the reader is, 0..1 (for progress). */
	get fraction(): number {
		const t = this.text;
		if (typeof t !== 'string') return t.bytesRead / Math.max(1, t.size);
		return Math.min(this.pos, t.length) / Math.max(1, t.length);
	}
}
