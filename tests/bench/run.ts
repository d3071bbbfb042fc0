/**
 * `npm run bench`: runs each benchmark case in real Chromium and prints one table. Exits non-zero
 * only when a case fails to run; a missed throughput target prints a MISSED line instead.
 * Add a case by writing a `*.entry.ts` that calls `serveBench` and listing it in CASES.
 * `npm run bench -- rca pc` runs only the cases whose entry name contains one of the words.
 * Node-side cases (the batch CLI) and cases that drive Chromium themselves (minilm: model files,
 * a second profile for WebGPU) follow the browser ones.
 */
import { fileURLToPath } from 'node:url';
import { withBrowser } from './browser';
import type { BenchResult, BenchRow } from './protocol';
import { rcaEvalBench } from './rca-eval-bench';
import { zipMemoryBench } from './zip-memory';
import { streamMemoryBench } from './stream-memory';
import { importMemoryBench } from './import-memory';
import { captureBench } from './capture-bench';
import { capsuleBench } from './capsule-bench';
import { scrubBench } from './scrub-bench';
import { minilmBench } from './minilm-bench';

interface BenchCase {
	/** Heading printed above the case's rows. */
	title: string;
	/** Worker entry, relative to this folder; served as '/<name>.js'. */
	entry: string;
	/** Message posted to the worker. */
	params: unknown;
	/** Upper bound for the whole case. */
	timeoutMs: number;
}

const CASES: BenchCase[] = [
	{
		title:
			'Anomaly detection (detectAlerts), 1 week at 1 min (Web Worker); target < 100 ms; then the forecast cell on it',
		entry: 'anomaly-bench.entry.ts',
		params: { points: 10_080, runs: 3 },
		timeoutMs: 60_000
	},
	{
		title: 'IndexedDB storage (Web Worker, on-disk profile)',
		entry: 'idb-bench.entry.ts',
		params: { series: 40, points: 50_000, logLines: 1_000_000 },
		timeoutMs: 100_000
	},
	{
		title: 'PC causal discovery (Fisher-z, Web Worker)',
		entry: 'pc-bench.entry.ts',
		params: { sizes: [10, 20, 50, 100], rows: 10_000 },
		timeoutMs: 120_000
	},
	{
		title: 'Log intelligence: 1 M lines → searchable; top-10 over 1 M vectors (Web Worker)',
		entry: 'logs-bench.entry.ts',
		params: { lines: 1_000_000, vectors: 1_000_000, queries: 15 },
		timeoutMs: 300_000
	},
	{
		title: 'Root-cause ranking: 500 series, 1 day at 1 min (Web Worker); target < 2 s (ensemble)',
		entry: 'rca-bench.entry.ts',
		params: { services: 50, metricsPerService: 10, points: 1440 },
		timeoutMs: 120_000
	},
	{
		title: 'danfojs in the metrics worker: bundle size, load, windows (Web Worker)',
		entry: 'danfo-bench.entry.ts',
		params: { series: 40, points: 1440 },
		timeoutMs: 60_000
	}
];

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const servedPath = (entry: string): string => `/${entry.replace(/\.entry\.ts$/, '.js')}`;

function fmt(n: number, digits = 0): string {
	return n.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

function printTable(rows: BenchRow[]): string[] {
	const header = ['step', 'rows', 'seconds', 'rows/s', 'MB', 'target rows/s'];
	const body = rows.map((r) => [
		r.name,
		fmt(r.rows),
		fmt(r.seconds, 3),
		fmt(r.rows / Math.max(r.seconds, 1e-9)),
		r.mb === undefined ? '' : fmt(r.mb, 1),
		r.targetRowsPerSec === undefined ? '' : `>= ${fmt(r.targetRowsPerSec)}`
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const b of body) console.log(line(b));
	const missed: string[] = [];
	for (const r of rows) {
		const rate = r.rows / Math.max(r.seconds, 1e-9);
		if (r.targetRowsPerSec !== undefined && rate < r.targetRowsPerSec) {
			missed.push(
				`MISSED: ${r.name}: ${fmt(rate)} rows/s < target ${fmt(r.targetRowsPerSec)} rows/s`
			);
		}
	}
	return missed;
}

const only = process.argv.slice(2);
const picked = (name: string) => only.length === 0 || only.some((o) => name.includes(o));

async function main(): Promise<number> {
	const started = Date.now();
	const missed: string[] = [];
	const cases = CASES.filter((c) => picked(c.entry));
	if (cases.length)
		await withBrowser(
			cases.map((c) => here(c.entry)),
			async (session) => {
				for (const c of cases) {
					console.log(`\n== ${c.title} ==`);
					const result = await session.runInWorker<BenchResult>(
						servedPath(c.entry),
						c.params,
						c.timeoutMs
					);
					missed.push(...printTable(result.rows));
					for (const note of result.notes) console.log(`  ${note}`);
				}
			},
			{ onConsole: (text) => console.log(`  [browser] ${text}`) }
		);
	if (picked('minilm')) missed.push(...(await minilmBench()));
	if (picked('rca-eval')) missed.push(...(await rcaEvalBench()));
	if (picked('capture')) missed.push(...(await captureBench()));
	if (picked('zip')) missed.push(...(await zipMemoryBench()));
	if (picked('stream')) missed.push(...(await streamMemoryBench()));
	if (picked('import-memory')) missed.push(...(await importMemoryBench()));
	if (picked('capsule')) missed.push(...(await capsuleBench()));
	if (picked('scrub')) missed.push(...(await scrubBench()));
	console.log('');
	for (const m of missed) console.log(m);
	if (!missed.length) console.log('All throughput targets met.');
	console.log(`bench finished in ${fmt((Date.now() - started) / 1000, 1)} s`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error('bench failed to run:', err instanceof Error ? (err.stack ?? err.message) : err);
		process.exit(1);
	}
);
