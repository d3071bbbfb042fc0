/**
 * One import, all-or-nothing: read the picked files, parse + validate the whole bundle, check the
 * storage quota, then write everything in one IndexedDB transaction. Any error or a cancel at any
 * point leaves the database exactly as it was. In a worker, picked files are lazy (blob-content.ts):
 * each is read when the parser gets to it, a zip in place.
 */
import type { BundleFile, BundleIssue, ImportProgress } from '../bundle/types';
import { parseBundle } from '../bundle/parse';
import { estimateStoredBytes } from '../bundle/size';
import { checkQuota } from '../storage/quota';
import { putBundle, DuplicateIncidentError } from '../storage/incidents';
import type { AitiaDb } from '../storage/db';
import { isCancelled, type CancelSignal } from '../shared/cancel';
import { blobContent, syncBlobReader } from './blob-content';
import type { ImportResult, InputFile } from './worker-api';

export interface ImportJob {
	db: AitiaDb;
	/** Picked files (Blobs), or bytes already in this worker (a capsule's unpacked bundle). */
	files: (InputFile | BundleFile)[];
	source: string;
	replace: boolean;
	signal: CancelSignal;
	onProgress: (p: ImportProgress) => void;
}

const bundleIssue = (file: string, message: string): BundleIssue => ({
	severity: 'error',
	file,
	message
});

const sizeOf = (f: InputFile | BundleFile) => ('bytes' in f ? f.bytes.length : f.blob.size);

/**
 * Blobs as bundle files: lazy where the scope can read Blobs synchronously (workers), else read
 * into bytes now (Node tests), reporting bytes as they arrive.
 */
async function readFiles(job: ImportJob, bytesTotal: number): Promise<BundleFile[]> {
	const readBlob = syncBlobReader();
	if (readBlob) {
		return job.files.map((f) =>
			'bytes' in f
				? f
				: { path: f.path, bytes: new Uint8Array(0), lazy: blobContent(f.blob, readBlob, f.path) }
		);
	}
	const out: BundleFile[] = [];
	let bytesDone = 0;
	for (const f of job.files) {
		await job.signal.checkpoint();
		job.onProgress({ phase: 'reading', bytesDone, bytesTotal, rows: 0, file: f.path });
		// Bytes already here are used as they are: a copy per layer is what makes big imports fail.
		out.push(
			'bytes' in f ? f : { path: f.path, bytes: new Uint8Array(await f.blob.arrayBuffer()) }
		);
		bytesDone += sizeOf(f);
	}
	job.onProgress({ phase: 'reading', bytesDone, bytesTotal, rows: 0 });
	return out;
}

export async function runImport(job: ImportJob): Promise<ImportResult> {
	const bytesTotal = job.files.reduce((n, f) => n + sizeOf(f), 0);
	let warnings: BundleIssue[] = [];
	try {
		if (job.files.length === 0) {
			return {
				ok: false,
				cancelled: false,
				errors: [bundleIssue(job.source, 'No files were given.')],
				warnings
			};
		}
		const files = await readFiles(job, bytesTotal);
		const parsed = await parseBundle(files, { signal: job.signal, onProgress: job.onProgress });
		warnings = parsed.warnings;
		if (!parsed.ok) return { ok: false, cancelled: false, errors: parsed.errors, warnings };

		const needed = estimateStoredBytes(parsed.bundle);
		const quota = await checkQuota(needed);
		if (!quota.ok) {
			const msg = `Not enough browser storage for this bundle. ${quota.message}`;
			return { ok: false, cancelled: false, errors: [bundleIssue('(bundle)', msg)], warnings };
		}
		const info = await putBundle(
			job.db,
			parsed.bundle,
			{ contentHash: parsed.contentHash, bytes: needed, source: job.source, warnings },
			{
				signal: job.signal,
				replace: job.replace,
				onProgress: (done, total) =>
					job.onProgress({
						phase: 'writing',
						bytesDone: Math.round(bytesTotal * (done / Math.max(1, total))),
						bytesTotal,
						rows: done
					})
			}
		);
		job.onProgress({
			phase: 'done',
			bytesDone: bytesTotal,
			bytesTotal,
			rows: info.counts.points + info.counts.logLines + info.counts.spans + info.counts.events
		});
		return { ok: true, info, warnings };
	} catch (err) {
		if (isCancelled(err)) return { ok: false, cancelled: true, errors: [], warnings };
		if (err instanceof DuplicateIncidentError) {
			return {
				ok: false,
				cancelled: false,
				errors: [
					{ ...bundleIssue('manifest.json', err.message), field: 'id', code: 'duplicate-incident' }
				],
				warnings
			};
		}
		throw err;
	}
}
