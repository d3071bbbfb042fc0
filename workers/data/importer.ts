/**
 * One import, all-or-nothing, in memory that does not grow with the data: read the picked files
 * lazily, parse + validate the bundle while its log lines and spans are written to a staging area
 * in sorted runs, merge the runs into time-ordered chunks, then make the incident visible in one
 * short commit (workers/storage/staged-import.ts). Any error or a cancel at any point leaves the
 * database as it was: staged rows are discarded (or swept by the next import if the tab died).
 * In a worker, picked files are lazy (blob-content.ts): each is read when the parser gets to it,
 * a zip in place.
 */
import type { BundleFile, BundleIssue, ImportProgress } from '../bundle/types';
import { stageBundle } from '../bundle/parse';
import { RunSinkError } from '../bundle/runs';
import { MAX_STAGED_UNZIPPED_BYTES } from '../bundle/zip';
import { checkQuota } from '../storage/quota';
import { DuplicateIncidentError } from '../storage/commit';
import type { AitiaDb } from '../storage/db';
import { StagedImport, type StagedImportOptions } from '../storage/staged-import';
import { describeWriteError } from '../storage/staging';
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
	/** Chunk and run sizes (tests use small ones). */
	sizes?: StagedImportOptions;
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
	let staged: StagedImport | undefined;
	let id: string | undefined;
	try {
		if (job.files.length === 0) {
			return {
				ok: false,
				cancelled: false,
				errors: [bundleIssue(job.source, 'No files were given.')],
				warnings
			};
		}
		// The input's size is a floor on what storing it takes: refuse now what cannot fit. Beyond
		// that the estimate is IndexedDB's own: a full store aborts the import cleanly.
		const quota = await checkQuota(bytesTotal);
		if (!quota.ok) {
			const msg = `Not enough browser storage for this bundle. ${quota.message}`;
			return { ok: false, cancelled: false, errors: [bundleIssue('(bundle)', msg)], warnings };
		}
		const files = await readFiles(job, bytesTotal);
		staged = await StagedImport.open(job.db, job.sizes);
		const parsed = await stageBundle(files, {
			signal: job.signal,
			onProgress: job.onProgress,
			maxUnzippedBytes: MAX_STAGED_UNZIPPED_BYTES,
			...staged.spills
		});
		warnings = parsed.warnings;
		if (!parsed.ok) {
			await staged.discard();
			return { ok: false, cancelled: false, errors: parsed.errors, warnings };
		}
		id = parsed.bundle.manifest.id;
		const origin = { contentHash: parsed.contentHash, source: job.source, warnings };
		const info = await staged.finish(parsed.bundle, origin, {
			signal: job.signal,
			replace: job.replace,
			onProgress: (done, total) =>
				job.onProgress({
					phase: 'writing',
					bytesDone: Math.round(bytesTotal * (done / Math.max(1, total))),
					bytesTotal,
					rows: done
				})
		});
		job.onProgress({
			phase: 'done',
			bytesDone: bytesTotal,
			bytesTotal,
			rows: info.counts.points + info.counts.logLines + info.counts.spans + info.counts.events
		});
		return { ok: true, info, warnings };
	} catch (thrown) {
		await staged?.discard();
		const err = thrown instanceof RunSinkError ? thrown.cause : thrown;
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
		throw describeWriteError(err, id ?? job.source);
	}
}
