/**
 * Log-intelligence benchmark, run inside a module Web Worker of real Chromium (as the logs worker
 * runs): (1) 1 M synthetic log lines → templates → embeddings → searchable, with the split;
 * (2) top-10 over 1 M 384-d vectors with the int8 SIMD index (recall against exact float search).
 */
import { LOG_LEVELS, type LogTable } from '../../workers/bundle/types';
import { LexicalEmbedder } from '../../workers/embed/lexical';
import { embedDocs, mineLogs } from '../../workers/logs/build';
import { FlatIndex } from '../../workers/search/flat';
import { Int8Index } from '../../workers/search/int8';
import { benchLog, serveBench, type BenchRow } from './protocol';

export interface LogsBenchParams {
	lines: number;
	vectors: number;
	queries: number;
}

const T0 = Date.UTC(2024, 5, 1);
const WORDS = 'cache db api auth queue disk pool node shard lock token index worker proxy'.split(
	' '
);
const VERBS = 'failed timed-out started stopped retried rejected'.split(' ');

function rng(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** ~250 message shapes with numbers, ids, IPs and durations in them, like real service logs. */
function syntheticLogs(n: number): LogTable {
	const r = rng(42);
	const shapes: ((r: () => number) => string)[] = [];
	for (const w of WORDS)
		for (const v of VERBS) {
			shapes.push(
				(x) =>
					`${w} request ${v} after ${Math.floor(x() * 5000)} ms (id=${Math.floor(x() * 1e9).toString(16)})`
			);
			shapes.push(
				(x) =>
					`${w} ${v} on 10.0.${Math.floor(x() * 255)}.${Math.floor(x() * 255)}:${8000 + Math.floor(x() * 100)}`
			);
			shapes.push(
				(x) => `user ${Math.floor(x() * 1e5)} ${w} ${v}: retry ${Math.floor(x() * 5)} of 5`
			);
		}
	const logs: LogTable = {
		length: n,
		t: new Float64Array(n),
		level: new Uint8Array(n),
		service: new Uint16Array(n),
		services: WORDS,
		message: new Array<string>(n),
		extra: new Array<string>(n).fill('')
	};
	for (let i = 0; i < n; i++) {
		logs.t[i] = T0 + i * 10;
		logs.level[i] = LOG_LEVELS.indexOf(r() < 0.1 ? 'error' : 'info');
		logs.service[i] = Math.floor(r() * WORDS.length);
		// Skewed like real logs: a few shapes dominate.
		logs.message[i] = shapes[Math.floor(shapes.length * r() ** 3)](r);
	}
	return logs;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
	const t0 = performance.now();
	const v = await fn();
	return [v, (performance.now() - t0) / 1000];
}

async function logsToSearchable(lines: number): Promise<{ rows: BenchRow[]; notes: string[] }> {
	const logs = syntheticLogs(lines);
	benchLog(`generated ${lines} lines`);
	const span = { start: T0, end: T0 + lines * 10 };
	const [mined, mineS] = await timed(() =>
		mineLogs(logs, { origin: T0, baseline: span, incident: span })
	);
	const embedder = new LexicalEmbedder();
	const [vectors, embedS] = await timed(() => embedDocs(mined.docs, embedder));
	const [hits, indexS] = await timed(() => {
		const index = new FlatIndex(embedder.name, embedder.dim, mined.docs.length);
		index.add(vectors, embedder.name);
		return embedder.embed(['disk request timed-out']).then((q) => index.search(q, 10));
	});
	const total = mineS + embedS + indexS;
	return {
		rows: [
			{ name: 'mine templates (Drain)', rows: lines, seconds: mineS },
			{
				name: `embed templates (${embedder.name})`,
				rows: mined.docs.length,
				seconds: embedS
			},
			{ name: 'build flat index + first query', rows: mined.docs.length, seconds: indexS },
			{
				name: '1 M lines → searchable (total)',
				rows: lines,
				seconds: total,
				targetRowsPerSec: lines / 60
			}
		],
		notes: [
			`${lines} lines → ${mined.rows.length} templates → ${mined.docs.length} vectors; first query: ${hits.length} hits`,
			'embedded with the lexical embedder here; MiniLM on 1 M real (TrainTicket) lines: `npm run bench -- minilm`'
		]
	};
}

/** Deterministic unit vector of one row (so exact answers can be recomputed without storing floats). */
function rowVector(row: number, dim: number, out = new Float32Array(dim)): Float32Array {
	const r = rng(row * 2654435761 + 7);
	let norm = 0;
	for (let j = 0; j < dim; j++) norm += (out[j] = r() - 0.5) ** 2;
	const inv = 1 / Math.sqrt(norm);
	for (let j = 0; j < dim; j++) out[j] *= inv;
	return out;
}

async function vectorTopK(
	n: number,
	queries: number
): Promise<{ rows: BenchRow[]; notes: string[] }> {
	const dim = 384;
	const index = new Int8Index('bench', dim, n);
	const chunk = 10_000;
	const buf = new Float32Array(chunk * dim);
	const [, buildS] = await timed(() => {
		for (let start = 0; start < n; start += chunk) {
			const rows = Math.min(chunk, n - start);
			for (let i = 0; i < rows; i++)
				rowVector(start + i, dim, buf.subarray(i * dim, (i + 1) * dim));
			index.add(buf.subarray(0, rows * dim), 'bench');
		}
	});
	benchLog(`int8 index of ${n} vectors built (SIMD kernel: ${index.simd})`);
	const times: number[] = [];
	const rescoredTimes: number[] = [];
	let agree = 0;
	for (let q = 0; q < queries; q++) {
		// Queries near a stored row, as real queries are near their answers.
		const query = rowVector((q * 7919) % n, dim).map(
			(x, j) => x + 0.02 * (rowVector(n + q, dim)[j] ?? 0)
		);
		let t0 = performance.now();
		const approx = index.search(query, 10);
		times.push(performance.now() - t0);
		t0 = performance.now();
		const exact = index.search(query, 10, { rescore: (row) => rowVector(row, dim) });
		rescoredTimes.push(performance.now() - t0);
		agree += approx.filter((h) => exact.some((e) => e.row === h.row)).length;
	}
	const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
	return {
		rows: [
			{
				name: 'quantise + load 1 M × 384 (int8)',
				rows: n,
				seconds: buildS,
				mb: (n * dim) / 1_048_576
			},
			{
				name: 'top-10 over 1 M (int8 SIMD scan, median)',
				rows: n,
				seconds: median(times) / 1000,
				targetRowsPerSec: n / 0.05
			},
			{
				name: 'top-10 + exact rescoring of 80 (median)',
				rows: n,
				seconds: median(rescoredTimes) / 1000
			}
		],
		notes: [
			`top-10 query times ms: ${times.map((t) => t.toFixed(1)).join(', ')}`,
			`int8 top-10 vs rescored top-10 overlap: ${((100 * agree) / (10 * queries)).toFixed(1)} % over ${queries} queries`
		]
	};
}

serveBench(async (raw) => {
	const p = raw as LogsBenchParams;
	const a = await logsToSearchable(p.lines);
	const b = await vectorTopK(p.vectors, p.queries);
	return { rows: [...a.rows, ...b.rows], notes: [...a.notes, ...b.notes] };
});
