/**
 * The manifest the importer would propose for one dropped export without one, parsed with the
 * same code as the import, for the form the page shows before anything is stored. It runs in the
 * data worker: parsing a file, and the detector a proposal may run (bundle/sources/propose.ts),
 * are bulk work the page thread must not do.
 */
import { parseBundle } from '../bundle/parse';
import { PROPOSED_MANIFEST_TEXT } from '../bundle/sources/single';
import type { Manifest } from '../bundle/types';
import type { InputFile } from './worker-api';

/** A proposal for one file: where it goes in a folder bundle, and the proposed manifest. */
export interface FileProposal {
	/** The bare file name. */
	path: string;
	folder: 'metrics' | 'logs';
	manifest: Manifest;
}

/**
 * Undefined for bundles and for files that do not parse: those go straight to the import, which
 * shows their errors.
 */
export async function proposeForFiles(files: InputFile[]): Promise<FileProposal | undefined> {
	if (files.length !== 1 || /\.zip$/i.test(files[0].path)) return undefined;
	const file = files[0];
	const name = file.path.slice(file.path.lastIndexOf('/') + 1);
	const bytes = new Uint8Array(await file.blob.arrayBuffer());
	const result = await parseBundle([{ path: name, bytes }]);
	if (!result.ok || !result.warnings.some((w) => w.message.includes(PROPOSED_MANIFEST_TEXT))) {
		return undefined;
	}
	const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
	const isLogs =
		['jsonl', 'ndjson', 'txt', 'log'].includes(ext) && result.bundle.series.length === 0;
	return { path: name, folder: isLogs ? 'logs' : 'metrics', manifest: result.bundle.manifest };
}
