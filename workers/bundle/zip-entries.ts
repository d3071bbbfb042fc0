/**
 * Reads a zip's central directory without inflating anything, so every check that protects memory
 * (encryption, sizes, overlapping entries) runs before a single byte is unpacked. Zip64 included.
 */
import { BundleInputError } from './input-paths';

/** One central-directory record, with where its data really lies. */
export interface ZipEntry {
	/** Name as stored (not normalised). */
	name: string;
	flags: number;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	/** Offset of the local file header. */
	headerOffset: number;
	/** Offset of the compressed data (after the local header); set by locateData. */
	dataOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u64(v: DataView, at: number): number {
	// Bundles are capped far below 2^53 bytes, so a Number holds every valid value.
	return v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
}

function findEnd(v: DataView, zip: string): number {
	const stop = Math.max(0, v.byteLength - 22 - 0xffff);
	for (let i = v.byteLength - 22; i >= stop; i--) if (v.getUint32(i, true) === EOCD) return i;
	throw new BundleInputError(zip, 'not a readable zip archive (no end of central directory)');
}

/** Entry count and central-directory offset, from the classic or the zip64 end record. */
function directory(v: DataView, zip: string): { count: number; offset: number } {
	const end = findEnd(v, zip);
	let count = v.getUint16(end + 10, true);
	let offset = v.getUint32(end + 16, true);
	if (count === 0xffff || offset === 0xffffffff) {
		const loc = end - 20;
		if (loc < 0 || v.getUint32(loc, true) !== LOCATOR64) {
			throw new BundleInputError(zip, 'not a readable zip archive (zip64 locator missing)');
		}
		const at = u64(v, loc + 8);
		if (at + 56 > v.byteLength || v.getUint32(at, true) !== EOCD64) {
			throw new BundleInputError(zip, 'not a readable zip archive (zip64 end record missing)');
		}
		count = u64(v, at + 32);
		offset = u64(v, at + 48);
	}
	return { count, offset };
}

/** Applies the zip64 extra field (id 1) to the sizes and offset saturated at 0xffffffff. */
function zip64Extra(v: DataView, from: number, to: number, e: ZipEntry): void {
	for (let i = from; i + 4 <= to;) {
		const id = v.getUint16(i, true);
		const len = v.getUint16(i + 2, true);
		if (id === 1) {
			let p = i + 4;
			const take = (): number => {
				if (p + 8 > to) return NaN;
				p += 8;
				return u64(v, p - 8);
			};
			if (e.size === 0xffffffff) e.size = take();
			if (e.compressedSize === 0xffffffff) e.compressedSize = take();
			if (e.headerOffset === 0xffffffff) e.headerOffset = take();
			return;
		}
		i += 4 + len;
	}
}

/** Every central-directory entry, in directory order. Throws BundleInputError when unreadable. */
export function readEntries(bytes: Uint8Array, zip: string): ZipEntry[] {
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (v.byteLength < 22) throw new BundleInputError(zip, 'not a readable zip archive (too short)');
	const { count, offset } = directory(v, zip);
	const latin1 = new TextDecoder('latin1');
	const utf8 = new TextDecoder('utf-8');
	const entries: ZipEntry[] = [];
	let p = offset;
	for (let k = 0; k < count; k++) {
		if (p + 46 > v.byteLength || v.getUint32(p, true) !== CENTRAL) {
			throw new BundleInputError(
				zip,
				`not a readable zip archive (central directory entry ${k + 1} is damaged)`
			);
		}
		const nameLen = v.getUint16(p + 28, true);
		const extraLen = v.getUint16(p + 30, true);
		const commentLen = v.getUint16(p + 32, true);
		const flags = v.getUint16(p + 8, true);
		const raw = bytes.subarray(p + 46, p + 46 + nameLen);
		const e: ZipEntry = {
			name: (flags & 0x800 ? utf8 : latin1).decode(raw),
			flags,
			method: v.getUint16(p + 10, true),
			crc: v.getUint32(p + 16, true),
			compressedSize: v.getUint32(p + 20, true),
			size: v.getUint32(p + 24, true),
			headerOffset: v.getUint32(p + 42, true),
			dataOffset: 0
		};
		zip64Extra(v, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
		entries.push(e);
		p += 46 + nameLen + extraLen + commentLen;
	}
	locateData(v, entries, offset, zip);
	return entries;
}

/**
 * Finds each entry's data behind its local header and refuses entries whose data overlap: many
 * directory records pointing at one compressed block would otherwise multiply a small archive
 * into gigabytes ("overlap" zip bombs).
 */
function locateData(v: DataView, entries: ZipEntry[], directoryAt: number, zip: string): void {
	const byOffset = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
	let prevEnd = 0;
	let prev: ZipEntry | undefined;
	for (const e of byOffset) {
		const h = e.headerOffset;
		if (!(h + 30 <= v.byteLength) || v.getUint32(h, true) !== LOCAL) {
			throw new BundleInputError(
				zip,
				`not a readable zip archive (entry "${e.name}" has no local header)`
			);
		}
		if (prev && h < prevEnd) {
			throw new BundleInputError(
				zip,
				`entries "${prev.name}" and "${e.name}" overlap in the archive (a zip bomb pattern); re-create the zip`
			);
		}
		e.dataOffset = h + 30 + v.getUint16(h + 26, true) + v.getUint16(h + 28, true);
		const end = e.dataOffset + e.compressedSize;
		if (!(end <= directoryAt) || !Number.isFinite(end)) {
			throw new BundleInputError(
				zip,
				`not a readable zip archive (entry "${e.name}" runs past its data)`
			);
		}
		prevEnd = end;
		prev = e;
	}
}
