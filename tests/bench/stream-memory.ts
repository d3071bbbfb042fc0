/**
 * Peak memory of `aitia validate` on a ≈2 GiB bundle (issue 14: "a ≤ 2 GiB bundle in ≤ 1 GiB of
 * memory"), as a folder and as a zip, each in a fresh child process (its peak resident set,
 * /proc/self/status VmHWM). The bundle is generated once under .cache/stream-bench (never
 * committed): JSON-lines and text logs plus a metrics CSV, written and zipped in pieces so the
 * generator itself stays small. validate reads big files in pieces and keeps no log rows or spans, so its
 * peak should not grow with the bundle; nor should the browser import's, which writes them to
 * storage as it parses (import-memory.ts; docs/bundle-format.md, "Memory").
 */
import { execFileSync } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readSync,
	rmSync,
	statSync,
	writeSync
} from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = path.join(ROOT, '.cache/stream-bench');
const MIB = 1024 ** 2;
/** Unpacked size of the generated bundle: 2 GiB, or STREAM_BENCH_MIB (to see how peaks scale). */
const TOTAL = Number(process.env.STREAM_BENCH_MIB ?? 2048) * MIB;
const DAY_START = Date.UTC(2024, 5, 1);
const DAY = 86_400_000;
const SERVICES = ['edge', 'api', 'db'];
/** Bytes of the metrics CSV. */
const METRICS = 10 * MIB;

const enc = new TextEncoder();

/** Writes `bytes` bytes of lines made by `line(i, t)` to `file`, in 8 MiB pieces. */
function writeLines(file: string, bytes: number, line: (i: number, t: number) => string): void {
	const fd = openSync(file, 'w');
	const avg = line(0, DAY_START).length + 1;
	const lines = Math.floor(bytes / avg);
	let buf = '';
	for (let i = 0; i < lines; i++) {
		buf += line(i, DAY_START + Math.floor((i / lines) * DAY)) + '\n';
		if (buf.length > 8 * MIB) {
			writeSync(fd, enc.encode(buf));
			buf = '';
		}
	}
	writeSync(fd, enc.encode(buf));
	closeSync(fd);
}

const PATHS = ['/api/items', '/api/cart', '/api/checkout', '/health', '/api/users'];

function makeFolder(folder: string, total: number): string[] {
	rmSync(folder, { recursive: true, force: true });
	for (const sub of ['logs', 'metrics']) mkdirSync(path.join(folder, sub), { recursive: true });
	const manifest = {
		format: 'aitia.bundle',
		version: 2,
		id: 'stream-bench',
		title: `Streaming bench: ${total / MIB} MiB of logs and metrics`,
		services: SERVICES,
		timeRange: {
			start: new Date(DAY_START).toISOString(),
			end: new Date(DAY_START + DAY).toISOString()
		},
		timezone: 'UTC'
	};
	const files = [
		'manifest.json',
		'metrics/edge.csv',
		'logs/api.jsonl',
		'logs/db.jsonl',
		'logs/edge.log'
	];
	const fd = openSync(path.join(folder, 'manifest.json'), 'w');
	writeSync(fd, JSON.stringify(manifest, null, 2));
	closeSync(fd);
	// 24 series at 1 s for most of the day (≈1.9 M points).
	const keys = SERVICES.flatMap((s) =>
		[
			'latency_ms',
			'throughput_rpm',
			'cpu',
			'errors',
			'db_lock_ms',
			'pool_wait_ms',
			'mem',
			'gc_ms'
		].map((m) => `${s}.${m}`)
	);
	writeLines(path.join(folder, 'metrics/edge.csv'), METRICS, (i) =>
		i === 0
			? `timestamp,${keys.join(',')}`
			: [
					new Date(DAY_START + i * 1000).toISOString(),
					...keys.map((_, k) => ((i * 7 + k * 13) % 997) / 10)
				].join(',')
	);
	const rest = total - METRICS;
	const json = (service: string) => (i: number, t: number) =>
		JSON.stringify({
			ts: new Date(t).toISOString(),
			level: i % 97 === 0 ? 'error' : i % 13 === 0 ? 'warn' : 'info',
			service,
			message: `GET ${PATHS[i % PATHS.length]}/${(i * 7919) % 100_000} served in ${i % 250} ms`,
			trace: ((i * 2_654_435_761) >>> 0).toString(16).padStart(8, '0')
		});
	writeLines(path.join(folder, 'logs/api.jsonl'), rest * 0.5, json('api'));
	writeLines(path.join(folder, 'logs/db.jsonl'), rest * 0.25, json('db'));
	writeLines(
		path.join(folder, 'logs/edge.log'),
		rest * 0.25,
		(i, t) =>
			`${new Date(t).toISOString()} ${i % 13 === 0 ? 'WARN' : 'INFO'} edge: upstream ${PATHS[i % PATHS.length]} answered ${200 + (i % 3)} after ${i % 900} ms`
	);
	return files;
}

