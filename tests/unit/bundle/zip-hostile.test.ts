/** Hostile and damaged zips (issue #14, defects 2–4): refused with a precise reason, never half-read. */
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { wholeBytes } from '../../../workers/bundle/file-content';
import { parseBundle } from '../../../workers/bundle/parse';
import { unzipBundle } from '../../../workers/bundle/zip';
import { file, manifest } from './helpers';

const enc = new TextEncoder();
const LOG = '2024-06-01T10:05:00Z [WARN] slow\n';

function zipOf(files: Record<string, string>, level: 0 | 6 = 0): Uint8Array {
	const z: Zippable = {};
	for (const [k, v] of Object.entries(files)) z[k] = enc.encode(v);
	return zipSync(z, { level });
}

/** Offset of the n-th (0-based) central-directory record. */
function central(zip: Uint8Array, n: number): number {
	const v = new DataView(zip.buffer, zip.byteOffset);
	let found = -1;
	for (let i = zip.length - 22; i >= 0; i--) {
		if (v.getUint32(i, true) === 0x06054b50) {
			found = v.getUint32(i + 16, true);
			break;
		}
	}
	let p = found;
	for (let k = 0; k < n; k++) {
		p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
	}
	return p;
}

function replaceAll(zip: Uint8Array, from: string, to: string): Uint8Array {
	const out = zip.slice();
	const a = enc.encode(from);
	const b = enc.encode(to);
	for (let i = 0; i + a.length <= out.length; i++) {
		if (a.every((c, k) => out[i + k] === c)) out.set(b, i);
	}
	return out;
}

async function errorsOf(zip: Uint8Array): Promise<string[]> {
	const r = await parseBundle([file('inc.zip', zip)]);
	expect(r.ok).toBe(false);
	return r.ok ? [] : r.errors.map((e) => e.message);
}

const base = () => ({
	'manifest.json': new TextDecoder().decode(manifest().bytes),
	'logs/edge.log': LOG
});

describe('zip integrity', () => {
	it('reads a good archive (stored and deflated)', async () => {
		for (const level of [0, 6] as const) {
			const r = await parseBundle([file('inc.zip', zipOf(base(), level))]);
			expect(r.ok && r.bundle.logs.length).toBe(1);
		}
	});

	it('refuses a single flipped byte: CRC mismatch naming the entry', async () => {
		const zip = replaceAll(zipOf(base()), '[WARN] slow', '[WARN] slew');
		expect(await errorsOf(zip)).toEqual([expect.stringMatching(/CRC mismatch in logs\/edge\.log/)]);
	});

	it('refuses a deflated entry whose declared size is understated', async () => {
		const zip = zipOf({ ...base(), 'logs/edge.log': LOG.repeat(50) }, 6);
		const p = central(zip, 1);
		const v = new DataView(zip.buffer);
		v.setUint32(p + 24, v.getUint32(p + 24, true) - 10, true);
		expect(await errorsOf(zip)).toEqual([
			expect.stringMatching(/size mismatch .* in logs\/edge\.log/)
		]);
	});

	it('refuses encrypted entries', async () => {
		const zip = zipOf(base());
		const v = new DataView(zip.buffer);
		const p = central(zip, 0);
		v.setUint16(p + 8, v.getUint16(p + 8, true) | 1, true);
		expect((await errorsOf(zip))[0]).toMatch(/"manifest.json" is encrypted/);
	});
});

describe('zip ambiguity and bombs', () => {
	it.each([
		['manifest.json', 'manifest.jsoX', 'manifest.json'],
		['metrics/edge.csv', 'metrics/edge.csX', 'metrics/edge.csv']
	])('refuses two entries named %s', async (name, other, expected) => {
		const files = { ...base(), [name]: 'a', [other]: 'b' };
		const zip = replaceAll(zipOf(files), other, expected);
		expect((await errorsOf(zip))[0]).toMatch(`entries "${name}" and "${name}" name the same file`);
	});

	it('refuses Manifest.JSON beside manifest.json, naming both', async () => {
		const zip = zipOf({ ...base(), 'Manifest.JSON': '{}' });
		expect((await errorsOf(zip))[0]).toMatch(/"manifest.json" and "Manifest.JSON"/);
	});

	it('refuses entries whose data overlap (overlap bomb)', async () => {
		const names: Record<string, string> = { 'manifest.json': base()['manifest.json'] };
		for (let i = 0; i < 50; i++) names[`logs/a${i}.log`] = LOG;
		const zip = zipOf(names);
		const v = new DataView(zip.buffer);
		const first = v.getUint32(central(zip, 1) + 42, true);
		for (let i = 2; i <= 50; i++) v.setUint32(central(zip, i) + 42, first, true);
		expect((await errorsOf(zip))[0]).toMatch(/overlap in the archive/);
	});

	it('lists files outside the layout without inflating them', () => {
		// The junk entry's data is corrupt: reading it would fail, skipping it must not.
		const zip = replaceAll(
			zipOf({ ...base(), 'notes/readme.md': 'hello hello' }),
			'hello',
			'HELLO'
		);
		const files = unzipBundle(zip);
		const junk = files.find((f) => f.path === 'notes/readme.md')!;
		expect(junk.bytes.length).toBe(0);
		expect(junk.lazy).toBeUndefined();
		// Needed files are inflated only when read, one at a time.
		expect(wholeBytes(files.find((f) => f.path === 'logs/edge.log')!).length).toBe(LOG.length);
	});

	it('still reads a zipped single-JSON bundle', () => {
		const files = unzipBundle(zipOf({ 'incident.json': '{"manifest": {}}' }));
		expect(files).toHaveLength(1);
		expect(wholeBytes(files[0]).length).toBeGreaterThan(0);
	});
});
