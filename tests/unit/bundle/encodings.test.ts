import { describe, expect, it } from 'vitest';
import { detectEncoding, invalidUtf8Offset } from '../../../workers/bundle/text';
import { file, fixtureBytes, manifest, only, parseErrors, parseOk, series } from './helpers';

const CSV = 'timestamp,edge.latency_ms\r\n2024-06-01T10:00:00Z,1.5\r\n2024-06-01T10:01:00Z,2\r\n';

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
	const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
	const view = new DataView(out.buffer);
	const units = (bom ? '\ufeff' : '') + text;
	for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), !bigEndian);
	return out;
}

describe('encodings', () => {
	it('strips a UTF-8 BOM (also before the CSV header and the manifest)', async () => {
		const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
		const withBom = (s: string) => new Uint8Array([...bom, ...new TextEncoder().encode(s)]);
		const m = manifest();
		const { bundle } = await parseOk([
			file('manifest.json', new Uint8Array([...bom, ...m.bytes])),
			file('metrics/edge.csv', withBom(CSV))
		]);
		expect(Array.from(series(bundle, 'edge.latency_ms').v)).toEqual([1.5, 2]);
	});

	it('decodes UTF-16 LE with a BOM and UTF-16 BE without one (fixtures, CRLF)', async () => {
		const { bundle } = await parseOk([
			manifest(),
			file('metrics/le.csv', fixtureBytes('encodings/utf16le-bom.csv'))
		]);
		expect(Array.from(series(bundle, 'edge.latency_ms').v)).toEqual([1.5, 2]);
		const be = await parseOk([
			manifest(),
			file('metrics/be.csv', fixtureBytes('encodings/utf16be-nobom.csv'))
		]);
		expect(Array.from(series(be.bundle, 'edge.latency_ms').t)).toHaveLength(2);
	});

	it('detects BOM-less UTF-16 from the NUL-byte pattern', () => {
		expect(detectEncoding(utf16(CSV, false, false))).toEqual({
			encoding: 'utf-16le',
			bomLength: 0
		});
		expect(detectEncoding(utf16(CSV, true, false))).toEqual({ encoding: 'utf-16be', bomLength: 0 });
		expect(detectEncoding(utf16(CSV, true, true))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
		expect(detectEncoding(new TextEncoder().encode(CSV))).toEqual({
			encoding: 'utf-8',
			bomLength: 0
		});
	});

	it('decodes UTF-16 log files too', async () => {
		const log = '2024-06-01T10:00:00Z [WARN] héllo\r\n  continued\r\n';
		const { bundle } = await parseOk([manifest(), file('logs/edge.log', utf16(log, false, true))]);
		expect(bundle.logs.message).toEqual(['héllo\n  continued']);
	});

	it('rejects invalid UTF-8 naming the byte offset and line (Latin-1 fixture)', async () => {
		const bytes = fixtureBytes('encodings/latin1.csv');
		const offset = bytes.indexOf(0xe9);
		const e = only(
			await parseErrors([manifest(), file('metrics/edge.csv', bytes)]),
			'metrics/edge.csv'
		);
		expect(e.line).toBe(3);
		expect(e.got).toBe(`byte 0xe9 at byte offset ${offset}`);
		expect(e.message).toContain(`invalid UTF-8: byte 0xe9 at byte offset ${offset}`);
	});

	it('finds the first invalid UTF-8 sequence', () => {
		const enc = (s: string) => Array.from(new TextEncoder().encode(s));
		expect(invalidUtf8Offset(new Uint8Array([...enc('aé'), 0xc0, 0x80]))).toBe(3); // overlong
		expect(invalidUtf8Offset(new Uint8Array([...enc('ab'), 0xed, 0xa0, 0x80]))).toBe(2); // surrogate
		expect(invalidUtf8Offset(new Uint8Array([...enc('€'), 0xe2, 0x82]))).toBe(3); // truncated
		expect(invalidUtf8Offset(new Uint8Array(enc('ok €')))).toBe(6);
	});
});
