/**
 * Zip input. We read the central directory ourselves (zip-entries.ts) so that encryption, duplicate
 * names, overlapping entries and the size cap are refused before anything is inflated. Each needed
 * entry becomes a lazy file: it is inflated in small steps only when the reader gets to it, checked
 * against its declared size and CRC-32 as it goes, so at most one file is unpacked at a time and
 * a streamed file never whole. Peak memory is the archive (none when it is read from disk) plus
 * what the reader of the current file holds.
 */
import { Inflate } from 'fflate';
import { crc32 } from './crc32';
import { isIgnoredPath, isJunkFile, isRootLayoutFile, roleOf, baseName } from './layout';
import { BundleInputError, normalisePath, stripTopFolder } from './input-paths';
import type { BundleFile, LazyContent } from './types';
import { bytesAsZipData, readEntries, type ZipData, type ZipEntry } from './zip-entries';

/**
 * Default cap on what an archive's needed files add up to when unpacked (1.5 GiB). parseBundle
 * keeps every parsed row in memory, so this bounds `aitia run`; the browser import and `aitia
 * validate`, which keep no log rows or spans, pass higher caps (see ParseOptions).
 */
export const MAX_UNZIPPED_BYTES = 1.5 * 1024 ** 3;

/**
 * Cap of the browser import (2 GiB), which writes log lines and spans to storage as it parses
 * (stageBundle): its memory no longer grows with them, and `npm run bench -- import-memory`
 * measured a 2 GiB bundle within 1 GiB (docs/bundle-format.md, Memory). Raise it only with a
 * measurement of the bigger size.
 */
export const MAX_STAGED_UNZIPPED_BYTES = 2 * 1024 ** 3;

/**
 * Cap of a check that keeps no log rows or spans (checkBundle, `aitia validate`): memory no longer grows
 * with the archive there, so this only bounds the time a hostile archive can take (8 GiB).
 */
export const MAX_CHECKED_UNZIPPED_BYTES = 8 * 1024 ** 3;

/** Compressed bytes handed to the inflater at once: bounds each output step to ~16 MiB. */
const STEP = 16 * 1024;
/** Stored (uncompressed) entries are handed out in pieces of this size. */
const STORED_STEP = 1024 * 1024;
/** Bytes of the archive read at once. */
const READ_BLOCK = 1024 * 1024;

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
 * Lists a zipped bundle as bundle files: directories and `__MACOSX/` entries are dropped and a
 * single top-level folder is stripped. Needed files are lazy (inflated when read, see
 * BundleFile.lazy); files outside the layout are listed with empty bytes (the reader only warns
 * about them), so they are never inflated. Throws BundleInputError when the archive is
 * unreadable, encrypted, uses an unknown method, is ambiguous (duplicates) or unpacks to more than
 * `maxBytes`; a damaged entry (CRC or size mismatch) throws when it is read.
 */
export function unzipBundle(
	zip: Uint8Array | ZipData,
	name = 'bundle.zip',
	maxBytes = MAX_UNZIPPED_BYTES
): BundleFile[] {
	const data = zip instanceof Uint8Array ? bytesAsZipData(zip) : zip;
	const listed = readEntries(data, name)
		.filter((e) => !e.name.endsWith('/') && !isIgnoredPath(normalisePath(e.name)))
		.map((e) => ({ path: normalisePath(e.name), bytes: new Uint8Array(0), entry: e }));
	refuseDuplicates(listed, name);
	const files = stripTopFolder(listed.filter((f) => f.path !== ''));
	const needed = files.filter((f) => isNeeded(f.path, files));
	let total = 0;
	for (const { entry: e } of needed) {
		if (e.flags & 1) {
			throw new BundleInputError(
				name,
				`entry "${e.name}" is encrypted; zip the bundle without a password`
			);
		}
		if (e.method !== 0 && e.method !== 8) {
			throw new BundleInputError(
				name,
				`entry "${e.name}" uses compression method ${e.method}; re-create the zip with the standard method (deflate)`
			);
		}
		total += e.size;
		if (!(total <= maxBytes)) {
			throw new BundleInputError(
				name,
				`the archive unpacks to more than ${+(maxBytes / 1024 ** 3).toFixed(2)} GiB; split the bundle or drop large files`
			);
		}
	}
	return files.map(({ path, bytes, entry }) =>
		needed.some((f) => f.entry === entry)
			? { path, bytes, lazy: entryContent(data, entry, name) }
			: { path, bytes }
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

/** An entry as lazy content: every chunks() call inflates it again from its start. */
function entryContent(zip: ZipData, e: ZipEntry, name: string): LazyContent {
	return { size: e.size, chunks: () => entryChunks(zip, e, name) };
}

/**
 * Inflates one entry in steps, yielding what each step produced; the size is checked as soon as
 * the data would exceed it and the CRC-32 at the end, so a damaged entry throws before its last
 * chunk is handed out as good data.
 */
function* entryChunks(zip: ZipData, e: ZipEntry, name: string): Generator<Uint8Array, undefined> {
	const fail = (what: string) =>
		new BundleInputError(
			name,
			`${what} in ${e.name}; the archive is damaged, nothing was imported`
		);
	if (e.method === 0 && e.compressedSize !== e.size) throw fail('size mismatch');
	let pos = 0;
	let crc = 0;
	let held: Uint8Array | undefined;
	const out: Uint8Array[] = [];
	const inflater = new Inflate((chunk) => {
		if (pos + chunk.length > e.size) {
			throw fail('size mismatch (more data than the declared size)');
		}
		pos += chunk.length;
		out.push(chunk);
	});
	const step = e.method === 0 ? STORED_STEP : STEP;
	// The archive is read in blocks (each read of a file on disk or a Blob has a fixed cost).
	let block: Uint8Array = new Uint8Array(0);
	let blockAt = 0;
	for (let i = 0; i < e.compressedSize || i === 0; i += step) {
		const n = Math.min(step, e.compressedSize - i);
		if (i + n > blockAt + block.length) {
			blockAt = i;
			block = zip.read(e.dataOffset + i, Math.min(READ_BLOCK, e.compressedSize - i));
		}
		const data = block.subarray(i - blockAt, i - blockAt + n);
		const last = i + step >= e.compressedSize;
		if (e.method === 0) {
			pos += data.length;
			out.push(data);
		} else {
			try {
				inflater.push(data, last);
			} catch (err) {
				if (err instanceof BundleInputError) throw err;
				const why = err instanceof Error ? err.message : String(err);
				throw fail(`corrupt compressed data (${why})`);
			}
		}
		// One chunk is held back so the CRC of the whole entry is known before its end is yielded.
		for (const chunk of out) {
			crc = crc32(chunk, crc);
			if (held) yield held;
			held = chunk;
		}
		out.length = 0;
		if (last) break;
	}
	if (pos !== e.size) throw fail('size mismatch (less data than the declared size)');
	if (crc !== e.crc) throw fail('CRC mismatch');
	if (held) yield held;
	return undefined;
}
