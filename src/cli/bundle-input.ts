/** Reading a bundle from disk for the CLI: a folder (recursively), a .zip or a single .json. */
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { parseBundle } from '$workers/bundle/parse';
import type { BundleFile, BundleIssue, ParseResult } from '$workers/bundle/types';
import { UsageError } from './io';

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
		files.push({ path, bytes: new Uint8Array(await readFile(full)) });
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
	return [{ path: basename(path), bytes: new Uint8Array(await readFile(path)) }];
}

/** Reads and parses a bundle; input problems come back as issues, never as exceptions. */
export async function loadBundle(path: string): Promise<ParseResult> {
	return parseBundle(await readBundleFiles(path));
}

/** `file:line field — message`, the form editors and terminals can jump to. */
export function formatIssue(issue: BundleIssue): string {
	const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
	const field = issue.field ? ` ${issue.field}` : '';
	return `${where}${field} — ${issue.message}`;
}
