/**
 * Node-side benchmark of `aitia capture`: one week × 500 series at the automatic step from a
 * loopback server answering in Prometheus' query_range shape. Budget from issue #13: the bundle
 * stays < 50 MB and the capture takes < 30 s.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const SERIES = 500;
const WEEK_S = 7 * 86_400;
const BUDGET_S = 30;
const BUDGET_MB = 50;

function matrix(url: URL): string {
	const start = Number(url.searchParams.get('start'));
	const end = Number(url.searchParams.get('end'));
	const step = Number(url.searchParams.get('step'));
	const result = [];
	for (let k = 0; k < SERIES; k++) {
		const values: [number, string][] = [];
		for (let t = start; t <= end; t += step) {
			values.push([t, (100 + 10 * Math.sin(t / 3600 + k) + ((t * 7 + k) % 13) / 10).toFixed(3)]);
		}
		const metric = { __name__: 'latency_ms', job: `svc${k % 50}`, instance: `pod-${k}` };
		result.push({ metric, values });
	}
	return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

export async function captureBench(): Promise<string[]> {
	console.log(
		'\n== aitia capture: 1 week × 500 series at auto step (Node, loopback); target < 30 s, < 50 MB =='
	);
	const server = createServer((req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(matrix(new URL(req.url ?? '/', 'http://x')));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	const dir = mkdtempSync(join(tmpdir(), 'aitia-capture-bench-'));
	const out = join(dir, 'week.zip');
	const to = Date.UTC(2024, 5, 8);
	const lines: string[] = [];
	const t0 = performance.now();
	const code = await main(
		[
			'capture',
			...['--prometheus', `http://127.0.0.1:${port}`, '--query', 'latency_ms'],
			...['--from', new Date(to - WEEK_S * 1000).toISOString(), '--to', new Date(to).toISOString()],
			...['--out', out]
		],
		{ out: (l) => lines.push(l), err: (l) => lines.push(l) }
	);
	const seconds = (performance.now() - t0) / 1000;
	server.close();
	const mb = code === 0 ? statSync(out).size / 1e6 : NaN;
	rmSync(dir, { recursive: true, force: true });
	for (const l of lines) console.log(`  ${l}`);
	console.log(`  wall time ${seconds.toFixed(1)} s, bundle ${mb.toFixed(1)} MB`);
	const missed: string[] = [];
	if (code !== 0) missed.push(`MISSED: capture bench exited with ${code}`);
	if (seconds > BUDGET_S)
		missed.push(`MISSED: capture took ${seconds.toFixed(1)} s > ${BUDGET_S} s`);
	if (mb > BUDGET_MB) missed.push(`MISSED: capture bundle ${mb.toFixed(1)} MB > ${BUDGET_MB} MB`);
	return missed;
}
