/**
 * The browser import of a generated bundle zip, in a module Web Worker of real Chromium as the
 * app's data worker runs it: fetched as a Blob (Chromium keeps big Blobs out of the renderer),
 * then runImport (quota check, parse while staging rows, merge, one short commit) on an on-disk profile. The
 * runner (import-memory.ts) reads the renderer's peak resident set from outside.
 */
import { deleteDB } from 'idb';
import { runImport } from '../../workers/data/importer';
import { CancelSource } from '../../workers/shared/cancel';
import { openAitiaDb } from '../../workers/storage/db';
import { benchLog, serveBench } from './protocol';

export interface ImportMemoryParams {
	/** Served path of the zip. */
	zip: string;
}

export interface ImportMemoryResult {
	ok: boolean;
	/** First error, when the import failed. */
	error?: string;
	logLines: number;
	points: number;
	seconds: number;
}

serveBench<ImportMemoryParams, ImportMemoryResult>(async (p) => {
	const name = 'aitia-import-bench';
	await deleteDB(name);
	const db = await openAitiaDb({ name });
	const blob = await (await fetch(p.zip)).blob();
	benchLog(`importing ${(blob.size / 1024 ** 2).toFixed(0)} MiB zip ...`);
	const t0 = performance.now();
	const r = await runImport({
		db,
		files: [{ path: 'bundle.zip', blob }],
		source: 'bench',
		replace: true,
		signal: new CancelSource(),
		onProgress: () => {}
	});
	const seconds = (performance.now() - t0) / 1000;
	db.close();
	if (!r.ok) return { ok: false, error: r.errors[0]?.message, logLines: 0, points: 0, seconds };
	const { logLines, points } = r.info.counts;
	return { ok: true, logLines, points, seconds };
});
