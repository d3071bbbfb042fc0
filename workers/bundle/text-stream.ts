/**
 * A big file's text in pieces: its bytes are pulled chunk by chunk from a lazy file (a zip entry
 * inflating, a file on disk) and decoded with a streaming TextDecoder, so neither the bytes nor
 * the text are ever whole. The encoding is detected as for whole files (text.ts), and invalid
 * UTF-8 is reported with the same words: its byte, byte offset and line.
 */
import {
	TextError,
	detectEncoding,
	invalidUtf8Issue,
	invalidUtf8Offset,
	undecodableIssue,
	type TextEncoding,
	type TextPieces
} from './text';
import type { Sha256 } from '../shared/sha256';
import type { LazyContent } from './types';

/** Characters decoded ahead for content detection (the first lines of an export). */
const HEAD_CHARS = 64 * 1024;

/** Start of an unfinished UTF-8 sequence at the end of `b` (b.length when there is none). */
function unfinishedTail(b: Uint8Array): number {
	for (let k = 1; k <= 3 && k <= b.length; k++) {
		const c = b[b.length - k];
		if ((c & 0xc0) === 0x80) continue;
		const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		return k < need ? b.length - k : b.length;
	}
	return b.length;
}

/** The last 3 bytes of `prev` followed by `next` (chunks may be shorter than a character). */
function lastBytes(prev: Uint8Array, next: Uint8Array): Uint8Array {
	if (next.length >= 3) return next.slice(next.length - 3);
	const both = new Uint8Array(prev.length + next.length);
	both.set(prev);
	both.set(next, prev.length);
	return both.slice(Math.max(0, both.length - 3));
}

function* hashing(
	it: Iterator<Uint8Array, undefined>,
	hash: Sha256
): Generator<Uint8Array, undefined> {
	try {
		for (let r = it.next(); !r.done; r = it.next()) {
			hash.update(r.value);
			yield r.value;
		}
	} finally {
		it.return?.(undefined);
	}
	return undefined;
}

function countNewlines(s: string): number {
	let n = 0;
	for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
	return n;
}

export class TextStream implements TextPieces {
	readonly size: number;
	bytesRead = 0;
	/** The first characters of the text (at least HEAD_CHARS, or all of it): for detection. */
	readonly head: string;
	/** True when `head` is the whole text. */
	readonly isWhole: boolean;
	private readonly it: Iterator<Uint8Array, undefined>;
	private readonly decoder: TextDecoder;
	private readonly encoding: TextEncoding;
	private pendingHead: string | undefined;
	/** The last 3 bytes decoded (an unfinished sequence there locates an error in the next chunk). */
	private prev: Uint8Array = new Uint8Array(0);
	private newlines = 0;
	private done = false;

	/** `hash` sees every byte of the file (see drain). */
	constructor(
		readonly file: string,
		content: LazyContent,
		hash?: Sha256
	) {
		this.size = content.size;
		this.it = hash ? hashing(content.chunks(), hash) : content.chunks();
		const first = this.firstBytes();
		const { encoding, bomLength } = detectEncoding(first);
		this.encoding = encoding;
		this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
		let head = this.decode(first.subarray(bomLength), bomLength, false);
		while (head.length < HEAD_CHARS && !this.done) head += this.next() ?? '';
		this.head = head;
		this.pendingHead = head;
		this.isWhole = this.done;
	}

	pull(): string | undefined {
		if (this.pendingHead !== undefined) {
			const head = this.pendingHead;
			this.pendingHead = undefined;
			if (head !== '') return head;
		}
		for (;;) {
			if (this.done) return undefined;
			const piece = this.next();
			if (piece) return piece;
		}
	}

	/** Reads to the end (so a hash has seen every byte), whatever the reader left. */
	drain(): void {
		this.pendingHead = undefined;
		while (!this.done) this.next();
	}

	/** Stops reading early (closes a file on disk). */
	close(): void {
		this.done = true;
		this.it.return?.(undefined);
	}

	/** At least 4 KiB (what detectEncoding looks at), unless the file is shorter. */
	private firstBytes(): Uint8Array {
		const parts: Uint8Array[] = [];
		let n = 0;
		while (n < 4096) {
			const r = this.it.next();
			if (r.done) break;
			parts.push(r.value);
			n += r.value.length;
		}
		if (parts.length === 1) return parts[0];
		const out = new Uint8Array(n);
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	}

	private next(): string | undefined {
		const r = this.it.next();
		if (r.done) {
			const rest = this.decode(new Uint8Array(0), this.bytesRead, true);
			this.done = true;
			return rest;
		}
		return this.decode(r.value, this.bytesRead, false);
	}

	/** Decodes `bytes`, which start at byte `at` of the file; `last` flushes the decoder. */
	private decode(bytes: Uint8Array, at: number, last: boolean): string {
		let text: string;
		try {
			text = this.decoder.decode(bytes, { stream: !last });
		} catch (err) {
			this.close();
			throw new TextError(this.failure(bytes, at, err));
		}
		this.bytesRead = at + bytes.length;
		this.prev = lastBytes(this.prev, bytes);
		this.newlines += countNewlines(text);
		return text;
	}

	private failure(bytes: Uint8Array, at: number, err: unknown) {
		if (this.encoding !== 'utf-8')
			return undecodableIssue(this.file, this.size, this.encoding, err);
		// The decoder may still hold the unfinished sequence that ended the previous chunk.
		const tail = this.prev.subarray(unfinishedTail(this.prev));
		const scan = new Uint8Array(tail.length + bytes.length);
		scan.set(tail);
		scan.set(bytes, tail.length);
		const off = Math.min(invalidUtf8Offset(scan), Math.max(0, scan.length - 1));
		let line = 1 + this.newlines;
		for (let i = 0; i < off; i++) if (scan[i] === 10) line++;
		return invalidUtf8Issue(this.file, scan[off], at - tail.length + off, line);
	}
}
