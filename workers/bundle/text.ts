/**
 * Bytes → text. Bundles come from many tools (Excel on Windows writes UTF-16 or a UTF-8 BOM), so we
 * detect the encoding instead of assuming UTF-8, and name the exact byte when UTF-8 is invalid.
 */
import type { Issues } from './issues';

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

/** Decodes a file, reporting undecodable content as an error; undefined when it failed. */
export function decodeText(file: string, bytes: Uint8Array, issues: Issues): string | undefined {
	const { encoding, bomLength } = detectEncoding(bytes);
	const body = bytes.subarray(bomLength);
	try {
		return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
	} catch {
		if (encoding !== 'utf-8') {
			issues.error({
				file,
				text: `could not decode the file as ${encoding.toUpperCase()} (odd length or an unpaired surrogate)`
			});
			return undefined;
		}
		const at = invalidUtf8Offset(body);
		const offset = at + bomLength;
		issues.error({
			file,
			line: lineAtOffset(bytes, offset),
			expected: 'UTF-8 (or UTF-16 with a byte order mark) text',
			got: `byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte offset ${offset}`,
			text: `invalid UTF-8: byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte offset ${offset} cannot start or continue a character; save the file as UTF-8`
		});
		return undefined;
	}
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
 * Iterates the lines of a text with indexOf (much faster than split for big files, and no array of
 * a million strings). Handles LF and CRLF; `line` is the 1-based number of the line last returned.
 */
export class LineReader {
	private pos = 0;
	/** 1-based number of the line last returned by next(). */
	line = 0;
	constructor(private readonly text: string) {}

	/** The next line without its terminator, or undefined at the end. */
	next(): string | undefined {
		const s = this.text;
		if (this.pos >= s.length) return undefined;
		let end = s.indexOf('\n', this.pos);
		if (end < 0) end = s.length;
		let stop = end;
		if (stop > this.pos && s.charCodeAt(stop - 1) === 13) stop--;
		const out = s.slice(this.pos, stop);
		this.pos = end + 1;
		this.line++;
		return out;
	}

	/** Characters consumed so far (for progress). */
	get offset(): number {
		return Math.min(this.pos, this.text.length);
	}
}
