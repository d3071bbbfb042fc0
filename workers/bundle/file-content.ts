/**
 * The bytes of a bundle file, whether held (`bytes`) or read on demand (`lazy`: a zip entry, a file
 * on disk). Readers go through here so that one file at a time is in memory, and only when needed.
 */
import type { BundleFile } from './types';
import { BundleInputError } from './input-paths';

/** Size in bytes, without reading a lazy file. */
export function fileSize(f: BundleFile): number {
	return f.lazy ? f.lazy.size : f.bytes.length;
}

/** The whole content in one buffer (a lazy file is read now; throws BundleInputError if damaged). */
export function wholeBytes(f: BundleFile): Uint8Array {
	if (!f.lazy) return f.bytes;
	const out = new Uint8Array(f.lazy.size);
	let at = 0;
	const it = f.lazy.chunks();
	for (let r = it.next(); !r.done; r = it.next()) {
		if (at + r.value.length > out.length) {
			throw new BundleInputError(f.path, 'changed size while it was being read; read it again');
		}
		out.set(r.value, at);
		at += r.value.length;
	}
	if (at !== out.length) {
		throw new BundleInputError(f.path, 'changed size while it was being read; read it again');
	}
	return out;
}

/** The first `n` bytes (fewer for a shorter file), reading as little of a lazy file as it can. */
export function headBytes(f: BundleFile, n: number): Uint8Array {
	if (!f.lazy) return f.bytes.subarray(0, n);
	if (f.lazy.read) return f.lazy.read(0, n);
	const it = f.lazy.chunks();
	const first = it.next();
	it.return?.(undefined);
	return first.done ? new Uint8Array(0) : first.value.subarray(0, n);
}
