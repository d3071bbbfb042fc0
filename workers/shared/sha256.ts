/** SHA-256 via crypto.subtle (browsers, workers and Node 20 all have it): the one implementation. */

/** SHA-256 of bytes or of a string's UTF-8. */
export async function sha256Bytes(data: Uint8Array | string): Promise<Uint8Array> {
	const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	// subtle.digest refuses views over SharedArrayBuffer: copy only when the view is not plain.
	const view = bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
	return new Uint8Array(await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): string {
	let out = '';
	for (const b of bytes) out += b.toString(16).padStart(2, '0');
	return out;
}

/** SHA-256 as lower-case hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
	return toHex(await sha256Bytes(data));
}
