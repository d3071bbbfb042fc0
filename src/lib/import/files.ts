/**
 * Turns what the browser hands us (a file input's FileList, a drop's DataTransfer with files and
 * folders) into InputFile[] with bundle-relative paths. Folders are walked recursively.
 */
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
