/**
 * The content hash of a bundle. crypto.subtle has no streaming digest, so hashing one
 * concatenation of all files would need a second copy of the whole bundle in memory. Instead each
 * file is hashed alone and the final hash covers (path, file hash) records in path order.
 */
import { sha256Bytes as sha256, toHex } from '../shared/sha256';

const encoder = new TextEncoder();

export { toHex };

/** SHA-256 of one file's bytes (a record of contentHash). */
export const fileDigest = sha256;

/**
 * SHA-256 hex of: for each file in ascending path order (UTF-16 code unit order),
 * UTF-8(path) ‖ 0x00 ‖ SHA-256(bytes). Independent of how the files arrived (folder or zip).
 * Takes each file's digest (fileDigest), so files can be hashed one at a time as they are read.
 */
export async function contentHash(digests: Map<string, Uint8Array>): Promise<string> {
	const paths = [...digests.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const parts: Uint8Array[] = [];
	for (const path of paths)
		parts.push(encoder.encode(path), new Uint8Array([0]), digests.get(path)!);
	const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		all.set(p, at);
		at += p.length;
	}
	return toHex(await sha256(all));
}
