/** Text files too big for one JS string (issue #14, defect 1): refused by name, size and limit. */
import { describe, expect, it } from 'vitest';
import { Issues } from '../../../workers/bundle/issues';
import { parseBundle } from '../../../workers/bundle/parse';
import { decodeText, MAX_TEXT_CHARS } from '../../../workers/bundle/text';
import { file, manifest } from './helpers';

function messages(issues: Issues): string[] {
	return issues.finish().errors.map((e) => e.message);
}

describe('decodeText limits', () => {
	it('refuses text over the limit with the file name, its size and the limit', () => {
		const issues = new Issues();
		const bytes = new Uint8Array(1000).fill(0x61);
		expect(decodeText('logs/edge.log', bytes, issues, 999)).toBeUndefined();
		const [msg] = messages(issues);
		expect(msg).toMatch(/^logs\/edge\.log/);
		expect(msg).toMatch(/1000 bytes/);
		expect(msg).toMatch(/at most 999 characters/);
	});

	it('counts characters, not bytes, for multi-byte UTF-8', () => {
		const issues = new Issues();
		const bytes = new TextEncoder().encode('é'.repeat(600)); // 1200 bytes, 600 characters
		expect(decodeText('logs/a.log', bytes, issues, 999)).toHaveLength(600);
	});

	it('never reads past the buffer when the decoder fails for another reason', () => {
		const issues = new Issues();
		const Original = globalThis.TextDecoder;
		class Failing extends Original {
			override decode(): string {
				throw new RangeError('Cannot create a string longer than 0x1fffffe8 characters');
			}
		}
		globalThis.TextDecoder = Failing;
		try {
			expect(decodeText('logs/a.log', new Uint8Array([0x61, 0x62]), issues)).toBeUndefined();
		} finally {
			globalThis.TextDecoder = Original;
		}
		expect(messages(issues)[0]).toMatch(/logs\/a\.log: could not decode .*longer than/);
	});

	it('refuses a real 512 MiB log inside a bundle instead of skipping it as empty', async () => {
		const big = new Uint8Array(MAX_TEXT_CHARS + 24).fill(0x61);
		const r = await parseBundle([manifest(), file('logs/edge.log', big)]);
		expect(r.ok).toBe(false);
		const msgs = r.ok ? [] : r.errors.map((e) => e.message);
		expect(msgs).toEqual([
			expect.stringMatching(/^logs\/edge\.log.*512\.0 MiB.*at most 536870888/)
		]);
		expect(r.warnings.map((w) => w.message).join()).not.toMatch(/empty/);
	}, 120_000);
});