/** Zips the folder in pieces (deflate level 1): the archive is never whole in memory. */
function makeZip(folder: string, file: string, files: string[]): void {
	const out = openSync(file, 'w');
	const archive = new Zip((err, chunk) => {
		if (err) throw err;
		writeSync(out, chunk);
	});
	const buf = new Uint8Array(4 * MIB);
	for (const name of files) {
		const entry = new ZipDeflate(name, { level: 1 });
		archive.add(entry);
		const fd = openSync(path.join(folder, name), 'r');
		for (let n = readSync(fd, buf); ; n = readSync(fd, buf)) {
			entry.push(buf.slice(0, n), n === 0);
			if (n === 0) break;
		}
		closeSync(fd);
	}
	archive.end();
	closeSync(out);
}

const MEASURE = (target: string) => `
import { readFileSync } from 'node:fs';
import { main } from '${ROOT}src/cli/main.ts';
const mib = (k) => Number(new RegExp(k + ':\\\\s+(\\\\d+)').exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const start = mib('VmRSS');
const lines = [];
const t0 = performance.now();
const code = await main(['validate', '${target}'], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
console.log(JSON.stringify({ code, start, peak: mib('VmHWM'), seconds: (performance.now() - t0) / 1000, first: lines[0] }));
`;

function measure(target: string): {
	code: number;
	start: number;
	peak: number;
	seconds: number;
	first: string;
} {
	const script = path.join(DIR, 'measure.mts');
	const fd = openSync(script, 'w');
	writeSync(fd, MEASURE(target));
	closeSync(fd);
	const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 16 * MIB
	});
	return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * The generated bundle of `total` bytes unpacked, as a folder and a zip of it; made on first use
 * and kept under .cache/stream-bench.
 */
export function benchBundle(total: number): { folder: string; zip: string } {
	const folder = path.join(DIR, `bundle-${total / MIB}m`);
	const zip = `${folder}.zip`;
	mkdirSync(DIR, { recursive: true });
	if (!existsSync(zip)) {
		const t0 = performance.now();
		makeZip(folder, zip, makeFolder(folder, total));
		const secs = (performance.now() - t0) / 1000;
		console.log(
			`  generated ${path.basename(zip)} in ${secs.toFixed(0)} s (kept in .cache/stream-bench)`
		);
	}
	return { folder, zip };
}

export async function streamMemoryBench(): Promise<string[]> {
	console.log(
		`\n== aitia validate on a ${TOTAL / 1024 ** 3} GiB bundle: peak memory (Node child) ==`
	);
	const { folder: FOLDER, zip: ZIP } = benchBundle(TOTAL);
	const missed: string[] = [];
	for (const [what, target] of [
		['folder', FOLDER],
		['zip', ZIP]
	] as const) {
		const r = measure(target);
		const size = what === 'zip' ? `archive ${(statSync(ZIP).size / MIB).toFixed(0)} MiB, ` : '';
		console.log(`  ${what}: ${size}${(TOTAL / MIB).toFixed(0)} MiB unpacked; ${r.first}`);
		console.log(
			`    peak resident set ${r.peak.toFixed(0)} MiB (${r.start.toFixed(0)} MiB at start), ${r.seconds.toFixed(1)} s, ${(TOTAL / MIB / r.seconds).toFixed(0)} MiB/s`
		);
		if (r.code !== 0) missed.push(`MISSED: validate of the ${what} failed: ${r.first}`);
		else if (r.peak > 1024)
			missed.push(`MISSED: validate of the ${what} peaked at ${r.peak.toFixed(0)} MiB > 1 GiB`);
	}
	return missed;
}
