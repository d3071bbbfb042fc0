/**
 * The data worker's side of capsules: export reads the stored incident and writes the capsule;
 * import verifies it (capsule.ts) and hands its bundle to the ordinary all-or-nothing importer.
 */
import type { ImportProgress } from '../bundle/types';
import { getIncident } from '../storage/incidents';
import { readBundle } from '../storage/read-bundle';
import type { AitiaDb } from '../storage/db';
import type { CancelSignal } from '../shared/cancel';
import type { RedactionRule } from '../shared/redact';
import { buildCapsule, CapsuleError, openCapsule, redactBundle } from './capsule';
import { runImport } from './importer';
import type { CapsuleImportResult, CapsuleRequest } from './worker-api';

export async function exportCapsule(db: AitiaDb, req: CapsuleRequest): Promise<Uint8Array> {
	const info = await getIncident(db, req.incidentId);
	if (!info) throw new Error(`Incident '${req.incidentId}' is not stored.`);
	const bundle = await readBundle(db, req.incidentId);
	return buildCapsule({ ...req, bundle, contentHash: info.contentHash });
}

export async function redactionPreview(db: AitiaDb, incidentId: string, rules: RedactionRule[]) {
	return redactBundle(await readBundle(db, incidentId), rules).counts;
}

export async function importCapsule(
	db: AitiaDb,
	file: Blob,
	opts: {
		source: string;
		replace: boolean;
		signal: CancelSignal;
		onProgress: (p: ImportProgress) => void;
	}
): Promise<CapsuleImportResult> {
	let opened;
	try {
		opened = await openCapsule(new Uint8Array(await file.arrayBuffer()));
	} catch (err) {
		if (err instanceof CapsuleError)
			return { ok: false, cancelled: false, errors: [err.issue], warnings: [] };
		throw err;
	}
	// The unpacked files go to the importer as they are (no Blob copy, no second read).
	const res = await runImport({
		db,
		files: opened.bundleFiles,
		source: opts.source,
		replace: opts.replace,
		signal: opts.signal,
		onProgress: opts.onProgress
	});
	if (!res.ok) return res;
	return {
		ok: true,
		info: res.info,
		manifest: opened.manifest,
		notebooks: opened.notebooks,
		runStates: opened.runStates,
		warnings: res.warnings
	};
}
