/** The incremental SHA-256 (for files hashed in pieces) agrees with crypto.subtle on whole data. */
import { describe, expect, it } from 'vitest';
import { Sha256, sha256Hex, toHex } from '../../../workers/shared/sha256';

describe('Sha256', () => {
	it('equals crypto.subtle for every length around the block and padding edges, however split', async () => {
		for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_000]) {
			const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
			const expected = await sha256Hex(data);
			for (const piece of [1, 7, 64, 100_000]) {
				const h = new Sha256();
				for (let i = 0; i < n; i += piece) h.update(data.subarray(i, i + piece));
				expect(toHex(h.digest()), `${n} bytes in pieces of ${piece}`).toBe(expected);
			}
		}
	});

	it('matches the FIPS 180-2 test vector for "abc"', () => {
		const h = new Sha256();
		h.update(new TextEncoder().encode('abc'));
		expect(toHex(h.digest())).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});
