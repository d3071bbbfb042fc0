/**
 * parseBundle: files in, a validated normalised Bundle (or precise issues) out. All-or-nothing:
 * a single error means no bundle, so an import never stores half an incident.
 */
import { isCancelled } from '../shared/cancel';
import { emptyCollected, type Collected } from './collected';
import { ParseContext, type ParseOptions } from './context';
import { checkSeriesRefs } from './extras';
import { readFolder, planFolder } from './folder';
import { contentHash } from './hash';
import { BundleInputError, bundleFilesFromInput, isSingleJsonBundle } from './input';
import { isJunkFile } from './layout';
import { TooManyErrors } from './issues';
import { parseJsonDocument } from './json-doc';
import { stableOrder } from './series';
import { readSingleJson } from './single-json';
import { readSingleDataFile, singleDataFile } from './sources/single';
import { decodeText } from './text';
import type { Bundle, BundleFile, BundleIssue, IncidentEvent, ParseResult } from './types';

export type { ParseOptions } from './context';

/**
 * Parses and validates a bundle. `files` may be a folder's files (a shared top folder is
 * stripped), a single .zip or a single .json (see bundleFilesFromInput). Rejects only with
 * CancelledError (when `opts.signal` is cancelled); every input problem is a returned issue.
 */
export async function parseBundle(
	files: BundleFile[],
	opts: ParseOptions = {}
): Promise<ParseResult> {
	try {
		return await parseBundleUnsafe(files, opts);
	} catch (err) {
		if (isCancelled(err)) throw err;
		// A bug in a reader must not look like a cancelled or hung import: report it as an issue.
		const reason = err instanceof Error ? err.message : String(err);
		const message = `(bundle): internal error while parsing (${reason}); please report this bundle`;
		return { ok: false, errors: [{ severity: 'error', file: '(bundle)', message }], warnings: [] };
	}
}

async function parseBundleUnsafe(files: BundleFile[], opts: ParseOptions): Promise<ParseResult> {
	const ctx = new ParseContext(opts);
	ctx.bytesTotal = files.reduce((n, f) => n + f.bytes.length, 0);
	ctx.setPhase('reading');
	let input: BundleFile[];
	try {
		input = bundleFilesFromInput(files);
	} catch (err) {
		if (!(err instanceof BundleInputError)) throw err;
		return { ok: false, errors: [err.issue], warnings: [] };
	}
	const into = emptyCollected(ctx.issues);
	let parsed: BundleFile[] = [];
	try {
		parsed = await readInput(ctx, input, into);
	} catch (err) {
		if (!(err instanceof TooManyErrors)) throw err;
	}
	let bundle: Bundle | undefined;
	if (!ctx.issues.hasErrors) {
		try {
			await ctx.checkpoint();
			ctx.setPhase('validating');
			bundle = assemble(ctx, into);
		} catch (err) {
			if (!(err instanceof TooManyErrors)) throw err;
		}
	}
	const { errors, warnings } = ctx.issues.finish();
	if (!bundle || errors.length > 0) return { ok: false, errors, warnings: sortIssues(warnings) };
	const hash = await contentHash(parsed);
	ctx.setPhase('done');
	const bytes = parsed.reduce((n, f) => n + f.bytes.length, 0);
	return { ok: true, bundle, warnings: sortIssues(warnings), contentHash: hash, bytes };
}

/** Reads every file into `into`; returns the files that were parsed (for the content hash). */
async function readInput(
	ctx: ParseContext,
	input: BundleFile[],
	into: Collected
): Promise<BundleFile[]> {
	if (isSingleJsonBundle(input)) {
		const file = input.find((f) => !isJunkFile(f.path))!;
		for (const f of input) {
			if (f !== file) ctx.issues.warn({ file: f.path, text: 'is not part of the bundle; ignored' });
		}
		ctx.bytesTotal = file.bytes.length;
		ctx.setPhase('parsing');
		ctx.beginFile(file.path, file.bytes.length);
		const text = decodeText(file.path, file.bytes, ctx.issues);
		if (text === undefined) return [file];
		if (text.trim() === '') {
			ctx.issues.error({ file: file.path, expected: 'a bundle JSON object', got: 'an empty file' });
			return [file];
		}
		const doc = parseJsonDocument(file.path, text, ctx.issues);
		if (doc.ok) await readSingleJson(ctx, doc.doc, doc.value, into);
		ctx.endFile();
		return [file];
	}
	const lone = singleDataFile(input);
	if (lone) {
		// A CSV / JSON-lines / text export dropped alone: imported with a proposed manifest.
		ctx.setPhase('parsing');
		ctx.beginFile(lone.path, lone.bytes.length);
		await readSingleDataFile(ctx, lone, into);
		ctx.endFile();
		return [lone];
	}
	const planned = planFolder(ctx, input);
	ctx.bytesTotal = planned.reduce((n, p) => n + p.file.bytes.length, 0);
	ctx.setPhase('parsing');
	await readFolder(ctx, planned, into);
	return planned.map((p) => p.file);
}

function assemble(ctx: ParseContext, into: Collected): Bundle | undefined {
	if (!into.manifest) return undefined;
	const series = into.store.finish();
	const logs = into.logs.finish();
	const traces = into.traces.finish();
	const events = sortEvents(into.events);
	checkSeriesRefs(ctx, series, into.groundTruth ?? {}, into.annotations);
	const bundle: Bundle = {
		manifest: into.manifest,
		series,
		logs,
		traces,
		events,
		topology: into.topology,
		annotations: [...into.annotations.value].sort((a, b) => a.t - b.t)
	};
	if (into.groundTruth?.value) bundle.groundTruth = into.groundTruth.value;
	return bundle;
}

function sortEvents(events: IncidentEvent[]): IncidentEvent[] {
	const order = stableOrder(events.map((e) => e.t));
	return Array.from(order, (i) => events[i]);
}

/** Warnings grouped by file (then line) so the UI can show them file by file. */
function sortIssues(issues: BundleIssue[]): BundleIssue[] {
	return issues
		.map((issue, i) => ({ issue, i }))
		.sort(
			(a, b) =>
				(a.issue.file < b.issue.file ? -1 : a.issue.file > b.issue.file ? 1 : 0) ||
				(a.issue.line ?? 0) - (b.issue.line ?? 0) ||
				a.i - b.i
		)
		.map((x) => x.issue);
}
