/**
 * Memory of unpacking a zipped bundle, measured in a fresh child process (its peak resident set,
 * /proc/self/status VmHWM): an archive holding a 512 MiB log file the reader keeps and a 512 MiB
 * file outside the layout that it must skip without inflating. Needed entries are lazy: each is
 * inflated when read (here: read whole, as an import does, then dropped), so the cost should be
 * about the archive plus the largest kept file, never the sum of all entries.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = path.join(ROOT, '.cache/zip-bench');
const ZIP = path.join(DIR, 'big.zip');

const MAKE = `
import { zipSync } from 'fflate';
import { writeFileSync } from 'node:fs';
const line = new TextEncoder().encode('{"ts":"2024-06-01T10:00:00Z","service":"api","message":"request served in 12 ms"}\\n');
const big = new Uint8Array(512 * 1024 * 1024);
for (let i = 0; i + line.length <= big.length; i += line.length) big.set(line, i);
writeFileSync('${ZIP}', zipSync({ 'manifest.json': new TextEncoder().encode('{}'), 'logs/api.jsonl': big, 'notes/extra.bin': big }, { level: 1 }));
`;

const MEASURE = `
import { readFileSync } from 'node:fs';
import { unzipBundle } from '${ROOT}workers/bundle/zip.ts';
import { wholeBytes } from '${ROOT}workers/bundle/file-content.ts';
const mib = (k) => Number(new RegExp(k + ':\\\\s+(\\\\d+)').exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const start = mib('VmRSS');
const zip = new Uint8Array(readFileSync('${ZIP}'));
let kept = 0;
let largest = 0;
for (const f of unzipBundle(zip, 'big.zip')) {
	const n = wholeBytes(f).length;
	kept += n / 1024 / 1024;
	largest = Math.max(largest, n / 1024 / 1024);
}
console.log(JSON.stringify({ archiveMiB: zip.length / 1024 / 1024, start, peak: mib('VmHWM'), kept, largest }));
`;

const run = (name: string, code: string) => {
	const file = path.join(DIR, name);
	writeFileSync(file, code);
	return execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' });
};

export async function zipMemoryBench(): Promise<string[]> {
	console.log(
		'\n== Zip memory: unpack an archive with 512 MiB kept + 512 MiB skipped (Node child) =='
	);
	mkdirSync(DIR, { recursive: true });
	if (!existsSync(ZIP)) run('make.mts', MAKE);
	const r = JSON.parse(run('measure.mts', MEASURE).trim().split('\n').pop()!) as {
		archiveMiB: number;
		start: number;
		peak: number;
		kept: number;
		largest: number;
	};
	const cost = r.peak - r.start;
	console.log(
		`  archive ${r.archiveMiB.toFixed(1)} MiB; kept ${r.kept.toFixed(0)} of 1,024 MiB of entries`
	);
	console.log(
		`  peak resident set ${r.peak.toFixed(0)} MiB, ${cost.toFixed(0)} MiB above the process at start (archive + largest kept file = ${(r.archiveMiB + r.largest).toFixed(0)} MiB)`
	);
	return cost > 1.25 * (r.archiveMiB + r.largest) + 64
		? [`MISSED: unzip cost ${cost.toFixed(0)} MiB > archive + kept file`]
		: [];
}
