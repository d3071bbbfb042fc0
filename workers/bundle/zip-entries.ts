/**
 * Reads a zip's central directory without inflating anything, so every check that protects memory
 * (encryption, sizes, overlapping entries) runs before a single byte is unpacked. Zip64 included.
 * The archive is read through ZipData, so an archive on disk is never loaded whole: only its end
 * records, its central directory and 30 bytes of each local header.
 */
import { BundleInputError } from './input-paths';

/** Random access to an archive: in memory (bytesAsZipData) or on disk (the CLI). */
export interface ZipData {
	/** Archive size in bytes. */
	size: number;
	/** Bytes [at, at + length), clamped to the archive (shorter near its end, empty past it). */
	read(at: number, length: number): Uint8Array;
}

/** An archive already in memory. */
export function bytesAsZipData(bytes: Uint8Array): ZipData {
	return { size: bytes.length, read: (at, length) => bytes.subarray(at, at + length) };
}

function view(b: Uint8Array): DataView {
	return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

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

/** Absolute offset of the end-of-central-directory record (searched in the last 64 KiB). */
function findEnd(zip: ZipData, name: string): number {
	const from = Math.max(0, zip.size - 22 - 0xffff);
	const tail = zip.read(from, zip.size - from);
	const v = view(tail);
	for (let i = tail.length - 22; i >= 0; i--) if (v.getUint32(i, true) === EOCD) return from + i;
	throw new BundleInputError(name, 'not a readable zip archive (no end of central directory)');
}

/**
 * Entry count, central-directory offset, and where the directory must end (the end record), from
 * the classic or the zip64 end record.
 */
function directory(zip: ZipData, name: string): { count: number; offset: number; end: number } {
	const end = findEnd(zip, name);
	const eocd = view(zip.read(end, 22));
	let count = eocd.getUint16(10, true);
	let offset = eocd.getUint32(16, true);
	if (count === 0xffff || offset === 0xffffffff) {
		const loc = end - 20;
		const locator = loc < 0 ? undefined : view(zip.read(loc, 20));
		if (!locator || locator.getUint32(0, true) !== LOCATOR64) {
			throw new BundleInputError(name, 'not a readable zip archive (zip64 locator missing)');
		}
		const at = u64(locator, 8);
		const record = at + 56 > zip.size ? undefined : view(zip.read(at, 56));
		if (!record || record.getUint32(0, true) !== EOCD64) {
			throw new BundleInputError(name, 'not a readable zip archive (zip64 end record missing)');
		}
		count = u64(record, 32);
		offset = u64(record, 48);
		return { count, offset, end: at };
	}
	return { count, offset, end };
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
export function readEntries(zip: ZipData, name: string): ZipEntry[] {
	if (zip.size < 22) throw new BundleInputError(name, 'not a readable zip archive (too short)');
	const { count, offset, end } = directory(zip, name);
	// A valid directory lies between its offset and the end record; reading no further bounds
	// memory for a hostile offset as well.
	const cd = count === 0 ? new Uint8Array(0) : zip.read(offset, Math.max(0, end - offset));
	const v = view(cd);
	const latin1 = new TextDecoder('latin1');
	const utf8 = new TextDecoder('utf-8');
	const entries: ZipEntry[] = [];
	let p = 0;
	for (let k = 0; k < count; k++) {
		const damaged = () =>
			new BundleInputError(
				name,
				`not a readable zip archive (central directory entry ${k + 1} is damaged)`
			);
		if (p + 46 > cd.length || v.getUint32(p, true) !== CENTRAL) throw damaged();
		const nameLen = v.getUint16(p + 28, true);
		const extraLen = v.getUint16(p + 30, true);
		const commentLen = v.getUint16(p + 32, true);
		if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw damaged();
		const flags = v.getUint16(p + 8, true);
		const raw = cd.subarray(p + 46, p + 46 + nameLen);
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
	locateData(zip, entries, offset, name);
	return entries;
}

/**
 * Finds each entry's data behind its local header and refuses entries whose data overlap: many
 * directory records pointing at one compressed block would otherwise multiply a small archive
 * into gigabytes ("overlap" zip bombs).
 */
function locateData(zip: ZipData, entries: ZipEntry[], directoryAt: number, name: string): void {
	const byOffset = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
	let prevEnd = 0;
	let prev: ZipEntry | undefined;
	for (const e of byOffset) {
		const h = e.headerOffset;
		const local = h + 30 <= zip.size ? view(zip.read(h, 30)) : undefined;
		if (!local || local.getUint32(0, true) !== LOCAL) {
			throw new BundleInputError(
				name,
				`not a readable zip archive (entry "${e.name}" has no local header)`
			);
		}
		if (prev && h < prevEnd) {
			throw new BundleInputError(
				name,
				`entries "${prev.name}" and "${e.name}" overlap in the archive (a zip bomb pattern); re-create the zip`
			);
		}
		e.dataOffset = h + 30 + local.getUint16(26, true) + local.getUint16(28, true);
		const end = e.dataOffset + e.compressedSize;
		if (!(end <= directoryAt) || !Number.isFinite(end)) {
			throw new BundleInputError(
				name,
				`not a readable zip archive (entry "${e.name}" runs past its data)`
			);
		}
		prevEnd = end;
		prev = e;
	}
}
