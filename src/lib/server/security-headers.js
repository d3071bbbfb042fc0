// Security headers shared by every server that hands out the app: src/cli/serve.js (`npm start`),
// the Vite dev/preview servers (vite.config.ts) and kit.csp (svelte.config.js, which adds the
// hash of SvelteKit's inline bootstrap script to the prerendered page). Plain JS so Node and the
// config files can import it without a build. All of them read AITIA_CONNECT_SRC through
// connectSources(), the one rule for which extra origins the page may fetch from.
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

/**
 * Origins an operator lets the page fetch from besides its own (AITIA_CONNECT_SRC, space-separated):
 * the Prometheus and Loki servers the "Capture from Prometheus/Loki" panel reads. Only http(s)
 * origins: `scheme://host[:port]`, where CSP's own wildcards are allowed (`*.` before the host,
 * `:*` as the port) but no bare `*`, scheme-only source, path, keyword or separator, so the
 * setting can widen connect-src by named servers only. Unset or empty: none ('self' only).
 * @param {string | undefined} raw
 * @returns {string[]} the origins, lower-cased, without trailing slashes
 */
export function connectSources(raw) {
	/** @type {string[]} */
	const out = [];
	for (const token of (raw ?? '').split(/\s+/).filter(Boolean)) {
		const m = ORIGIN.exec(token);
		if (!m) {
			throw new Error(
				`AITIA_CONNECT_SRC: "${token}" is not an http(s) origin such as https://prometheus.example.com:9090 (space-separated; "*." before the host and ":*" as the port are the only wildcards)`
			);
		}
		const origin = token.replace(/\/$/, '').toLowerCase();
		if (!out.includes(origin)) out.push(origin);
	}
	return out;
}

/** scheme://[*.]host[:port|:*][/], a DNS name or IPv4 host (CSP's host-source has no IPv6 form). */
const ORIGIN =
	/^https?:\/\/(?:(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(?:\d{1,5}|\*))?\/?$/i;

/**
 * The directives with extra connect-src origins (see connectSources).
 * @param {string[]} [connect]
 * @returns {Record<string, string[]>}
 */
export function cspDirectives(connect = []) {
	return { ...CSP_DIRECTIVES, 'connect-src': [...CSP_DIRECTIVES['connect-src'], ...connect] };
}

/** Headers every response carries besides the CSP. */
export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer'
};

/** Keywords are quoted in a policy; hosts and schemes (data:, blob:) are not. */
const quote = (/** @type {string} */ v) =>
	/^(self|none|unsafe-inline|wasm-unsafe-eval|sha\d{3}-.*|nonce-.*)$/.test(v) ? `'${v}'` : v;

/**
 * The policy as a header value. `scriptHashes` (`sha256-…`) admit inline scripts by content;
 * `connect` adds origins to connect-src (see connectSources).
 * @param {string[]} [scriptHashes]
 * @param {string[]} [connect]
 */
export function cspHeader(scriptHashes = [], connect = []) {
	return Object.entries(cspDirectives(connect))
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

/**
 * All security headers for one build (pass [] for dev, where SvelteKit sets page policies).
 * @param {string[]} [scriptHashes]
 * @param {string[]} [connect] extra connect-src origins (connectSources)
 */
export function securityHeaders(scriptHashes = [], connect = []) {
	return { 'Content-Security-Policy': cspHeader(scriptHashes, connect), ...SECURITY_HEADERS };
}

/**
 * The connect-src of the page's own policy (the meta tag kit.csp writes at build time), or
 * undefined when the build has none. Both policies apply, so an origin missing there stays
 * blocked whatever the header says.
 * @param {string} dir build/prerendered
 * @returns {string[] | undefined}
 */
export function builtConnectSrc(dir) {
	const file = path.join(dir, 'index.html');
	if (!existsSync(file)) return undefined;
	const m = /connect-src ([^;"]*)/.exec(readFileSync(file, 'utf8'));
	return m ? m[1].trim().split(/\s+/) : undefined;
}
