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

describe('aitia diagnose', () => {
	it('--offline prints the redacted prompt and the offline explanation of the demo', async () => {
		process.env.GROQ_API_KEY = 'gsk_should_not_be_used';
		const r = await run(['diagnose', DEMO, '--offline']);
		expect(r.code).toBe(0);
		expect(r.out).toContain('=== user (redacted) ===');
		expect(r.out).toContain('<data id="anomaly">');
		expect(r.out).toMatch(/Root cause: host-b4\.cpu_temp_c/);
		expect(r.out).toMatch(/deploy\] api: api v2\.14\.1[\s\S]*likely a coincidence/);
		expect(fake.requests).toHaveLength(0);
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
