import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai';

const DEMO = join(resolve(import.meta.dirname, '../../..'), 'static/demo/coolant-leak.zip');

async function run(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

let fake: FakeOpenAI;
const saved = { ...process.env };
beforeAll(async () => (fake = await startFakeOpenAI({ delayMs: 0 })));
afterAll(() => fake.close());
afterEach(() => {
	for (const k of ['GROQ_API_KEY', 'LLM_BASE_URL', 'LLM_MODEL', 'LLM_TIMEOUT_MS'])
		if (saved[k] === undefined) delete process.env[k];
		else process.env[k] = saved[k];
});

// Each call runs the default notebook in-process (about 1.5 s here): no 5 s limit on a loaded CI machine.
describe('aitia diagnose', { timeout: 60_000 }, () => {
	it('--offline prints the redacted prompt and the offline explanation of the demo', async () => {
		process.env.GROQ_API_KEY = 'gsk_should_not_be_used';
		const r = await run(['diagnose', DEMO, '--offline']);
		expect(r.code).toBe(0);
		expect(r.out).toContain('=== user (redacted) ===');
		expect(r.out).toContain('<data id="anomaly">');
		expect(r.out).toMatch(/Root cause: host-b4\.cpu_temp_c/);
		expect(r.out).toMatch(/deploy\] api: api v2\.14\.1[\s\S]*likely a coincidence/);
		expect(fake.requests).toHaveLength(0);
		// The evidence is the default notebook's, as in the browser: its ranking, the detector's
		// alerts, the forecast and the log templates, not the data alone.
		for (const id of ['candidates', 'alerts', 'forecast', 'templates'])
			expect(r.out).toContain(`<data id="${id}">`);
		expect(r.out).toMatch(
			/Anomaly detector alerts, earliest first:\n1\. 2026-03-14 04:08Z edge\.latency_ms/
		);
	});

	it('explains a bundle without series (no diagnosis in the default notebook) from its data', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'aitia-logs-'));
		const line = (i: number) =>
			JSON.stringify({
				ts: new Date(Date.UTC(2026, 2, 14, 3, 0, i * 30)).toISOString(),
				level: i < 90 ? 'info' : 'error',
				service: 'api',
				message: i < 90 ? 'GET /cart 200' : 'DB connection refused (db-primary:5432)'
			});
		writeFileSync(
			join(dir, 'logs.jsonl'),
			Array.from({ length: 120 }, (_, i) => line(i)).join('\n')
		);
		const r = await run(['diagnose', dir, '--offline']);
		expect(r.code).toBe(0);
		expect(r.err).toContain('no diagnosis without series: explaining from the data alone');
		expect(r.out).toContain('<data id="logs">');
		expect(r.out).toContain('DB connection refused');
		expect(r.out).not.toContain('<data id="candidates">');
	});

	it('with a configured endpoint prints the parsed answer with risk labels', async () => {
		process.env.GROQ_API_KEY = 'gsk_cli_test';
		process.env.LLM_BASE_URL = fake.baseURL('stream');
		process.env.LLM_MODEL = 'fake-70b';
		const r = await run(['diagnose', DEMO]);
		expect(r.code).toBe(0);
		expect(r.out).toContain('=== answer from fake-70b ===');
		expect(r.out).toContain('Confidence: 0.86');
		expect(r.out).toContain('[destructive] kubectl delete pod db-0');
		expect(fake.requests.at(-1)!.user).toContain('Incident coolant-leak-b4');
	});

	it('falls back to the offline explanation when the provider refuses the key', async () => {
		process.env.GROQ_API_KEY = 'gsk_bad';
		process.env.LLM_BASE_URL = fake.baseURL('401');
		const r = await run(['diagnose', DEMO]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/rejected the server's API key/);
		expect(r.out).toContain('offline explanation (model unreachable)');
	});
});
