/**
 * Bounded loopback load test of the LLM proxy: the proxy's handler behind a Node HTTP server on
 * 127.0.0.1, streaming from the fake provider on 127.0.0.1. Fixed request count, fixed concurrency,
 * hard duration cap; prints requests/s, p50/p99 latency (full streamed answer) and error counts.
 * Run: npx tsx tests/bench/proxy.ts [count=400] [concurrency=16] [maxSeconds=30]
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handlePost } from '../../src/lib/server/proxy';
import { RateLimiter } from '../../src/lib/server/rate-limit';
import { startFakeOpenAI } from '../support/fake-openai';

const [count = 400, concurrency = 16, maxSeconds = 30] = process.argv.slice(2).map(Number);

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return new Request(origin + req.url, {
		method: req.method,
		headers: req.headers as Record<string, string>,
		body: req.method === 'POST' ? Buffer.concat(chunks) : undefined
	});
}

async function main() {
	const fake = await startFakeOpenAI({ delayMs: 0 });
	const cfg = {
		limiter: new RateLimiter(1e9, 1e9),
		upstream: {
			apiKey: 'gsk_bench',
			baseURL: fake.baseURL('stream'),
			model: 'fake',
			timeoutMs: 10_000
		}
	};
	const server = createServer(async (req, res) => {
		const origin = `http://${req.headers.host}`;
		const r = await handlePost(await toRequest(req, origin), 'bench', cfg);
		res.writeHead(r.status, Object.fromEntries(r.headers));
		const reader = r.body?.getReader();
		for (let c = await reader?.read(); c && !c.done; c = await reader!.read()) res.write(c.value);
		res.end();
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/llm`;
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
					headers: { 'content-type': 'application/json' },
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
		`proxy bench (loopback, fake upstream): ${done}/${count} requests, concurrency ${concurrency}, ${seconds.toFixed(2)} s`
	);
	console.log(
		`  ok ${latencies.length}, ${(latencies.length / seconds).toFixed(1)} req/s, p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms (full streamed answer)`
	);
	console.log(`  errors: ${JSON.stringify(errors)}`);
	server.close();
	await fake.close();
	process.exitCode = Object.keys(errors).length ? 1 : 0;
}

void main();
