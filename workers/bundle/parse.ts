/**
 * parseBundle: files in, a validated normalised Bundle (or precise issues) out. All-or-nothing:
 * a single error means no bundle, so an import never stores half an incident. stageBundle: the
 * same, but log lines and spans go to storage in sorted runs while parsing (the browser import,
 * whose memory must not grow with the data). checkBundle: the same checks keeping no log rows or
 * spans, for `aitia validate` on bundles of any size.
 */
import { isCancelled } from '../shared/cancel';
import { emptyCollected, type Collected } from './collected';
import { ParseContext, type CheckOptions, type ParseOptions } from './context';
import { fileSize, wholeBytes } from './file-content';
import { checkSeriesRefs } from './extras';
import { readFolder, planFolder } from './folder';
import { contentHash, fileDigest } from './hash';
import { BundleInputError, bundleFilesFromInput, isSingleJsonBundle } from './input';
import { isJunkFile } from './layout';
import { TooManyErrors } from './issues';
import { parseJsonDocument } from './json-doc';
import { stableOrder } from './series';
import { RunSinkError, type Spill } from './runs';
import { readSingleJson } from './single-json';
import { readSingleDataFile, singleDataFile } from './sources/single';
import { decodeText } from './text';
import type {
	Bundle,
	BundleCounts,
	BundleFile,
	BundleIssue,
	CheckResult,
	IncidentEvent,
	LogTable,
	ParseResult,
	SpanTable,
	StagedBundle,
	StageResult
} from './types';

export type { CheckOptions, ParseOptions } from './context';

/**
 * Parses and validates a bundle. `files` may be a folder's files (a shared top folder is
 * stripped), a single .zip or a single .json (see bundleFilesFromInput). Rejects only with
 * CancelledError (when `opts.signal` is cancelled); every input problem is a returned issue.
 */
export async function parseBundle(
	files: BundleFile[],
	opts: ParseOptions = {}
): Promise<ParseResult> {
	return parseWith(files, opts, assemble);
}

/** Options of stageBundle: where the log and span builders spill their sorted runs. */
export interface StageOptions extends ParseOptions {
	logs: Spill<LogTable>;
	spans: Spill<SpanTable>;
}

/**
 * Parses and validates a bundle as parseBundle does, writing log lines and spans to `opts.logs`
 * and `opts.spans` in sorted runs as they are read (see runs.ts) instead of keeping them. Rejects
 * with CancelledError, or RunSinkError when a sink fails (storage, not the bundle); on any
 * failure the caller discards what the sinks stored.
 */
export async function stageBundle(files: BundleFile[], opts: StageOptions): Promise<StageResult> {
	return parseWith(files, opts, assembleStaged, (ctx, into) => {
		into.logs.spillTo(opts.logs);
		into.traces.spillTo(opts.spans);
		ctx.afterTick = async () => {
			await into.logs.spillIfFull();
			await into.traces.spillIfFull();
		};
	});
}

/**
 * The one parse of parseBundle and stageBundle: read every file (after `prepare`), assemble the
 * bundle with `make` unless reading failed, hash the files. They differ only in what the log and
 * span builders keep.
 */
async function parseWith<B>(
	files: BundleFile[],
	opts: ParseOptions,
	make: (ctx: ParseContext, into: Collected) => B | undefined | Promise<B | undefined>,
	prepare?: (ctx: ParseContext, into: Collected) => void
): Promise<
	Failed | { ok: true; bundle: B; warnings: BundleIssue[]; contentHash: string; bytes: number }
> {
	return guarded(async () => {
		const read = await readBundle(files, opts, false, prepare);
		if (!read.ok) return read;
		const { ctx, into, parsed } = read;
		const bundle = await finishWith(ctx, () => make(ctx, into));
		const { errors, warnings } = ctx.issues.finish();
		if (!bundle || errors.length > 0) return { ok: false, errors, warnings: sortIssues(warnings) };
		const hash = await contentHash(ctx.digests!);
		ctx.setPhase('done');
		const bytes = parsed.reduce((n, f) => n + fileSize(f), 0);
		return { ok: true, bundle, warnings: sortIssues(warnings), contentHash: hash, bytes };
	});
}

/**
 * Checks a bundle as parseBundle does (the same readers, the same issues) without keeping its log
 * rows or spans (big line-based files of lazy input are read in pieces, as always): memory stays
 * bounded by the chunk size and the metrics, not by the logs or traces. For `aitia validate`.
 */
export async function checkBundle(
	files: BundleFile[],
	opts: CheckOptions = {}
): Promise<CheckResult> {
	return guarded(async () => {
		const read = await readBundle(files, opts, true);
		if (!read.ok) return read;
		const { ctx, into, parsed } = read;
		const counts = await finishWith(ctx, () => summarise(ctx, into));
		const { errors, warnings } = ctx.issues.finish();
		if (!counts || errors.length > 0) return { ok: false, errors, warnings: sortIssues(warnings) };
		ctx.setPhase('done');
		const bytes = parsed.reduce((n, f) => n + fileSize(f), 0);
		return { ok: true, manifest: into.manifest!, counts, warnings: sortIssues(warnings), bytes };
	});
}

