/**
 * Picked files (Blobs) as lazy bundle files: read slice by slice with FileReaderSync, which every
 * browser's dedicated workers have, so an import reads each file only when the parser gets to it
 * and a zip in place, instead of copying every picked byte into memory first.
 */
import { BundleInputError } from '../bundle/input-paths';
import type { LazyContent } from '../bundle/types';

/** Reads bytes [at, end) of a Blob synchronously. */
export type ReadBlob = (blob: Blob, at: number, end: number) => ArrayBuffer;

/** Bytes handed out per chunk. */
const CHUNK = 4 * 1024 * 1024;

/**
 * The Blob (picked as `path`) as lazy content, read through `readBlob`. A file changed or deleted
 * since it was picked cannot be read any more: that is reported under its path.
 */
export function blobContent(blob: Blob, readBlob: ReadBlob, path: string): LazyContent {
	const read = (at: number, length: number): Uint8Array => {
		const end = Math.min(blob.size, at + length);
		if (at >= end) return new Uint8Array(0);
		try {
			return new Uint8Array(readBlob(blob, at, end));
		} catch (err) {
			const why = err instanceof Error ? err.message : String(err);
			throw new BundleInputError(path, `could not be read (${why}); pick it again`);
		}
	};
	return {
		size: blob.size,
		read,
		*chunks() {
			for (let at = 0; at < blob.size; at += CHUNK) yield read(at, CHUNK);
			return undefined;
		}
	};
}

/** FileReaderSync's reader where the scope has one (dedicated workers); undefined elsewhere (Node). */
export function syncBlobReader(): ReadBlob | undefined {
	if (typeof FileReaderSync === 'undefined') return undefined;
	const reader = new FileReaderSync();
	return (blob, at, end) => reader.readAsArrayBuffer(blob.slice(at, end));
}
