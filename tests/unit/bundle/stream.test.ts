/**
 * Reading in pieces (checkBundle with lazy files, text-stream.ts): every file is cut into small
 * chunks and streamed, and the verdict, errors, warnings and counts must be those of parseBundle
 * reading the same files whole.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkBundle, parseBundle } from '../../../workers/bundle/parse';
import { LineReader } from '../../../workers/bundle/text';
import { TextStream } from '../../../workers/bundle/text-stream';
import type { BundleFile, CheckResult, ParseResult } from '../../../workers/bundle/types';
import { fuzzCorpus } from '../../fixtures/fuzz/generate';
import { file, loadFolder, manifest } from './helpers';

const enc = new TextEncoder();

/** The file as lazy content handed out `chunk` bytes at a time. */
function lazy(f: BundleFile, chunk: number): BundleFile {
	const bytes = f.bytes;
	return {
		path: f.path,
		bytes: new Uint8Array(0),
		lazy: {
			size: bytes.length,
			*chunks() {
				for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
				return undefined;
			}
		}
	};
}

const streamed = (files: BundleFile[], chunk: number): Promise<CheckResult> =>
	checkBundle(
		files.map((f) => lazy(f, chunk)),
		{ streamAboveBytes: 0 }
	);

/** What a check and a parse must agree on. */
function verdict(r: ParseResult | CheckResult) {
	if (!r.ok) return { ok: false, errors: r.errors, warnings: r.warnings };
	const counts =
		'counts' in r
			? r.counts
			: {
					series: r.bundle.series.length,
					points: r.bundle.series.reduce((n, s) => n + s.t.length, 0),
					logLines: r.bundle.logs.length,
					spans: r.bundle.traces.length,
					events: r.bundle.events.length
				};
	return { ok: true, counts, warnings: r.warnings, bytes: r.bytes };
}

describe('reading files in pieces', () => {
	it.each([1, 7, 4096])(
		'agrees with parseBundle on the fixture bundles (%i-byte chunks)',
		async (chunk) => {
			for (const name of ['good', 'traces']) {
				const files = loadFolder(name);
				const whole = verdict(await parseBundle(files));
				expect(whole.ok).toBe(true);
				expect(verdict(await streamed(files, chunk))).toEqual(whole);
			}
		}
	);

	it('agrees with parseBundle on every case of the fuzz corpus', { timeout: 120_000 }, async () => {
		const good = loadFolder('good').map((f) => ({ ...f, path: f.path.replace(/^good\//, '') }));
		const differ: string[] = [];
		for (const c of fuzzCorpus(good)) {
			const whole = verdict(await parseBundle(c.files));
			const pieces = verdict(await streamed(c.files, 5));
			// A damaged zip entry is found at its end when streamed, after what its data produced.
			const isZip = c.files.some((f) => f.path.endsWith('.zip'));
			const same = isZip
				? whole.ok === pieces.ok
				: JSON.stringify(whole) === JSON.stringify(pieces);
			if (!same) differ.push(c.name);
		}
		expect(differ).toEqual([]);
	});

	it('locates invalid UTF-8 exactly wherever the chunks are cut', async () => {
		const good = '2024-06-01T10:05:00Z [WARN] café ☕ served\n';
		// Past the first 64 KiB, which are decoded ahead for detection: the error is in a later piece.
		const log = enc.encode(good.repeat(2000) + '2024-06-01T10:06:00Z [INFO] bad ');
		const bytes = new Uint8Array([...log, 0xe2, 0x28, 0xa1, 0x0a, ...enc.encode(good)]);
		const files = [manifest(), file('logs/edge.log', bytes)];
		const whole = await parseBundle(files);
		expect(whole.ok).toBe(false);
		expect(!whole.ok && whole.errors[0].message).toMatch(/byte 0xe2 at byte offset \d+/);
		for (let chunk = 1; chunk <= 9; chunk++) {
			expect(verdict(await streamed(files, chunk))).toEqual(verdict(whole));
		}
		// A sequence cut off by the end of the file.
		const cut = [manifest(), file('logs/edge.log', new Uint8Array([...log, 0xf0, 0x9f]))];
		const cutWhole = verdict(await parseBundle(cut));
		expect(cutWhole.ok).toBe(false);
		for (const chunk of [1, 2, 3, 64])
			expect(verdict(await streamed(cut, chunk))).toEqual(cutWhole);
	});

	it('splits lines as a whole text does: CRLF, blank lines, no final break, UTF-16', () => {
		// Past the first 64 KiB, which are decoded ahead for detection, lines are cut across pieces.
		const text = 'a,b\r\n\r\nçé,☕\r\nlast line\r\n\n'.repeat(4000) + 'end';
		const le = new Uint8Array([
			0xff,
			0xfe,
			...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)
		]);
		const all = (r: LineReader) => {
			const out: string[] = [];
			for (let s = r.next(); s !== undefined; s = r.next()) out.push(s);
			return out;
		};
		const expected = all(new LineReader(text));
		for (const bytes of [enc.encode(text), le]) {
			for (const chunk of [1, 2, 3, 5, 4099]) {
				const f = lazy(file('x.log', bytes), chunk);
				expect(all(new LineReader(new TextStream('x.log', f.lazy!)))).toEqual(expected);
			}
		}
	});

	it('parseBundle reading big files in pieces gives the same bundle and content hash', async () => {
		// Over 64 KiB each (what is decoded ahead for detection), so lines really cross pieces.
		const text = Array.from(
			{ length: 3000 },
			(_, i) => `2024-06-01T10:${String(i % 60).padStart(2, '0')}:00Z WARN edge: slow ☕ ${i}\r\n`
		).join('');
		const jsonl = Array.from({ length: 2000 }, (_, i) =>
			JSON.stringify({
				ts: `2024-06-01T10:30:${String(i % 60).padStart(2, '0')}Z`,
				service: 'api',
				message: `é ${i}`,
				n: i
			})
		).join('\n');
		const files = [
			...loadFolder('good'),
			file('good/logs/big.log', text),
			file('good/logs/api-2.jsonl', jsonl)
		];
		const whole = await parseBundle(files);
		expect(whole.ok).toBe(true);
		for (const chunk of [3, 4096]) {
			const pieces = await parseBundle(
				files.map((f) => lazy(f, chunk)),
				{ streamAboveBytes: 0 }
			);
			expect(pieces).toEqual(whole);
		}
	});

	it('keeps no log rows but counts them', async () => {
		const lines = Array.from(
			{ length: 5000 },
			(_, i) => `2024-06-01T10:${String(i % 60).padStart(2, '0')}:00Z edge: line ${i}\n`
		).join('');
		const r = await streamed([manifest(), file('logs/edge.log', lines)], 4096);
		expect(r.ok && r.counts.logLines).toBe(5000);
	});

	it('refuses a zip entry whose CRC is wrong when it is streamed, naming the entry', async () => {
		const m = manifest();
		const log = enc.encode('2024-06-01T10:05:00Z [WARN] slow\n'.repeat(200));
		const zip = zipSync({ 'manifest.json': m.bytes, 'logs/edge.log': log }, { level: 0 });
		// Flip one byte of the stored log data: its text stays valid, only the CRC tells.
		const at = zip.length - 200;
		zip[at] = zip[at] === 0x41 ? 0x42 : zip[at] ^ 0x01;
		const r = await checkBundle([file('b.zip', zip)], { streamAboveBytes: 0 });
		expect(r.ok).toBe(false);
		expect(!r.ok && r.errors.map((e) => e.message).join('\n')).toMatch(
			/CRC mismatch in logs\/edge\.log; the archive is damaged/
		);
	});
});
