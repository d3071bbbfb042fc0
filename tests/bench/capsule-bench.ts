/**
 * Capsules (Node, the data worker's code with fake-indexeddb, each in a fresh child process):
 * - export and re-import of the demo incident, wall time each (target < 2 s);
 * - import of a ~200 MB capsule (one big log file), its peak resident set above the process at
 *   start, counted in copies of the unpacked bundle. Bytes flow unzip → importer without a Blob
 *   copy or a second read; what remains is the unpacked bytes, the parsed tables and, here, the
 *   in-memory "IndexedDB" that a browser keeps on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = path.join(ROOT, '.cache/capsule-bench');

const COMMON = `
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { openAitiaDb } from '${ROOT}workers/storage/db.ts';
import { parseBundle } from '${ROOT}workers/bundle/parse.ts';
import { putBundle } from '${ROOT}workers/storage/incidents.ts';
import { exportCapsule, importCapsule } from '${ROOT}workers/data/capsule-io.ts';
import { neverCancelled } from '${ROOT}workers/shared/cancel.ts';
const mib = (k) => Number(new RegExp(k + ':\\\\s+(\\\\d+)').exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const req = (id) => ({ incidentId: id, notebooks: [], runStates: [], appVersion: 'bench', formats: { bundle: 2, notebook: 1, runState: 1 } });
const store = async (files, name) => {
	const parsed = await parseBundle(files);
	if (!parsed.ok) throw new Error(parsed.errors[0].message);
	const db = await openAitiaDb({ name });
	await putBundle(db, parsed.bundle, { contentHash: parsed.contentHash, bytes: 0, source: name, warnings: [] });
	return { db, id: parsed.bundle.manifest.id };
};
const load = (db, bytes) => importCapsule(db, new Blob([bytes]), { source: 'bench', replace: true, signal: neverCancelled, onProgress: () => {} });
`;

const DEMO = `${COMMON}
import { generateDemo } from '${ROOT}workers/demo/generate.ts';
const { db, id } = await store(generateDemo().files, 'demo-src');
let t0 = performance.now();
const bytes = await exportCapsule(db, req(id));
const exportMs = performance.now() - t0;
const target = await openAitiaDb({ name: 'demo-dst' });
t0 = performance.now();
const res = await load(target, bytes);
const importMs = performance.now() - t0;
if (!res.ok) throw new Error(JSON.stringify(res.errors));
console.log(JSON.stringify({ kib: bytes.length / 1024, exportMs, importMs }));
`;

const BIG = `${COMMON}
import { buildCapsule } from '${ROOT}workers/data/capsule.ts';
import { writeFileSync } from 'node:fs';
const enc = new TextEncoder();
const manifest = { format: 'aitia.bundle', version: 2, id: 'big', title: 'big', services: ['api'],
	timeRange: { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' }, timezone: 'UTC' };
// ~200 MB of JSON lines, one line a second over the day and round again (distinct messages).
const lines = [];
let size = 0;
for (let i = 0; size < 200 * 1024 * 1024; i++) {
	const t = new Date(Date.UTC(2024, 5, 1) + (i % 86400) * 1000).toISOString();
	const l = JSON.stringify({ ts: t, level: i % 97 ? 'info' : 'error', service: 'api', message: 'request ' + i + ' served in ' + (i % 500) + ' ms for user u' + (i % 1000) }) + '\\n';
	lines.push(l);
	size += l.length;
}
const files = [
	{ path: 'manifest.json', bytes: enc.encode(JSON.stringify(manifest)) },
	{ path: 'metrics/api.csv', bytes: enc.encode('timestamp,api.latency_ms\\n2024-06-01T00:00:00Z,10\\n2024-06-01T12:00:00Z,12\\n') },
	{ path: 'logs/api.jsonl', bytes: enc.encode(lines.join('')) }
];
const parsed = await parseBundle(files);
if (!parsed.ok) throw new Error(parsed.errors[0].message);
const bytes = await buildCapsule({ ...req('big'), bundle: parsed.bundle, contentHash: parsed.contentHash });
writeFileSync(process.argv[2], bytes);
`;

const MEASURE = `${COMMON}
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const unpacked = Number(process.argv[3]);
globalThis.gc?.();
const start = mib('VmRSS');
const db = await openAitiaDb({ name: 'big-dst' });
const t0 = performance.now();
const res = await load(db, bytes);
if (!res.ok) throw new Error(JSON.stringify(res.errors));
console.log(JSON.stringify({ capsuleMiB: bytes.length / 1024 / 1024, start, peak: mib('VmHWM'), ms: performance.now() - t0, unpacked }));
`;

const run = (name: string, code: string, args: string[] = []) => {
	const file = path.join(DIR, name);
	writeFileSync(file, code);
	const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	return JSON.parse(out.trim().split('\n').pop() ?? '{}');
};

export async function capsuleBench(): Promise<string[]> {
	mkdirSync(DIR, { recursive: true });
	const missed: string[] = [];
	console.log('\n== Capsules (Node child, fake-indexeddb) ==');
	const d = run('demo.mts', DEMO) as { kib: number; exportMs: number; importMs: number };
	console.log(
		`  demo capsule ${d.kib.toFixed(0)} KiB: export ${(d.exportMs / 1000).toFixed(2)} s, re-import ${(d.importMs / 1000).toFixed(2)} s (target < 2 s each)`
	);
	if (d.exportMs > 2000 || d.importMs > 2000)
		missed.push('MISSED: demo capsule export/import ≥ 2 s');
	const big = path.join(DIR, 'big.aitia.zip');
	run('make-big.mts', `${BIG}\nconsole.log('{}');`, [big]);
	const unpackedMiB = 200;
	const r = run('measure.mts', MEASURE, [big, String(unpackedMiB)]) as {
		capsuleMiB: number;
		start: number;
		peak: number;
		ms: number;
	};
	const cost = r.peak - r.start;
	console.log(
		`  ~${unpackedMiB} MiB of logs in a ${r.capsuleMiB.toFixed(1)} MiB capsule: imported in ${(r.ms / 1000).toFixed(1)} s, peak ${r.peak.toFixed(0)} MiB resident, ${cost.toFixed(0)} MiB above the start = ${(cost / unpackedMiB).toFixed(1)}× the unpacked bundle (unpacked bytes + parsed table + the in-memory store)`
	);
	return missed;
}
