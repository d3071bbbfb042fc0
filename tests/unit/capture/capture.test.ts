import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { autoStep } from '../../../workers/capture/plan';
import { rejoinQueries } from '../../../src/cli/capture/plan';
import { parseBundle } from '../../../workers/bundle/parse';
import { startFakeServer, type FakeServer } from './fake-server';

let server: FakeServer;
let dir: string;
beforeAll(async () => {
	server = await startFakeServer();
	dir = mkdtempSync(join(tmpdir(), 'aitia-capture-'));
});
afterAll(async () => {
	await server.close();
	rmSync(dir, { recursive: true, force: true });
});

const WINDOW = ['--from', '2024-06-01T10:00:00Z', '--to', '2024-06-01T11:00:00Z'];

async function capture(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(['capture', ...WINDOW, ...args], {
		out: (l) => out.push(l),
		err: (l) => err.push(l)
	});
	return { code, out: out.join('\n'), err: err.join('\n') };
}

async function readZip(path: string) {
	const result = await parseBundle([{ path: 'c.zip', bytes: new Uint8Array(readFileSync(path)) }]);
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result.bundle;
}

describe('aitia capture against a fake Prometheus/Loki', () => {
	it('writes a valid bundle whose manifest names the queries, step and limits', async () => {
		const zip = join(dir, 'ok.zip');
		const r = await capture([
			...['--prometheus', `${server.url}/ok`, '--query', 'sum by (job, instance) (up)'],
			...['--loki', `${server.url}/ok`, '--logql', '{service_name="api"}', '--out', zip]
		]);
		expect(r.err).toContain('step 2s');
		expect(r.code, r.err).toBe(0);
		const b = await readZip(zip);
		expect(b.series.map((s) => s.key)).toEqual([
			'job0.up{instance="h0:9100"}',
			'job1.up{instance="h1:9100"}'
		]);
		expect(b.series[0].t.length).toBe(1801);
		expect(b.logs.length).toBe(3);
		expect(b.manifest.services).toEqual(['api', 'job0', 'job1']);
		expect(b.manifest.description).toContain(
			'`sum by (job, instance) (up)` → 2 series, 3602 samples'
		);
		expect(b.manifest.description).toContain('Prometheus step 2s');
		const q = server.requests.find((x) => x.path === '/ok/api/v1/query_range');
		expect(q?.query).toBe('sum by (job, instance) (up)');
	});

	it('fails on 401 without credentials, and sends the bearer token from the environment', async () => {
		const zip = join(dir, 'auth.zip');
		const args = ['--prometheus', `${server.url}/auth`, '--query', 'up', '--out', zip];
		const denied = await capture(args);
		expect(denied.code).toBe(1);
		expect(denied.err).toContain('HTTP 401: not authorised');
		expect(denied.err).toContain('no bundle written');
		process.env.AITIA_PROMETHEUS_TOKEN = 's3cret';
		try {
			expect((await capture(args)).code).toBe(0);
		} finally {
			delete process.env.AITIA_PROMETHEUS_TOKEN;
		}
	});

	it('retries a 429 and reports timeouts, truncated bodies and query errors per query', async () => {
		const zip = join(dir, 'partial.zip');
		const r = await capture([
			...['--prometheus', `${server.url}/flaky`, '--query', 'up', '--out', zip],
			...['--timeout', '0.3', '--retries', '1']
		]);
		expect(r.code, r.err).toBe(0);
		const partial = await capture([
			...['--prometheus', `${server.url}/hang`, '--query', 'up'],
			...['--loki', `${server.url}/ok`, '--logql', '{a="b"}', '--out', zip],
			...['--timeout', '0.3', '--retries', '1']
		]);
		expect(partial.code).toBe(3);
		expect(partial.err).toContain('FAILED: timed out after 0.3 s (gave up after 2 attempts)');
		const b = await readZip(zip);
		expect(b.manifest.description).toContain('FAILED: timed out');
		const trunc = await capture([
			...['--prometheus', `${server.url}/trunc`, '--query', 'up', '--out', zip],
			...['--retries', '0']
		]);
		expect(trunc.code).toBe(1);
		expect(trunc.err).toMatch(
			/FAILED: the connection closed before the whole body arrived \(truncated\)/
		);
		const bad = await capture([
			'--prometheus',
			`${server.url}/bad`,
			'--query',
			'up(',
			'--out',
			zip
		]);
		expect(bad.err).toContain('FAILED: HTTP 400: parse error');
		expect(server.requests.filter((x) => x.path.startsWith('/bad'))).toHaveLength(1);
	});

	it('cuts to --max-series and says so in the manifest', async () => {
		const zip = join(dir, 'cut.zip');
		const r = await capture([
			...['--prometheus', `${server.url}/many`, '--query', 'up', '--out', zip],
			...['--max-series', '3', '--step', '5m']
		]);
		expect(r.code, r.err).toBe(0);
		const b = await readZip(zip);
		expect(b.series).toHaveLength(3);
		expect(b.series[0].t.length).toBe(13);
		expect(b.manifest.description).toContain('kept 3 of 7 series (--max-series)');
	});

	it('refuses credentials-free misuse with usage errors', async () => {
		expect((await capture(['--query', 'up', '--out', 'x.zip'])).code).toBe(2);
		expect((await capture(['--prometheus', server.url, '--out', 'x.zip'])).code).toBe(2);
	});
});

describe('capture planning', () => {
	it('glues queries the option parser split at commas', () => {
		expect(rejoinQueries(['sum by (a', 'b) (x)', 'up'])).toEqual(['sum by (a, b) (x)', 'up']);
		expect(rejoinQueries(['{job="a"', 'env="b"}'])).toEqual(['{job="a", env="b"}']);
	});

	it('picks a round automatic step under 2000 points', () => {
		expect(autoStep(0, 3_600_000)).toBe(2);
		expect(autoStep(0, 7 * 86_400_000)).toBe(600);
	});
});
