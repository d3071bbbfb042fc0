/** Capsules are untrusted: every file listed and hashed, nothing extra, precise refusals. */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import {
	buildCapsule,
	CapsuleError,
	openCapsule,
	redactBundle
} from '../../../workers/data/capsule';
import { DEFAULT_RULES } from '../../../workers/shared/redact';
import { decodeShare, encodeShare } from '../../../src/lib/share/link';
import { parseNotebook } from '../../../src/lib/notebook/serialize';

const demo = async () => {
	const path = new URL('../../../static/demo/coolant-leak.zip', import.meta.url).pathname;
	const res = await parseBundle([{ path: 'demo.zip', bytes: new Uint8Array(readFileSync(path)) }]);
	if (!res.ok) throw new Error('demo did not parse');
	return res;
};
const nbText = readFileSync(
	new URL('../../../notebooks/demo.nb.json', import.meta.url).pathname,
	'utf8'
);

async function capsule(redact = false) {
	const { bundle, contentHash } = await demo();
	return buildCapsule({
		bundle,
		contentHash,
		notebooks: [{ id: 'nb', text: nbText }],
		runStates: [{ id: 'nb', text: '{"format":"aitia.runstate"}' }],
		appVersion: '0.1.0',
		formats: { bundle: 2, notebook: 1, runState: 1 },
		redact: redact ? [...DEFAULT_RULES] : undefined
	});
}

const refused = async (bytes: Uint8Array) => {
	try {
		await openCapsule(bytes);
	} catch (e) {
		expect(e).toBeInstanceOf(CapsuleError);
		return (e as Error).message;
	}
	throw new Error('accepted');
};

describe('capsules', () => {
	it('carry the bundle, notebooks and run states, and re-parse to the same incident', async () => {
		const opened = await openCapsule(await capsule());
		expect(opened.manifest.incident.id).toBe('coolant-leak-b4');
		expect(opened.notebooks).toEqual([nbText]);
		const res = await parseBundle(opened.bundleFiles);
		expect(res.ok).toBe(true);
	});

	it('refuse a file altered after export, an unlisted file and a missing manifest', async () => {
		const files = unzipSync(await capsule());
		const altered = {
			...files,
			'notebooks/nb.nb.json': strToU8(nbText.replace('Coolant', 'Evil'))
		};
		expect(await refused(zipSync(altered))).toMatch(/does not match its SHA-256/);
		expect(await refused(zipSync({ ...files, 'bundle/logs/extra.jsonl': strToU8('{}') }))).toMatch(
			/not listed/
		);
		const { ['capsule.json']: _, ...rest } = files;
		void _;
		expect(await refused(zipSync(rest))).toMatch(/not an AITIA capsule/);
		expect(await refused(strToU8('not a zip'))).toMatch(/not a readable zip/);
	});

	it('redact log lines when asked, and say how much', async () => {
		const { bundle } = await demo();
		const r = redactBundle(bundle, [...DEFAULT_RULES]);
		expect(Object.values(r.counts).reduce((a, v) => a + v, 0)).toBeGreaterThan(0);
		const opened = await openCapsule(await capsule(true));
		expect(opened.manifest.redacted).toBe(true);
		const logs = new TextDecoder().decode(
			opened.bundleFiles.find((f) => f.path === 'logs/logs.jsonl')!.bytes
		);
		expect(logs).toMatch(/\[ip\]|\[email\]|\[user\]/);
	});
});

describe('share links', () => {
	it('carry the notebook in the fragment and validate it on the way back', () => {
		const { notebook } = parseNotebook(nbText);
		const fragment = encodeShare(notebook);
		expect(fragment.length).toBeLessThan(8000);
		expect(decodeShare(`#${fragment}`)).toEqual(notebook);
		expect(() => decodeShare('#nb=%%%')).toThrow(/damaged/);
		expect(() => decodeShare('#other')).toThrow(/no notebook/);
	});
});
