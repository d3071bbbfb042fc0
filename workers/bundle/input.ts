/**
 * Normalises what the UI hands over — the files of a picked folder, one .zip, or one .json —
 * into bundle files in the folder layout (or a lone single-JSON bundle file).
 */
import { baseName, isIgnoredPath, isJunkFile, isRootLayoutFile } from './layout';
import { normalisePath, stripTopFolder } from './input-paths';
import { headBytes, wholeBytes } from './file-content';
import type { BundleFile } from './types';
import { looksLikeZip, MAX_UNZIPPED_BYTES, unzipBundle } from './zip';

export { BundleInputError, normalisePath, stripTopFolder } from './input-paths';

/**
 * Folder pick → paths relative to the bundle root (a shared top folder stripped, `__MACOSX/`
 * dropped); a single .zip → its unpacked files; a single .json → that file under its base name
 * (a single-JSON bundle). Throws BundleInputError for an unreadable zip, or one that unpacks to
 * more than `maxUnzipped` bytes.
 */
export function bundleFilesFromInput(
	files: BundleFile[],
	maxUnzipped = MAX_UNZIPPED_BYTES
): BundleFile[] {
	const cleaned = files
		.map((f) => ({ ...f, path: normalisePath(f.path) }))
		.filter((f) => f.path !== '' && !isIgnoredPath(f.path));
	const stripped = stripTopFolder(cleaned);
	const real = stripped.filter((f) => !isJunkFile(f.path));
	if (real.length === 1) {
		const only = real[0];
		const lower = only.path.toLowerCase();
		if (lower.endsWith('.zip') || (looksLikeZip(headBytes(only, 4)) && !lower.endsWith('.json'))) {
			// An archive on disk is read in place; one in memory (or only streamable) as bytes.
			const read = only.lazy?.read?.bind(only.lazy);
			const zip = read ? { size: only.lazy!.size, read } : wholeBytes(only);
			return unzipBundle(zip, baseName(only.path), maxUnzipped);
		}
		if (isSingleJsonPath(only.path)) return [{ ...only, path: baseName(only.path) }];
	}
	return stripped;
}

function isSingleJsonPath(path: string): boolean {
	return path.toLowerCase().endsWith('.json') && !isRootLayoutFile(baseName(path));
}

/** True when the files are a single-JSON bundle (one non-layout .json, maybe plus OS junk). */
export function isSingleJsonBundle(files: BundleFile[]): boolean {
	const real = files.filter((f) => !isJunkFile(f.path) && !isIgnoredPath(f.path));
	return real.length === 1 && !real[0].path.includes('/') && isSingleJsonPath(real[0].path);
}
