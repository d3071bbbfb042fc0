/**
 * Reads a bundle in the folder layout: the manifest first (its zone and services are needed to
 * read everything else), then every other file in path order so results never depend on the
 * order the browser listed the files in.
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
import { readDetectedFile } from './sources/read';
import { readSpansJsonl } from './spans-json';
import { decodeText } from './text';
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
		ctx.beginFile(file.path, file.bytes.length);
		await readOne(ctx, file, role, into);
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
	const text = file.bytes.length === 0 ? '' : decodeText(path, file.bytes, ctx.issues);
	if (text === undefined) return;
	if (text.trim() === '') {
		if (role === 'manifest') {
			ctx.issues.error({ file: path, expected: 'a manifest JSON object', got: 'an empty file' });
		} else ctx.issues.warn({ file: path, text: 'is empty; skipped' });
		return;
	}
	// Exports of other tools (Grafana CSV, journald, Prometheus JSON …) are known by content.
	if (await readDetectedFile(ctx, path, text, role, into)) return;
	switch (role) {
		case 'manifest':
		case 'topology':
		case 'ground-truth':
		case 'annotations':
			return readDocument(ctx, path, text, role, into);
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
			return readTracesJson(ctx, path, text, into.traces, serviceFromName(ctx, path));
	}
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
