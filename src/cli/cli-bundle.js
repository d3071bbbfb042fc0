/**
 * Where the prebuilt CLI bundle lives and whether it may be used. Shared by build-cli.js (which
 * records the fingerprint) and the aitia.js bin (which checks it at every start), so both compute
 * it the same way. Plain JS with sync fs calls: it runs before anything else is loaded, and a
 * hundred-odd statSync calls take about a millisecond.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, from this file's location (not the cwd: the bin runs from anywhere). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** node_modules/.cache: ignored by git, Prettier and ESLint, and wiped with node_modules. */
export const BUNDLE_DIR = join(ROOT, 'node_modules/.cache/aitia-cli');
export const BUNDLE_FILE = 'aitia.mjs';
export const META_FILE = 'meta.json';

/** Bumped when the meta format changes, so an old meta reads as stale rather than misread. */
export const META_VERSION = 1;

/**
 * @typedef {object} Fingerprint
 * @property {number} count Number of input files.
 * @property {number} maxMtimeMs Newest modification time among them.
 * @property {number} totalSize Sum of their sizes (catches a restored file with an old mtime).
 */

/**
 * @typedef {object} BundleMeta
 * @property {number} version META_VERSION at build time.
 * @property {number} bundleSize Size of the bundle file (a torn or foreign bundle is not used).
 * @property {string[]} inputs Files the bundle was built from, relative to the root, '/'-separated.
 * @property {Fingerprint} fingerprint Of those inputs, right after the build.
 */

/**
 * Fingerprint of files relative to root, or null when one of them is gone.
 * @param {string} root
 * @param {string[]} inputs
 * @returns {Fingerprint | null}
 */
export function fingerprint(root, inputs) {
	let maxMtimeMs = 0;
	let totalSize = 0;
	for (const file of inputs) {
		const info = statSync(join(root, file), { throwIfNoEntry: false });
		if (!info) return null;
		maxMtimeMs = Math.max(maxMtimeMs, info.mtimeMs);
		totalSize += info.size;
	}
	return { count: inputs.length, maxMtimeMs, totalSize };
}

/**
 * 'fresh' when the bundle matches its recorded inputs, 'missing' when there is no usable bundle
 * (never built, or a build is running: the meta is written last), 'stale' when a source changed.
 * @param {string} [dir] Bundle directory.
 * @param {string} [root] Project root the inputs are relative to.
 * @returns {'fresh' | 'stale' | 'missing'}
 */
export function bundleState(dir = BUNDLE_DIR, root = ROOT) {
	/** @type {BundleMeta} */
	let meta;
	try {
		meta = JSON.parse(readFileSync(join(dir, META_FILE), 'utf8'));
	} catch {
		return 'missing';
	}
	const bundle = statSync(join(dir, BUNDLE_FILE), { throwIfNoEntry: false });
	if (!bundle) return 'missing';
	if (meta.version !== META_VERSION || bundle.size !== meta.bundleSize) return 'stale';
	if (!Array.isArray(meta.inputs)) return 'stale';
	const now = fingerprint(root, meta.inputs);
	const then = meta.fingerprint;
	const same =
		now !== null &&
		now.count === then?.count &&
		now.maxMtimeMs === then.maxMtimeMs &&
		now.totalSize === then.totalSize;
	return same ? 'fresh' : 'stale';
}
