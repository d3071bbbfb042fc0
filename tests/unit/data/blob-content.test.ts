/**
 * Picked files read lazily (blob-content.ts): a zip read in place through Blob slices and a folder
 * of lazy files parse exactly as the same bytes handed over whole. Node has no FileReaderSync, so
 * the slices are read from the bytes the Blob was made of.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import type { BundleFile } from '../../../workers/bundle/types';
import { blobContent } from '../../../workers/data/blob-content';
import { loadFolder } from '../bundle/helpers';

function lazyBlob(f: BundleFile, reads: number[]): BundleFile {
	const bytes = f.bytes;
	const blob = new Blob([bytes.slice()]);
	const content = blobContent(
		blob,
		(b, at, end) => {
			expect(b).toBe(blob);
			reads.push(end - at);
			return bytes.slice(at, end).buffer;
		},
		f.path
	);
	return { path: f.path, bytes: new Uint8Array(0), lazy: content };
}

describe('blobContent', () => {
	it('names the file when it cannot be read any more', async () => {
		const gone = () => {
			throw new Error('NotReadableError');
		};
		const lazy = { path: 'logs/edge.log', bytes: new Uint8Array(0) };
		const files = [
			...loadFolder('good').filter((f) => !f.path.endsWith('edge.log')),
			{
				...lazy,
				path: 'good/logs/edge.log',
				lazy: blobContent(new Blob(['x']), gone, 'good/logs/edge.log')
			}
		];
		const r = await parseBundle(files);
		expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
			'good/logs/edge.log: could not be read (NotReadableError); pick it again'
		]);
	});

	const good = loadFolder('good');

	it('parses a folder of lazy Blobs as the bytes', async () => {
		const whole = await parseBundle(good);
		const reads: number[] = [];
		const lazy = await parseBundle(good.map((f) => lazyBlob(f, reads)));
		expect(lazy).toEqual(whole);
		expect(reads.length).toBeGreaterThan(0);
	});

	it('reads a zip in place: parses as the bytes, without reading the whole archive at once', async () => {
		const entries = Object.fromEntries(good.map((f) => [f.path, f.bytes]));
		// A file outside the layout is never read, so most of this archive never is.
		const filler = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);
		entries['good/notes/filler.bin'] = filler;
		const zip = { path: 'good.zip', bytes: zipSync(entries, { level: 0 }) };
		const whole = await parseBundle([zip]);
		expect(whole.ok).toBe(true);
		const reads: number[] = [];
		expect(await parseBundle([lazyBlob(zip, reads)])).toEqual(whole);
		// The end records are looked for in the last 64 KiB; the filler's data is never read.
		const read = reads.reduce((n, r) => n + r, 0);
		expect(read).toBeLessThan(zip.bytes.length / 3);
	});
});
