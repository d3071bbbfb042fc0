/**
 * Normalises what the UI hands over — the files of a picked folder, one .zip, or one .json —
 * into bundle files in the folder layout (or a lone single-JSON bundle file).
 */
import { baseName, isIgnoredPath, isJunkFile, isRootLayoutFile } from './layout';
import { normalisePath, stripTopFolder } from './input-paths';
import type { BundleFile } from './types';
import { looksLikeZip, unzipBundle } from './zip';

export { BundleInputError, normalisePath, stripTopFolder } from './input-paths';

/**
 * Folder pick → paths relative to the bundle root (a shared top folder stripped, `__MACOSX/`
 * dropped); a single .zip → its unpacked files; a single .json → that file under its base name
 * (a single-JSON bundle). Throws BundleInputError for an unreadable zip.
 */
export function bundleFilesFromInput(files: BundleFile[]): BundleFile[] {
	const cleaned = files
		.map((f) => ({ path: normalisePath(f.path), bytes: f.bytes }))
		.filter((f) => f.path !== '' && !isIgnoredPath(f.path));
	const stripped = stripTopFolder(cleaned);
	const real = stripped.filter((f) => !isJunkFile(f.path));
	if (real.length === 1) {
		const only = real[0];
		const lower = only.path.toLowerCase();
		if (lower.endsWith('.zip') || (looksLikeZip(only.bytes) && !lower.endsWith('.json'))) {
			return unzipBundle(only.bytes, baseName(only.path));
		}
		if (isSingleJsonPath(only.path)) return [{ path: baseName(only.path), bytes: only.bytes }];
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
