/**
 * Path clean-up shared by folder picks and zips: both usually wrap the bundle in one folder
 * (`incident-42/manifest.json`), which is not part of the layout.
 */
import { LAYOUT_FOLDERS, isIgnoredPath, isRootLayoutFile } from './layout';
import type { BundleFile, BundleIssue } from './types';

/** Input that cannot be turned into bundle files at all (an unreadable zip, ...). */
export class BundleInputError extends Error {
	readonly issue: BundleIssue;
	constructor(
		file: string,
		/** The sentence after the file name (for Issues.error, when found mid-parse). */
		readonly text: string
	) {
		super(`${file}: ${text}`);
		this.name = 'BundleInputError';
		this.issue = { severity: 'error', file, message: `${file}: ${text}` };
	}
}

/** '/x\\y/./z' → 'x/y/z': forward slashes, no leading slash, no '.' or empty segments. */
export function normalisePath(path: string): string {
	return path
		.replace(/\\/g, '/')
		.split('/')
		.filter((seg) => seg !== '' && seg !== '.')
		.join('/');
}

/**
 * Removes a folder that wraps every file, unless it is itself part of the layout (a bundle
 * with only `metrics/` must keep that prefix) — a wrapper holding manifest.json is always
 * stripped, whatever its name. Repeats for nested wrappers (`a/b/manifest.json`).
 */
export function stripTopFolder<F extends BundleFile>(files: F[]): F[] {
	let out = files;
	for (;;) {
		const relevant = out.filter((f) => !isIgnoredPath(f.path));
		if (relevant.length === 0) return out;
		const first = relevant[0].path;
		const slash = first.indexOf('/');
		if (slash < 0) return out;
		const prefix = first.slice(0, slash + 1);
		if (!relevant.every((f) => f.path.startsWith(prefix))) return out;
		const folder = prefix.slice(0, -1).toLowerCase();
		const hasRootFile = relevant.some((f) => isRootLayoutFile(f.path.slice(prefix.length)));
		if (LAYOUT_FOLDERS.includes(folder) && !hasRootFile) return out;
		out = relevant.map((f) => ({ ...f, path: f.path.slice(prefix.length) }));
	}
}
