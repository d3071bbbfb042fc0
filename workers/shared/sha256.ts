/**
 * SHA-256: crypto.subtle for whole buffers (browsers, workers and Node 20 all have it), and Sha256
 * for data hashed in pieces, which subtle cannot do.
 */

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

/** First 32 bits of the fractional parts of the square (H0) and cube (K) roots of the primes. */
const PRIMES = (() => {
	const out: number[] = [];
	for (let n = 2; out.length < 64; n++) if (out.every((p) => n % p !== 0)) out.push(n);
	return out;
})();
const frac32 = (x: number) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
const H0 = Int32Array.from(PRIMES.slice(0, 8), (p) => frac32(Math.sqrt(p)) | 0);
const K = Int32Array.from(PRIMES, (p) => frac32(Math.cbrt(p)) | 0);

/**
 * Incremental SHA-256, for data that is never whole in memory (a big file read in pieces):
 * crypto.subtle has no streaming digest. Whole buffers still go through sha256Bytes (native);
 * a unit test checks that both agree.
 */
export class Sha256 {
	private readonly h = H0.slice();
	private readonly w = new Int32Array(64);
	private readonly tail = new Uint8Array(64);
	private tailLength = 0;
	private bytes = 0;

	update(data: Uint8Array): void {
		this.bytes += data.length;
		let i = 0;
		if (this.tailLength > 0) {
			i = Math.min(64 - this.tailLength, data.length);
			this.tail.set(data.subarray(0, i), this.tailLength);
			this.tailLength += i;
			if (this.tailLength < 64) return;
			this.compress(this.tail, 0);
			this.tailLength = 0;
		}
		for (; i + 64 <= data.length; i += 64) this.compress(data, i);
		this.tail.set(data.subarray(i), 0);
		this.tailLength = data.length - i;
	}

	/** The digest of everything passed to update (the hasher is used up). */
	digest(): Uint8Array {
		const bits = this.bytes * 8;
		const pad = new Uint8Array((this.tailLength < 56 ? 64 : 128) - this.tailLength);
		pad[0] = 0x80;
		const v = new DataView(pad.buffer);
		v.setUint32(pad.length - 8, Math.floor(bits / 2 ** 32));
		v.setUint32(pad.length - 4, bits >>> 0);
		const bytes = this.bytes;
		this.update(pad);
		this.bytes = bytes;
		const out = new Uint8Array(32);
		const o = new DataView(out.buffer);
		for (let k = 0; k < 8; k++) o.setInt32(k * 4, this.h[k]);
		return out;
	}

	private compress(b: Uint8Array, at: number): void {
		const w = this.w;
		for (let t = 0; t < 16; t++) {
			const o = at + t * 4;
			w[t] = (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
		}
		for (let t = 16; t < 64; t++) {
			const x = w[t - 15];
			const y = w[t - 2];
			const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
			const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
			w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
		}
		const h = this.h;
		let a = h[0];
		let bb = h[1];
		let c = h[2];
		let d = h[3];
		let e = h[4];
		let f = h[5];
		let g = h[6];
		let hh = h[7];
		for (let t = 0; t < 64; t++) {
			const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
			const ch = (e & f) ^ (~e & g);
			const t1 = (hh + S1 + ch + K[t] + w[t]) | 0;
			const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
			const maj = (a & bb) ^ (a & c) ^ (bb & c);
			const t2 = (S0 + maj) | 0;
			hh = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = bb;
			bb = a;
			a = (t1 + t2) | 0;
		}
		h[0] += a;
		h[1] += bb;
		h[2] += c;
		h[3] += d;
		h[4] += e;
		h[5] += f;
		h[6] += g;
		h[7] += hh;
	}
}
