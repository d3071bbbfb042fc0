/**
 * Peak memory of the browser import (runImport in a Chromium worker) of the generated bundle zip
 * (stream-memory.ts makes it): the renderer's and the browser process's peak resident set
 * (/proc/<pid>/status VmHWM of Chromium's processes, found as descendants of this process). The
 * import writes log lines and spans while it parses (staged in sorted runs, merged, one commit),
 * so the renderer should stay within 1 GiB whatever the size (issue 14: a ≤ 2 GiB bundle in
 * ≤ 1 GiB). 1984 MiB by default (IMPORT_BENCH_MIB to change): the generator adds a few percent to
 * what it is asked for, and this is the largest that stays under the import's 2 GiB cap.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withBrowser } from './browser';
import type { ImportMemoryResult } from './import-memory.entry';
import { benchBundle } from './stream-memory';

const MIB = 1024 ** 2;
const TOTAL = Number(process.env.IMPORT_BENCH_MIB ?? 1984) * MIB;

function readProc(pid: string, file: string): string {
	try {
		return readFileSync(`/proc/${pid}/${file}`, 'utf8');
	} catch {
		return ''; // The process has just ended.
	}
}

/** Peak resident set (MiB) of Chromium's renderers and of its browser process. */
function chromiumPeaks(): { renderer: number; browser: number } {
	const children = new Map<string, string[]>();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		// Field 4 of stat is the parent; the command name before it may contain spaces.
		const stat = readProc(pid, 'stat');
		const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
		if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
	}
	const peaks = { renderer: 0, browser: 0 };
	const todo = [...(children.get(String(process.pid)) ?? [])];
	while (todo.length) {
		const pid = todo.pop()!;
		todo.push(...(children.get(pid) ?? []));
		const cmd = readProc(pid, 'cmdline');
		if (!cmd.includes('chrom')) continue;
		const hwm = Number(/VmHWM:\s+(\d+)/.exec(readProc(pid, 'status'))?.[1] ?? 0) / 1024;
		if (cmd.includes('--type=renderer')) peaks.renderer = Math.max(peaks.renderer, hwm);
		else if (!cmd.includes('--type=')) peaks.browser = Math.max(peaks.browser, hwm);
	}
	return peaks;
}

export async function importMemoryBench(): Promise<string[]> {
	console.log(`\n== Browser import of a ${TOTAL / MIB} MiB bundle zip: peak memory (Chromium) ==`);
	const { zip } = benchBundle(TOTAL);
	const bytes = new Uint8Array(readFileSync(zip));
	const entry = fileURLToPath(new URL('import-memory.entry.ts', import.meta.url));
	const { r, peaks } = await withBrowser(
		[entry],
		async (session) => {
			const r = await session.runInWorker<ImportMemoryResult>(
				'/import-memory.js',
				{ zip: '/bundle.zip' },
				1_800_000
			);
			return { r, peaks: chromiumPeaks() };
		},
		{
			extra: (path) =>
				path === '/bundle.zip' ? { body: bytes, type: 'application/zip' } : undefined,
			onConsole: (text) => console.log(`  [browser] ${text}`)
		}
	);
	const what = r.ok
		? `imported ${r.logLines.toLocaleString('en-US')} log lines, ${r.points.toLocaleString('en-US')} points`
		: `refused: ${r.error}`;
	console.log(
		`  archive ${(bytes.length / MIB).toFixed(0)} MiB; ${what} in ${r.seconds.toFixed(1)} s`
	);
	console.log(
		`  peak resident set: renderer (page + worker) ${peaks.renderer.toFixed(0)} MiB, browser process ${peaks.browser.toFixed(0)} MiB`
	);
	if (!r.ok) return [`MISSED: the browser import failed: ${r.error}`];
	if (peaks.renderer > 1024) {
		return [`MISSED: the browser import peaked at ${peaks.renderer.toFixed(0)} MiB > 1 GiB`];
	}
	return [];
}
