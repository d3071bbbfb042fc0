/**
 * One export dropped on its own, without a manifest: read it by content, propose a manifest from
 * the data (propose.ts) and import with it, saying so in a warning. parse.ts calls
 * readSingleDataFile for non-JSON files; single-json.ts calls readManifestlessJson first, so a
 * real single-JSON bundle (it has "manifest") is read exactly as before.
 */
import { emptyCollected, type Collected } from '../collected';
import type { ParseContext } from '../context';
import type { JsonDoc } from '../issues';
import { baseName, isIgnoredPath, isJunkFile } from '../layout';
import { readLogsJsonl } from '../logs-json';
import { readLogsText } from '../logs-text';
import { readMetricsCsv } from '../metrics-csv';
import { spanRowAt } from '../span-table';
import { decodeText } from '../text';
import type { BundleFile } from '../types';
import { fileStem, isObject } from './common';
import { SOURCE_EXPECTED, SOURCE_NAMES, detectJson, detectJsonLines, detectText } from './detect';
import { describeManifest, proposeManifest } from './propose';
import { readSourceJson, readSourceText } from './read';

/** Start of the warning that says a manifest was proposed (the UI looks for it). */
export const PROPOSED_MANIFEST_TEXT = 'has no manifest: imported as';

/** Extensions of data files that are imported on their own (JSON goes the single-JSON way). */
export const SINGLE_DATA_EXTENSIONS = ['csv', 'jsonl', 'ndjson', 'txt', 'log', 'prom'];

const extOf = (path: string) => path.slice(path.lastIndexOf('.') + 1).toLowerCase();

/** The one data file of the input when it is a lone non-JSON export at the root. */
export function singleDataFile(files: BundleFile[]): BundleFile | undefined {
	const real = files.filter((f) => !isJunkFile(f.path) && !isIgnoredPath(f.path));
	if (real.length !== 1 || real[0].path.includes('/')) return undefined;
	return SINGLE_DATA_EXTENSIONS.includes(extOf(real[0].path)) ? real[0] : undefined;
}

/** Reads a lone CSV / JSON-lines / text export and imports it with a proposed manifest. */
export async function readSingleDataFile(
	ctx: ParseContext,
	file: BundleFile,
	into: Collected
): Promise<void> {
	const path = file.path;
	const text = decodeText(path, file.bytes, ctx.issues);
	if (text === undefined) return;
	if (text.trim() === '') {
		ctx.issues.error({ file: path, expected: 'an export with data', got: 'an empty file' });
		return;
	}
	const tmp = emptyCollected(ctx.issues);
	const what = await readByExtension(ctx, path, text, tmp);
	if (!ctx.issues.hasErrors) adopt(ctx, path, tmp, into, what);
}

async function readByExtension(
	ctx: ParseContext,
	path: string,
	text: string,
	tmp: Collected
): Promise<string> {
	const ext = extOf(path);
	const stem = fileStem(path);
	const lines = detectJsonLines(text);
	const kind = detectText(text);
	if ((ext === 'jsonl' || ext === 'ndjson') && lines === undefined) {
		await readLogsJsonl(ctx, path, text, tmp.logs, stem);
		return 'JSON-lines logs';
	}
	if (ext === 'csv' && kind !== 'grafana-csv') {
		await readMetricsCsv(ctx, path, text, tmp.store);
		return 'metrics CSV';
	}
	if ((ext === 'txt' || ext === 'log') && lines === undefined && kind === undefined) {
		await readLogsText(ctx, path, text, tmp.logs, stem);
		return 'text logs';
	}
	await readSourceText(ctx, path, text, tmp, stem);
	return SOURCE_NAMES[lines ?? kind ?? 'openmetrics'];
}

/**
 * single-json.ts hook: a JSON document without "manifest". Returns false for a bundle document
 * (the single-JSON reader goes on); otherwise reads the export, or reports what was expected.
 */
export async function readManifestlessJson(
	ctx: ParseContext,
	doc: JsonDoc,
	value: unknown,
	into: Collected
): Promise<boolean> {
	if (isObject(value) && 'manifest' in value) return false;
	const kind = detectJson(value);
	if (kind === undefined) {
		if (isObject(value) && ['metrics', 'logs', 'events', 'traces'].some((k) => k in value)) {
			return false;
		}
		const expected = `a single-JSON bundle (with "manifest"), or ${SOURCE_EXPECTED}`;
		ctx.issues.error({ file: doc.file, json: { doc, path: [] }, expected, got: value });
		return true;
	}
	const tmp = emptyCollected(ctx.issues);
	await readSourceJson(ctx, { doc, path: [] }, value, tmp, fileStem(doc.file));
	if (!ctx.issues.hasErrors) adopt(ctx, doc.file, tmp, into, SOURCE_NAMES[kind]);
	return true;
}

/** Proposes the manifest from what was read and moves the data into the real collection. */
function adopt(ctx: ParseContext, file: string, tmp: Collected, into: Collected, what: string) {
	const series = tmp.store.finish();
	const logs = tmp.logs.finish();
	const manifest = proposeManifest({ series, logs, events: tmp.events }, baseName(file), what);
	into.manifest = manifest;
	for (const s of series) {
		const acc = into.store.claim(s.service, s.metric, file, { file });
		if (!acc) continue;
		acc.unit = s.unit;
		for (let i = 0; i < s.t.length; i++) {
			acc.t.push(s.t[i]);
			acc.v.push(s.v[i]);
		}
	}
	for (let i = 0; i < logs.length; i++) {
		const service = logs.services[logs.service[i]];
		into.logs.add(logs.t[i], logs.level[i], service, logs.message[i], logs.extra[i]);
	}
	into.events.push(...tmp.events);
	// Row by row, never by swapping builders: `into`'s builder may be spilling to storage.
	const traces = tmp.traces.finish();
	for (let i = 0; i < traces.length; i++) into.traces.add(spanRowAt(traces, i));
	ctx.issues.warn({
		file,
		text: `${PROPOSED_MANIFEST_TEXT} ${what} with a proposed one (${describeManifest(manifest)}); to change it, put the file in a bundle with a manifest.json`
	});
}
