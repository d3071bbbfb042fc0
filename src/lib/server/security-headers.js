// Security headers shared by every server that hands out the app: src/cli/serve.js (`npm start`),
// the Vite dev/preview servers (vite.config.ts) and kit.csp (svelte.config.js, which adds the
// hash of SvelteKit's inline bootstrap script to the prerendered page). Plain JS so Node and the
// config files can import it without a build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Self only. 'wasm-unsafe-eval' lets ONNX Runtime and the int8 search kernel compile WebAssembly
 * (it does not allow eval). img-src admits data:/blob: but no other host, so an imported notebook's
 * markdown image cannot beacon out. Inline styles stay allowed: Svelte transitions and d3 write
 * style attributes and <style> elements; scripts never run inline except the hashed bootstrap.
 * @type {Record<string, string[]>}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self'],
	'connect-src': ['self'],
	'img-src': ['self', 'data:', 'blob:'],
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self', 'data:'],
	'object-src': ['none'],
	'base-uri': ['none'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/** Headers every response carries besides the CSP. */
export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer'
};

/** Keywords are quoted in a policy; hosts and schemes (data:, blob:) are not. */
const quote = (/** @type {string} */ v) =>
	/^(self|none|unsafe-inline|wasm-unsafe-eval|sha\d{3}-.*|nonce-.*)$/.test(v) ? `'${v}'` : v;

/**
 * The policy as a header value. `scriptHashes` (`sha256-…`) admit inline scripts by content.
 * @param {string[]} [scriptHashes]
 */
export function cspHeader(scriptHashes = []) {
	return Object.entries(CSP_DIRECTIVES)
		.map(([k, vs]) => [k, ...(k === 'script-src' ? [...vs, ...scriptHashes] : vs).map(quote)])
		.map((parts) => parts.join(' '))
		.join('; ');
}

/**
 * sha256 sources of the inline scripts in the prerendered pages of a build, so the header policy
 * admits SvelteKit's bootstrap script (the page's own meta policy carries the same hashes).
 * @param {string} dir build/prerendered
 * @returns {string[]}
 */
export function inlineScriptHashes(dir) {
	if (!existsSync(dir)) return [];
	/** @type {Set<string>} */
	const hashes = new Set();
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
		const html = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
		for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
			hashes.add(`sha256-${createHash('sha256').update(m[1]).digest('base64')}`);
		}
	}
	return [...hashes].sort();
}

/** All security headers for one build (pass [] for dev, where SvelteKit sets page policies). */
export function securityHeaders(/** @type {string[]} */ scriptHashes = []) {
	return { 'Content-Security-Policy': cspHeader(scriptHashes), ...SECURITY_HEADERS };
}
