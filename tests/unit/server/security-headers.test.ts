import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	builtConnectSrc,
	connectSources,
	cspHeader,
	securityHeaders
} from '../../../src/lib/server/security-headers.js';

const connectSrc = (csp: string) => /connect-src ([^;]*)/.exec(csp)?.[1];

describe('AITIA_CONNECT_SRC', () => {
	it('is self only by default', () => {
		expect(connectSources(undefined)).toEqual([]);
		expect(connectSources('  ')).toEqual([]);
		expect(connectSrc(cspHeader())).toBe("'self'");
		expect(connectSrc(securityHeaders()['Content-Security-Policy'])).toBe("'self'");
	});

	it('adds http(s) origins, with the wildcards CSP allows', () => {
		const origins = connectSources(
			'https://Prometheus.example.com:9090/  http://127.0.0.1:* https://*.loki.example.com http://10.0.0.5:3100 https://prometheus.example.com:9090'
		);
		expect(origins).toEqual([
			'https://prometheus.example.com:9090',
			'http://127.0.0.1:*',
			'https://*.loki.example.com',
			'http://10.0.0.5:3100'
		]);
		const csp = securityHeaders(['sha256-abc='], origins)['Content-Security-Policy'];
		expect(connectSrc(csp)).toBe(`'self' ${origins.join(' ')}`);
		// Only connect-src widens.
		expect(csp).toMatch(/default-src 'self';/);
		expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-abc=';/);
	});

	it.each([
		'*',
		'https:',
		'http:',
		'ws://example.com',
		'example.com',
		"'unsafe-inline'",
		'https://example.com/api/v1',
		'https://example.com?x=1',
		'https://ex*ample.com',
		'https://*',
		'https://example.com;script-src',
		'https://example.com,https://b.com',
		'https://[::1]:9090',
		'data:',
		'https://example.com:99999x'
	])('refuses %s', (bad) => {
		expect(() => connectSources(`https://ok.example.com ${bad}`)).toThrow(
			`AITIA_CONNECT_SRC: "${bad}" is not an http(s) origin`
		);
	});

	it("reads the build's own connect-src from the prerendered page", () => {
		const dir = mkdtempSync(join(tmpdir(), 'aitia-csp-'));
		try {
			expect(builtConnectSrc(dir)).toBeUndefined();
			mkdirSync(dir, { recursive: true });
			writeFileSync(
				join(dir, 'index.html'),
				`<meta http-equiv="content-security-policy" content="default-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src 'self'">`
			);
			expect(builtConnectSrc(dir)).toEqual(["'self'", 'http://127.0.0.1:*']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
