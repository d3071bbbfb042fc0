/** CRC-32 (IEEE, as zip uses it), incremental so entries can be checked while they inflate. */

const TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

/** Continues a CRC over `data`; start with 0, the result is the unsigned CRC-32. */
export function crc32(data: Uint8Array, crc = 0): number {
	let c = ~crc;
	for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}
