/**
 * Turns what the browser hands us (a file input's FileList, a drop's DataTransfer with files and
 * folders) into InputFile[] with bundle-relative paths. Folders are walked recursively.
 */
import type { Manifest } from '$workers/bundle/types';
import type { FileProposal } from '$workers/data/propose-file';
import type { InputFile } from '$workers/data/worker-api';

/** From an <input type=file> (with or without webkitdirectory). */
export function fromFileList(list: FileList | File[]): { files: InputFile[]; source: string } {
	const files = Array.from(list).map((f) => ({ path: f.webkitRelativePath || f.name, blob: f }));
	const first = files[0]?.path ?? '';
	const source = first.includes('/') ? first.split('/')[0] : first;
	return { files, source };
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
	const reader = dir.createReader();
	const out: FileSystemEntry[] = [];
	// readEntries returns batches (100 in Chromium) until it returns an empty one.
	return new Promise((resolve, reject) => {
		const next = () =>
			reader.readEntries((batch) => {
				if (batch.length === 0) resolve(out);
				else {
					out.push(...batch);
					next();
				}
			}, reject);
		next();
	});
}

async function walk(entry: FileSystemEntry, prefix: string, out: InputFile[]): Promise<void> {
	if (entry.isFile) {
		const file = await new Promise<File>((resolve, reject) =>
			(entry as FileSystemFileEntry).file(resolve, reject)
		);
		out.push({ path: prefix + entry.name, blob: file });
	} else if (entry.isDirectory) {
		for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) {
			await walk(child, `${prefix}${entry.name}/`, out);
		}
	}
}

/** From a drop: files, a folder, or several. */
export async function fromDataTransfer(
	dt: DataTransfer
): Promise<{ files: InputFile[]; source: string }> {
	const entries = Array.from(dt.items)
		.filter((it) => it.kind === 'file')
		.map((it) => it.webkitGetAsEntry?.())
		.filter((e): e is FileSystemEntry => !!e);
	if (entries.length === 0) return fromFileList(dt.files);
	const files: InputFile[] = [];
	for (const e of entries) await walk(e, '', files);
	return { files, source: entries.length === 1 ? entries[0].name : `${entries.length} items` };
}

/** What the file picker offers: bundles and the single exports the parser recognises. */
export const PICKER_ACCEPT =
	'.zip,.json,.csv,.jsonl,.ndjson,.txt,.log,.prom,application/zip,application/json,text/csv,text/plain';

/** The editable manifest of a single dropped export (times as ISO strings, as typed). */
export interface ManifestDraft {
	id: string;
	title: string;
	/** Comma-separated service names. */
	services: string;
	start: string;
	end: string;
	baselineStart: string;
	baselineEnd: string;
	onset: string;
}

/** A dropped export without a manifest, the proposed manifest and where the file goes. */
export interface Proposal {
	file: InputFile;
	folder: 'metrics' | 'logs';
	draft: ManifestDraft;
}

const iso = (t: number | undefined) => (t === undefined ? '' : new Date(t).toISOString());

/**
 * For one dropped export without a manifest, the manifest the importer would propose, as the
 * form's draft. `propose` computes it off the page thread (the data worker's `proposeManifest`;
 * `proposeForFiles` itself in tests). Undefined for bundles and for files that do not parse.
 */
export async function proposeFor(
	files: InputFile[],
	propose: (files: InputFile[]) => Promise<FileProposal | undefined>
): Promise<Proposal | undefined> {
	const p = await propose(files);
	if (!p) return undefined;
	return {
		file: { path: p.path, blob: files[0].blob },
		folder: p.folder,
		draft: draftOf(p.manifest)
	};
}

/** The form's fields of a parsed manifest (times as ISO strings). */
export function draftOf(m: Manifest): ManifestDraft {
	return {
		id: m.id,
		title: m.title,
		services: m.services.join(', '),
		start: iso(m.timeRange.start),
		end: iso(m.timeRange.end),
		baselineStart: iso(m.baseline?.start),
		baselineEnd: iso(m.baseline?.end),
		onset: iso(m.onset)
	};
}

/**
 * The manifest fields of an accepted draft, as manifest.json spells them (times as typed: the
 * import parses and checks them). A blank baseline or onset is present as undefined, so merging
 * this into another manifest removes them.
 */
export function manifestFields(d: ManifestDraft): Record<string, unknown> {
	const both = d.baselineStart.trim() && d.baselineEnd.trim();
	return {
		id: d.id.trim(),
		title: d.title.trim(),
		services: d.services
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		timeRange: { start: d.start.trim(), end: d.end.trim() },
		baseline: both ? { start: d.baselineStart.trim(), end: d.baselineEnd.trim() } : undefined,
		onset: d.onset.trim() || undefined
	};
}

/** The folder bundle for an accepted draft: manifest.json plus the export in its folder. */
export function filesWithManifest(p: Proposal, d: ManifestDraft): InputFile[] {
	const manifest = { format: 'aitia.bundle', version: 2, ...manifestFields(d), timezone: 'UTC' };
	const json = new Blob([JSON.stringify(manifest, null, '\t')], { type: 'application/json' });
	const name = p.file.path;
	return [
		{ path: `${p.draft.id || 'incident'}/manifest.json`, blob: json },
		{ path: `${p.draft.id || 'incident'}/${p.folder}/${name}`, blob: p.file.blob }
	];
}