type Failed = { ok: false; errors: BundleIssue[]; warnings: BundleIssue[] };

async function guarded<T>(run: () => Promise<T | Failed>): Promise<T | Failed> {
	try {
		return await run();
	} catch (err) {
		if (isCancelled(err) || err instanceof RunSinkError) throw err;
		// A bug in a reader must not look like a cancelled or hung import: report it as an issue.
		const reason = err instanceof Error ? err.message : String(err);
		const message = `(bundle): internal error while parsing (${reason}); please report this bundle`;
		return { ok: false, errors: [{ severity: 'error', file: '(bundle)', message }], warnings: [] };
	}
}

/**
 * Reads every file; `isCheck`: a check that keeps no log rows or spans (see checkBundle);
 * `prepare` sets up the context and collection before the first file (stageBundle's spilling).
 */
async function readBundle(
	files: BundleFile[],
	opts: ParseOptions,
	isCheck = false,
	prepare?: (ctx: ParseContext, into: Collected) => void
): Promise<Failed | { ok: true; ctx: ParseContext; into: Collected; parsed: BundleFile[] }> {
	const ctx = new ParseContext(opts, isCheck);
	ctx.bytesTotal = files.reduce((n, f) => n + fileSize(f), 0);
	ctx.setPhase('reading');
	let input: BundleFile[];
	try {
		input = bundleFilesFromInput(files, opts.maxUnzippedBytes);
	} catch (err) {
		if (!(err instanceof BundleInputError)) throw err;
		return { ok: false, errors: [err.issue], warnings: [] };
	}
	const into = emptyCollected(ctx.issues, !isCheck);
	prepare?.(ctx, into);
	let parsed: BundleFile[] = [];
	try {
		parsed = await readInput(ctx, input, into);
	} catch (err) {
		if (!(err instanceof TooManyErrors)) throw err;
	}
	return { ok: true, ctx, into, parsed };
}

/** Runs the final cross-file step unless reading already failed. */
async function finishWith<T>(
	ctx: ParseContext,
	step: () => T | undefined | Promise<T | undefined>
): Promise<T | undefined> {
	if (ctx.issues.hasErrors) return undefined;
	try {
		await ctx.checkpoint();
		ctx.setPhase('validating');
		return await step();
	} catch (err) {
		if (!(err instanceof TooManyErrors)) throw err;
		return undefined;
	}
}

/** A lone file, read whole (and hashed when the import needs a content hash). */
async function readLone(ctx: ParseContext, file: BundleFile): Promise<BundleFile> {
	const bytes = wholeBytes(file);
	if (ctx.digests) ctx.digests.set(file.path, await fileDigest(bytes));
	return { path: file.path, bytes };
}

/** Reads every file into `into`; returns the files that were parsed. */
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
		ctx.bytesTotal = fileSize(file);
		ctx.setPhase('parsing');
		ctx.beginFile(file.path, fileSize(file));
		const { bytes } = await readLone(ctx, file);
		const text = decodeText(file.path, bytes, ctx.issues);
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
		ctx.beginFile(lone.path, fileSize(lone));
		await readSingleDataFile(ctx, await readLone(ctx, lone), into);
		ctx.endFile();
		return [lone];
	}
	const planned = planFolder(ctx, input);
	ctx.bytesTotal = planned.reduce((n, p) => n + fileSize(p.file), 0);
	ctx.setPhase('parsing');
	await readFolder(ctx, planned, into);
	return planned.map((p) => p.file);
}

/** The counts of a check; the same cross-file checks as assemble. */
function summarise(ctx: ParseContext, into: Collected): BundleCounts | undefined {
	if (!into.manifest) return undefined;
	const series = into.store.finish();
	checkSeriesRefs(ctx, series, into.groundTruth ?? {}, into.annotations);
	return {
		series: series.length,
		points: series.reduce((n, s) => n + s.t.length, 0),
		logLines: into.logs.length,
		spans: into.traces.length,
		events: into.events.length
	};
}

function assemble(ctx: ParseContext, into: Collected): Bundle | undefined {
	if (!into.manifest) return undefined;
	return assembleWith(ctx, into, into.logs.finish(), into.traces.finish());
}

async function assembleStaged(
	ctx: ParseContext,
	into: Collected
): Promise<StagedBundle | undefined> {
	if (!into.manifest) return undefined;
	const { services, remap } = await into.logs.finishSpilled();
	const spans = await into.traces.finishSpilled();
	const logs = { length: into.logs.length, services, remap };
	return assembleWith(ctx, into, logs, { length: into.traces.length, ...spans });
}

/** The bundle around its logs and traces (kept or staged): one assembly for both imports. */
function assembleWith<L, T>(
	ctx: ParseContext,
	into: Collected,
	logs: L,
	traces: T
): Omit<Bundle, 'logs' | 'traces'> & { logs: L; traces: T } {
	const series = into.store.finish();
	const events = sortEvents(into.events);
	checkSeriesRefs(ctx, series, into.groundTruth ?? {}, into.annotations);
	const bundle: Omit<Bundle, 'logs' | 'traces'> & { logs: L; traces: T } = {
		manifest: into.manifest!,
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
