/**
 * Zip input. fflate's synchronous unzip is fine here: we are already in a worker, and bundles
 * are parsed whole anyway. A cap on declared sizes guards against zip bombs.
 */
import { unzipSync } from 'fflate';
import { isIgnoredPath } from './layout';
import { BundleInputError, normalisePath, stripTopFolder } from './input-paths';
import type { BundleFile } from './types';

/** Refuse archives whose files add up to more than this when unpacked (1.5 GiB). */
export const MAX_UNZIPPED_BYTES = 1.5 * 1024 ** 3;

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
 * single top-level folder is stripped. Throws BundleInputError when the archive is unreadable.
 */
export function unzipBundle(bytes: Uint8Array, name = 'bundle.zip'): BundleFile[] {
	let total = 0;
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes, {
			filter: (f) => {
				if (f.name.endsWith('/') || isIgnoredPath(normalisePath(f.name))) return false;
				total += f.originalSize;
				if (total > MAX_UNZIPPED_BYTES) {
					throw new BundleInputError(
						name,
						`the archive unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 ** 3} GiB; split the bundle or drop large files`
					);
				}
				return true;
			}
		});
	} catch (err) {
		if (err instanceof BundleInputError) throw err;
		const reason = err instanceof Error ? err.message : String(err);
		throw new BundleInputError(name, `not a readable zip archive (${reason})`);
	}
	const files = Object.entries(entries).map(([path, data]) => ({
		path: normalisePath(path),
		bytes: data
	}));
	return stripTopFolder(files);
}
