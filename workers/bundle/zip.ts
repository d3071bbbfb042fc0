/**
 * Zip input. We read the central directory ourselves (zip-entries.ts) so that encryption, duplicate
 * names, overlapping entries and the size cap are refused before anything is inflated, then inflate
 * each needed entry in small steps into a buffer of its declared size, checking size and CRC-32.
 * Peak memory is the archive plus the declared sizes of the files we keep, never more.
 */
import { Inflate } from 'fflate';
import { crc32 } from './crc32';
import { isIgnoredPath, isJunkFile, isRootLayoutFile, roleOf, baseName } from './layout';
import { BundleInputError, normalisePath, stripTopFolder } from './input-paths';
import type { BundleFile } from './types';
import { readEntries, type ZipEntry } from './zip-entries';

/** Refuse archives whose files add up to more than this when unpacked (1.5 GiB). */
export const MAX_UNZIPPED_BYTES = 1.5 * 1024 ** 3;

/** Compressed bytes handed to the inflater at once: bounds each output step to ~16 MiB. */
const STEP = 16 * 1024;

/** True when the bytes start with a zip local-file or empty-archive signature. */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return (
		bytes[0] === 0x50 &&
		bytes[1] === 0x4b &&
		(bytes[2] === 3 || bytes[2] === 5) &&
		bytes[3] === bytes[2] + 1
	);
}

/**
 * Unpacks a zipped bundle into bundle files: directories and `__MACOSX/` entries are dropped and a
 * single top-level folder is stripped. Files outside the layout are listed with empty bytes (the
 * reader only warns about them), so they are never inflated. Throws BundleInputError when the
 * archive is unreadable, encrypted, damaged (CRC or size mismatch) or ambiguous (duplicates).
 */
export function unzipBundle(bytes: Uint8Array, name = 'bundle.zip'): BundleFile[] {
	const listed = readEntries(bytes, name)
		.filter((e) => !e.name.endsWith('/') && !isIgnoredPath(normalisePath(e.name)))
		.map((e) => ({ path: normalisePath(e.name), bytes: new Uint8Array(0), entry: e }));
	refuseDuplicates(listed, name);
	// Placeholders are distinct objects, so they map stripped paths back to their entries.
	const byPlaceholder = new Map<Uint8Array, ZipEntry>(listed.map((f) => [f.bytes, f.entry]));
	const files = stripTopFolder(listed.filter((f) => f.path !== ''));
	const needed = files.filter((f) => isNeeded(f.path, files));
	let total = 0;
	for (const f of needed) {
		const e = byPlaceholder.get(f.bytes)!;
		if (e.flags & 1) {
			throw new BundleInputError(
				name,
				`entry "${e.name}" is encrypted; zip the bundle without a password`
			);
		}
		total += e.size;
		if (!(total <= MAX_UNZIPPED_BYTES)) {
			throw new BundleInputError(
				name,
				`the archive unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 ** 3} GiB; split the bundle or drop large files`
			);
		}
	}
	return files.map((f) =>
		needed.includes(f)
			? { path: f.path, bytes: inflateEntry(bytes, byPlaceholder.get(f.bytes)!, name) }
			: f
	);
}

/** Layout files, and the one .json of a zipped single-JSON bundle, are read; the rest only named. */
function isNeeded(path: string, files: BundleFile[]): boolean {
	if (roleOf(path) !== 'unknown') return true;
	const real = files.filter((f) => !isJunkFile(f.path));
	return (
		real.length === 1 &&
		!path.includes('/') &&
		path.toLowerCase().endsWith('.json') &&
		!isRootLayoutFile(baseName(path))
	);
}

/** Two entries with the same path (ignoring case, as the layout does) make the bundle ambiguous. */
function refuseDuplicates(files: { path: string; entry: ZipEntry }[], zip: string): void {
	const seen = new Map<string, ZipEntry>();
	for (const f of files) {
		const key = f.path.toLowerCase();
		const first = seen.get(key);
		if (first) {
			throw new BundleInputError(
				zip,
				`entries "${first.name}" and "${f.entry.name}" name the same file; keep only one`
			);
		}
		seen.set(key, f.entry);
	}
}

function inflateEntry(zip: Uint8Array, e: ZipEntry, name: string): Uint8Array {
	const data = zip.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
	const fail = (what: string) =>
		new BundleInputError(
			name,
			`${what} in ${e.name}; the archive is damaged, nothing was imported`
		);
	let out: Uint8Array;
	if (e.method === 0) {
		if (e.compressedSize !== e.size) throw fail('size mismatch');
		out = data;
	} else if (e.method === 8) {
		out = inflateInSteps(data, e.size, fail);
	} else {
		throw new BundleInputError(
			name,
			`entry "${e.name}" uses compression method ${e.method}; re-create the zip with the standard method (deflate)`
		);
	}
	if (crc32(out) !== e.crc) throw fail('CRC mismatch');
	return out;
}

/** Inflates into a buffer of the declared size, stopping as soon as the data would exceed it. */
function inflateInSteps(
	data: Uint8Array,
	size: number,
	fail: (what: string) => BundleInputError
): Uint8Array {
	const out = new Uint8Array(size);
	let pos = 0;
	const inflater = new Inflate((chunk) => {
		if (pos + chunk.length > size) throw fail('size mismatch (more data than the declared size)');
		out.set(chunk, pos);
		pos += chunk.length;
	});
	try {
		for (let i = 0; i < data.length; i += STEP) {
			inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
		}
		if (data.length === 0) inflater.push(data, true);
	} catch (err) {
		if (err instanceof BundleInputError) throw err;
		throw fail(`corrupt compressed data (${err instanceof Error ? err.message : String(err)})`);
	}
	if (pos !== size) throw fail('size mismatch (less data than the declared size)');
	return out;
}
