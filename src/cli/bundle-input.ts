/**
 * Reading a bundle from disk for the CLI: a folder (recursively), a .zip or a single .json. Files
 * are lazy (BundleFile.lazy): read from disk when the parser gets to them, a zip in place by
 * offset, so no more than one file is in memory at a time.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { checkBundle, parseBundle } from '$workers/bundle/parse';
import type {
	BundleFile,
	BundleIssue,
	CheckResult,
	LazyContent,
	ParseResult
} from '$workers/bundle/types';
import { MAX_CHECKED_UNZIPPED_BYTES } from '$workers/bundle/zip';
import { UsageError } from './io';

/** Bytes read from disk at once. */
const CHUNK = 1024 * 1024;

/** A regular file of `size` bytes as lazy content: chunks in order, or any range. */
function diskContent(path: string, size: number): LazyContent {
	const readAt = (fd: number, at: number, length: number): Uint8Array => {
		const buf = new Uint8Array(Math.max(0, Math.min(length, size - at)));
		const n = buf.length ? readSync(fd, buf, 0, buf.length, at) : 0;
		return n === buf.length ? buf : buf.subarray(0, n);
	};
	return {
		size,
		*chunks() {
			const fd = openSync(path, 'r');
			try {
				for (let at = 0; at < size;) {
					const piece = readAt(fd, at, CHUNK);
					// A file that shrank since stat ends early; wholeBytes reports the size change.
					if (piece.length === 0) break;
					yield piece;
					at += piece.length;
				}
			} finally {
				closeSync(fd);
			}
			return undefined;
		},
		read(at, length) {
			const fd = openSync(path, 'r');
			try {
				return readAt(fd, at, length);
			} finally {
				closeSync(fd);
			}
		}
	};
}

const lazyFile = (path: string, full: string, info: Stats): BundleFile => ({
	path,
	bytes: new Uint8Array(0),
	lazy: diskContent(full, info.size)
});

/** What a non-regular directory entry is, in words (for the refusal message). */
function kindOf(info: Stats): string {
	if (info.isFIFO()) return 'a named pipe (FIFO)';
	if (info.isSocket()) return 'a socket';
	if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
	return 'not a regular file';
}

async function readFolder(root: string): Promise<BundleFile[]> {
	const files: BundleFile[] = [];
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	for (const entry of entries) {
		if (entry.isDirectory()) continue;
		const full = join(entry.parentPath, entry.name);
		// Bundle paths are '/'-separated on every platform.
		const path = relative(root, full).split(sep).join('/');
		// Symlinks are followed (a linked manifest.json is still the manifest); anything that is not
		// a regular file in the end is refused by name rather than skipped or read forever.
		let info: Stats;
		try {
			info = await stat(full);
		} catch {
			throw new UsageError(`${path}: is a broken symbolic link`);
		}
		if (info.isDirectory()) continue;
		if (!info.isFile())
			throw new UsageError(`${path}: is ${kindOf(info)}; a bundle holds regular files only`);
		files.push(lazyFile(path, full, info));
	}
	return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The files at `path` as parseBundle expects them. A folder yields its files relative to it; a
 * file (.zip or .json) is handed over under its own name, and parseBundle unpacks or reads it.
 */
export async function readBundleFiles(path: string): Promise<BundleFile[]> {
	let info;
	try {
		info = await stat(path);
	} catch {
		throw new UsageError(`no such file or folder: ${path}`);
	}
	if (info.isDirectory()) return readFolder(path);
	// /dev/zero, a FIFO or a socket would be read forever (or block): refuse them up front.
	if (!info.isFile())
		throw new UsageError(`${path}: is ${kindOf(info)}; give a bundle folder, .zip or .json`);
	return [lazyFile(basename(path), path, info)];
}

/** Reads and parses a bundle; input problems come back as issues, never as exceptions. */
export async function loadBundle(path: string): Promise<ParseResult> {
	return parseBundle(await readBundleFiles(path));
}

/**
 * Checks a bundle without keeping its log rows (checkBundle): big files are read in pieces, so
 * memory does not grow with the logs, and zips up to MAX_CHECKED_UNZIPPED_BYTES are accepted.
 */
export async function checkBundleAt(path: string): Promise<CheckResult> {
	return checkBundle(await readBundleFiles(path), { maxUnzippedBytes: MAX_CHECKED_UNZIPPED_BYTES });
}

/** `file:line field — message`, the form editors and terminals can jump to. */
export function formatIssue(issue: BundleIssue): string {
	const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
	const field = issue.field ? ` ${issue.field}` : '';
	return `${where}${field} — ${issue.message}`;
}
