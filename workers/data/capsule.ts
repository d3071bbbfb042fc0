/**
 * Incident capsules (`.aitia.zip`): the incident's bundle (written back out, workers/bundle/
 * write.ts), its notebooks and their saved run states, and a `capsule.json` listing every file
 * with its SHA-256. A capsule is untrusted input: its size and entry count are capped, every file
 * must be listed and match its hash, nothing else may be in it, and the bundle goes through the
 * same all-or-nothing importer as any bundle. Redaction (the LLM prompt's rules) can be applied to
 * log lines, their fields, events and annotations before anything is written.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Bundle, BundleIssue, LogTable } from '../bundle/types';
import { writeBundle } from '../bundle/write';
import { sha256Hex } from '../shared/sha256';
import { compileRules, redact, type RedactionRule } from '../shared/redact';

export const CAPSULE_FORMAT = 'aitia.capsule';
export const CAPSULE_VERSION = 1;
/** Caps for untrusted capsules: unpacked bytes and entries. */
export const MAX_CAPSULE_BYTES = 1.5 * 1024 ** 3;
export const MAX_CAPSULE_ENTRIES = 10_000;

/** The capsule's own manifest (capsule.json). */
export interface CapsuleManifest {
	format: typeof CAPSULE_FORMAT;
	version: number;
	appVersion: string;
	createdAt: string;
	incident: { id: string; title: string; contentHash: string };
	formats: { bundle: number; notebook: number; runState: number };
	redacted: boolean;
	/** Every other file of the capsule and its SHA-256 (hex). */
	files: Record<string, string>;
}

export interface CapsuleExport {
	bundle: Bundle;
	contentHash: string;
	notebooks: { id: string; text: string }[];
	runStates: { id: string; text: string }[];
	appVersion: string;
	formats: CapsuleManifest['formats'];
	/** Redaction rules to apply to the bundle's text (none: nothing redacted). */
	redact?: readonly RedactionRule[];
}

/** What redaction would change (or changed): replacements per rule. */
export function redactBundle(
	b: Bundle,
	rules: readonly RedactionRule[]
): { bundle: Bundle; counts: Record<string, number> } {
	const compiled = compileRules(rules);
	const counts: Record<string, number> = {};
	const r = (s: string) => redact(s, compiled, counts).text;
	const logs: LogTable = {
		...b.logs,
		message: b.logs.message.map(r),
		extra: b.logs.extra.map((e) => (e ? r(e) : e))
	};
	const events = b.events.map((e) => ({
		...e,
		title: r(e.title),
		...(e.detail !== undefined ? { detail: r(e.detail) } : {})
	}));
	const annotations = b.annotations.map((a) => ({ ...a, text: r(a.text) }));
	return { bundle: { ...b, logs, events, annotations }, counts };
}

export async function buildCapsule(x: CapsuleExport): Promise<Uint8Array> {
	const bundle = x.redact ? redactBundle(x.bundle, x.redact).bundle : x.bundle;
	const entries: Record<string, Uint8Array> = {};
	for (const f of writeBundle(bundle)) entries[`bundle/${f.path}`] = f.bytes;
	for (const n of x.notebooks) entries[`notebooks/${n.id}.nb.json`] = strToU8(n.text);
	for (const r of x.runStates) entries[`runstate/${r.id}.json`] = strToU8(r.text);
	const files: Record<string, string> = {};
	for (const [path, bytes] of Object.entries(entries)) files[path] = await sha256Hex(bytes);
	const m = bundle.manifest;
	const manifest: CapsuleManifest = {
		format: CAPSULE_FORMAT,
		version: CAPSULE_VERSION,
		appVersion: x.appVersion,
		createdAt: new Date().toISOString(),
		incident: { id: m.id, title: m.title, contentHash: x.contentHash },
		formats: x.formats,
		redacted: !!x.redact,
		files
	};
	entries['capsule.json'] = strToU8(JSON.stringify(manifest, null, '\t') + '\n');
	return zipSync(entries, { level: 6 });
}

/** An opened, verified capsule: bundle files for the importer, notebooks and run states as text. */
export interface OpenedCapsule {
	manifest: CapsuleManifest;
	bundleFiles: { path: string; bytes: Uint8Array }[];
	notebooks: string[];
	runStates: string[];
}

export class CapsuleError extends Error {
	constructor(readonly issue: BundleIssue) {
		super(issue.message);
		this.name = 'CapsuleError';
	}
}

const fail = (message: string): never => {
	throw new CapsuleError({ severity: 'error', file: 'capsule.json', message });
};

function unzipCapped(bytes: Uint8Array): Record<string, Uint8Array> {
	let count = 0;
	let total = 0;
	try {
		return unzipSync(bytes, {
			filter: (f) => {
				count++;
				total += f.originalSize;
				if (count > MAX_CAPSULE_ENTRIES) fail(`more than ${MAX_CAPSULE_ENTRIES} entries`);
				if (total > MAX_CAPSULE_BYTES)
					fail(`unpacks to more than ${MAX_CAPSULE_BYTES / 1024 ** 3} GiB`);
				return !f.name.endsWith('/');
			}
		});
	} catch (err) {
		if (err instanceof CapsuleError) throw err;
		return fail(`not a readable zip archive (${(err as Error).message})`);
	}
}

function readManifest(files: Record<string, Uint8Array>): CapsuleManifest {
	const raw = files['capsule.json'];
	if (!raw) return fail('missing: this is not an AITIA capsule (no capsule.json at its root)');
	let m: CapsuleManifest;
	try {
		m = JSON.parse(new TextDecoder().decode(raw)) as CapsuleManifest;
	} catch {
		return fail('is not valid JSON');
	}
	if (m?.format !== CAPSULE_FORMAT) fail(`format must be "${CAPSULE_FORMAT}"`);
	if (m.version !== CAPSULE_VERSION)
		fail(
			`capsule version ${String(m.version)} is not supported (this app reads ${CAPSULE_VERSION})`
		);
	if (!m.files || typeof m.files !== 'object') fail('lists no files');
	if (typeof m.incident?.id !== 'string' || typeof m.incident.contentHash !== 'string')
		fail('names no incident');
	return m;
}

/** Unpacks and verifies a capsule; throws CapsuleError with a precise message. */
export async function openCapsule(bytes: Uint8Array): Promise<OpenedCapsule> {
	const files = unzipCapped(bytes);
	const manifest = readManifest(files);
	for (const path of Object.keys(files)) {
		if (path === 'capsule.json') continue;
		if (!(path in manifest.files)) fail(`"${path}" is in the archive but not listed: refused`);
	}
	for (const [path, hash] of Object.entries(manifest.files)) {
		const f = files[path];
		if (!f) fail(`lists "${path}", which is missing from the archive`);
		if ((await sha256Hex(f)) !== hash)
			fail(`"${path}" does not match its SHA-256: the capsule was altered or damaged`);
	}
	const text = (p: string) => new TextDecoder().decode(files[p]);
	const keys = Object.keys(files).sort();
	return {
		manifest,
		bundleFiles: keys
			.filter((p) => p.startsWith('bundle/'))
			.map((p) => ({ path: p.slice(7), bytes: files[p] })),
		notebooks: keys.filter((p) => /^notebooks\/[^/]+\.nb\.json$/.test(p)).map(text),
		runStates: keys.filter((p) => /^runstate\/[^/]+\.json$/.test(p)).map(text)
	};
}
