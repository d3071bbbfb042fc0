/**
 * Reads a bundle in the folder layout: the manifest first (its zone and services are needed to
 * read everything else), then every other file in path order so results never depend on the
 * order the browser listed the files in. Files are read one at a time (a lazy file only when its
 * turn comes), big line-based ones in pieces (openText).
 */
import type { Collected } from './collected';
import type { ParseContext } from './context';
import { readEventsCsv, readEventsJsonl } from './events';
import { readAnnotations, readGroundTruth, readTopology } from './extras';
import { parseJsonDocument } from './json-doc';
import { roleOf, stem, type FileRole } from './layout';
import { readLogsJsonl } from './logs-json';
import { readLogsText } from './logs-text';
import { readManifest } from './manifest';
import { readMetricsCsv } from './metrics-csv';
import { isForeignExport, readDetectedFile } from './sources/read';
import { readSpansJsonl } from './spans-json';
import { fileDigest } from './hash';
import { BundleInputError } from './input-paths';
import { fileSize, wholeBytes } from './file-content';
import { decodeText, TextError, type FileText } from './text';
import { TextStream } from './text-stream';
import { Sha256 } from '../shared/sha256';
import { readTracesJson } from './traces-json';
import type { BundleFile } from './types';

/** A file with its role, as planned for reading. */
export interface PlannedFile {
	file: BundleFile;
	role: FileRole;
}

/** Assigns roles; warns about files outside the layout. Returns the files to read, in order. */
export function planFolder(ctx: ParseContext, files: BundleFile[]): PlannedFile[] {
	const planned: PlannedFile[] = [];
	for (const file of files) {
		const role = roleOf(file.path);
		if (role === 'ignored') continue;
		if (role === 'unknown') {
			ctx.issues.warn({
				file: file.path,
				text: 'is not part of the bundle layout (see docs/bundle-format.md); ignored'
			});
			continue;
		}
		planned.push({ file, role });
	}
	const rank = (p: PlannedFile) => (p.role === 'manifest' ? 0 : 1);
	planned.sort(
		(a, b) =>
			rank(a) - rank(b) || (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0)
	);
	if (planned[0]?.role !== 'manifest') {
		const nested = files.find((f) => f.path.toLowerCase().endsWith('/manifest.json'));
		ctx.issues.error({
			file: 'manifest.json',
			expected: 'a manifest.json at the bundle root',
			got: undefined,
			text: nested
				? `missing at the bundle root (found ${nested.path}; move it up, or zip the bundle folder itself)`
				: 'missing: every bundle needs a manifest.json at its root'
		});
	}
	return planned;
}

export async function readFolder(
	ctx: ParseContext,
	planned: PlannedFile[],
	into: Collected
): Promise<void> {
	for (const { file, role } of planned) {
		await ctx.checkpoint();
		ctx.beginFile(file.path, fileSize(file));
		try {
			await readOne(ctx, file, role, into);
		} catch (err) {
			// Found mid-file when it is read in pieces: a damaged zip entry, bad UTF-8, a huge line.
			if (err instanceof TextError) ctx.issues.error(err.draft);
			else if (err instanceof BundleInputError) {
				ctx.issues.error({ file: err.issue.file, text: err.text });
			} else throw err;
		}
		ctx.endFile();
	}
}

async function readOne(
	ctx: ParseContext,
	file: BundleFile,
	role: FileRole,
	into: Collected
): Promise<void> {
	const path = file.path;
	const hash = ctx.digests && new Sha256();
	const text = await openText(ctx, file, role, hash);
	if (text === undefined) return;
	try {
		await readText(ctx, path, text, role, into);
		if (text instanceof TextStream && hash) {
			text.drain();
			ctx.digests!.set(path, hash.digest());
		}
	} finally {
		if (text instanceof TextStream) text.close();
	}
}

/** Roles whose readers go line by line, so they can read a file in pieces. */
const LINE_ROLES: FileRole[] = [
	'metrics-csv',
	'logs-jsonl',
	'logs-text',
	'events-jsonl',
	'events-csv',
	'traces-jsonl'
];

