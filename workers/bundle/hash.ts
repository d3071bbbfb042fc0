/**
 * The content hash of a bundle. crypto.subtle has no streaming digest, so hashing one
 * concatenation of all files would need a second copy of the whole bundle in memory. Instead each
 * file is hashed alone and the final hash covers (path, file hash) records in path order.
 */
import { sha256Bytes as sha256, toHex } from '../shared/sha256';
import type { BundleFile } from './types';

const encoder = new TextEncoder();

export { toHex };

/**
 * SHA-256 hex of: for each file in ascending path order (UTF-16 code unit order),
 * UTF-8(path) ‖ 0x00 ‖ SHA-256(bytes). Independent of how the files arrived (folder or zip).
 */
export async function contentHash(files: BundleFile[]): Promise<string> {
	const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	const parts: Uint8Array[] = [];
	for (const f of sorted) {
		parts.push(encoder.encode(f.path), new Uint8Array([0]), await sha256(f.bytes));
	}
	const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		all.set(p, at);
		at += p.length;
	}
	return toHex(await sha256(all));
}
