/**
 * Bounded loopback load test of the LLM proxy as deployed: the built server (`node
 * src/cli/serve.js`, the same process as `npm start`, with its headers, origin check and limits)
 * on 127.0.0.1, streaming from the fake provider on 127.0.0.1. Fixed request count, fixed
 * concurrency, hard duration cap; prints requests/s, p50/p99 latency (full streamed answer) and
 * error counts. Builds the app first when build/ is missing.
 * Run: npx tsx tests/bench/proxy.ts [count=400] [concurrency=16] [maxSeconds=30]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../support/net';
import path from 'node:path';
import { startFakeOpenAI } from '../support/fake-openai';

const [count = 400, concurrency = 16, maxSeconds = 30] = process.argv.slice(2).map(Number);
const root = path.resolve(import.meta.dirname, '../..');

async function main() {
	if (!existsSync(path.join(root, 'build/handler.js')))
		execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit']
		});
	const fake = await startFakeOpenAI({ delayMs: 0 });
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [path.join(root, 'src/cli/serve.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			GROQ_API_KEY: 'gsk_bench',
			LLM_BASE_URL: fake.baseURL('stream'),
			LLM_MODEL: 'fake',
			// The bench measures throughput, not the limiter: lift the limits far above the load.
			LLM_RATE_PER_MIN: '1000000',
			LLM_RATE_BURST: '1000000',
			LLM_TOKENS_PER_MIN: '1000000000',
			LLM_TOKENS_PER_DAY: '1000000000',
			LLM_ALLOWED_ORIGINS: origin
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${origin}/`)).ok) break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const url = `${origin}/api/llm`;
	const body = JSON.stringify({ user: 'Incident bench. ' + 'evidence line\n'.repeat(400) });
	const latencies: number[] = [];
	const errors: Record<string, number> = {};
	const deadline = Date.now() + maxSeconds * 1000;
	let next = 0;
	const started = performance.now();
	async function worker() {
		while (next < count && Date.now() < deadline) {
			next++;
			const t0 = performance.now();
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin },
					body,
					signal: AbortSignal.timeout(15_000)
				});
				const text = await res.text();
				if (res.status !== 200 || !text.includes('"done":true'))
					errors[`status ${res.status}`] = (errors[`status ${res.status}`] ?? 0) + 1;
				else latencies.push(performance.now() - t0);
			} catch (e) {
				const k = (e as Error).name;
				errors[k] = (errors[k] ?? 0) + 1;
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const q = (p: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
	const done = latencies.length + Object.values(errors).reduce((a, b) => a + b, 0);
	console.log(
		`proxy bench (built server, loopback, fake upstream): ${done}/${count} requests, concurrency ${concurrency}, ${seconds.toFixed(2)} s`
	);
	console.log(
		`  ok ${latencies.length}, ${(latencies.length / seconds).toFixed(1)} req/s, p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms (full streamed answer)`
	);
	console.log(`  errors: ${JSON.stringify(errors)}`);
	server.kill('SIGTERM');
	await fake.close();
	process.exitCode = Object.keys(errors).length ? 1 : 0;
}

void main();