/**
 * The file's text: in pieces when it is read on demand, big, line-based and in our own format
 * (exports of other tools are detected on its first characters and read whole; `hash` then sees
 * its bytes as they are read); otherwise whole, hashed here when the import needs a content hash.
 * Undefined after an encoding error.
 */
async function openText(
	ctx: ParseContext,
	file: BundleFile,
	role: FileRole,
	hash: Sha256 | undefined
): Promise<FileText | undefined> {
	if (file.lazy && fileSize(file) > ctx.streamAboveBytes && LINE_ROLES.includes(role)) {
		const stream = new TextStream(file.path, file.lazy, hash);
		if (stream.isWhole) {
			// All of it was read (and hashed) for the head: the text is that head.
			if (hash) ctx.digests!.set(file.path, hash.digest());
			return stream.head;
		}
		if (!isForeignExport(stream.head, role)) return stream;
		stream.close();
	}
	const bytes = wholeBytes(file);
	if (ctx.digests) ctx.digests.set(file.path, await fileDigest(bytes));
	return bytes.length === 0 ? '' : decodeText(file.path, bytes, ctx.issues);
}

async function readText(
	ctx: ParseContext,
	path: string,
	text: FileText,
	role: FileRole,
	into: Collected
): Promise<void> {
	if (typeof text === 'string' && text.trim() === '') {
		if (role === 'manifest') {
			ctx.issues.error({ file: path, expected: 'a manifest JSON object', got: 'an empty file' });
		} else ctx.issues.warn({ file: path, text: 'is empty; skipped' });
		return;
	}
	// Exports of other tools (Grafana CSV, journald, Prometheus JSON …) are known by content.
	if (typeof text === 'string' && (await readDetectedFile(ctx, path, text, role, into))) return;
	switch (role) {
		case 'manifest':
		case 'topology':
		case 'ground-truth':
		case 'annotations':
			return readDocument(ctx, path, whole(text), role, into);
		case 'metrics-csv':
			return readMetricsCsv(ctx, path, text, into.store);
		case 'logs-jsonl':
			return readLogsJsonl(ctx, path, text, into.logs, serviceFromName(ctx, path));
		case 'logs-text':
			return readLogsText(ctx, path, text, into.logs, stem(path));
		case 'events-jsonl':
			return readEventsJsonl(ctx, path, text, into.events);
		case 'events-csv':
			return readEventsCsv(ctx, path, text, into.events);
		case 'traces-jsonl':
			return readSpansJsonl(ctx, path, text, into.traces, serviceFromName(ctx, path));
		case 'traces-json':
			return readTracesJson(ctx, path, whole(text), into.traces, serviceFromName(ctx, path));
	}
}

/** JSON documents are never read in pieces (openText streams LINE_ROLES only). */
function whole(text: FileText): string {
	if (typeof text !== 'string') throw new Error(`${text.file}: a JSON document was read in pieces`);
	return text;
}

/** The file's base name when it is a manifest service: the service of records naming none. */
function serviceFromName(ctx: ParseContext, path: string): string | undefined {
	const base = stem(path);
	return !ctx.services || ctx.services.has(base) ? base : undefined;
}

function readDocument(
	ctx: ParseContext,
	path: string,
	text: string,
	role: FileRole,
	into: Collected
): void {
	const parsed = parseJsonDocument(path, text, ctx.issues);
	if (!parsed.ok) return;
	const at = { doc: parsed.doc, base: [] };
	if (role === 'manifest') into.manifest = readManifest(ctx, parsed.doc, parsed.value, []);
	else if (role === 'topology') into.topology = readTopology(ctx, at, parsed.value);
	else if (role === 'ground-truth') {
		into.groundTruth = { value: readGroundTruth(ctx, at, parsed.value), at };
	} else into.annotations = { value: readAnnotations(ctx, at, parsed.value), at };
}
