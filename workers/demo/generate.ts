/**
 * The deterministic demo incident: same seed, same bytes. Returns the bundle files (format v1)
 * plus the counts a parser should find, so import tests can check themselves against it.
 */
import { zipSync } from 'fflate';
import { longCsv, wideCsv } from './csv';
import { annotations, deriveMoments, events, GROUND_TRUTH, manifest, TOPOLOGY } from './events';
import { toJsonl, toPlain, type LogEntry } from './log-format';
import { apiLogs, edgeLogs } from './logs-app';
import { dbLogs, hostLogs } from './logs-infra';
import { BACKEND_FILE, generateSeries, GOLDEN_FILE, HOST_FILE } from './metrics';

/** Seed of the shipped demo (static/demo/coolant-leak.zip). */
export const DEFAULT_SEED = 20260314;

/** Counts a correct parser reports for the generated bundle. */
export interface DemoExpected {
	/** Number of series (distinct `service.metric` keys). */
	series: number;
	/** Points over all series, gaps included (a gap parses as NaN; long files omit gap rows). */
	points: number;
	/** Empty cells in wide CSVs (parsed as NaN). */
	missing: number;
	/** Logical log lines; continuation lines (stack traces, DETAIL) belong to the line before. */
	logLines: number;
	/** Logical log lines per level. */
	logLevels: Record<string, number>;
	/** Lines of events.jsonl. */
	events: number;
	/** Topology edges. */
	edges: number;
	/** Annotations. */
	annotations: number;
	/** Files in the bundle. */
	files: number;
}

export interface DemoFile {
	/** Bundle-relative path, '/'-separated. */
	path: string;
	/** UTF-8 bytes. */
	bytes: Uint8Array;
}

export interface DemoBundle {
	/** Files in a fixed order (also the order inside the zip). */
	files: DemoFile[];
	/** What a parser should find. */
	expected: DemoExpected;
}

const json = (x: unknown): string => JSON.stringify(x, null, 2) + '\n';

export function generateDemo(opts: { seed?: number } = {}): DemoBundle {
	const seed = opts.seed ?? DEFAULT_SEED;
	const { story, series } = generateSeries(seed);
	const moments = deriveMoments(series);
	const logs: [string, LogEntry[], 'jsonl' | 'plain'][] = [
		['logs/edge.jsonl', edgeLogs(seed, story), 'jsonl'],
		['logs/api.jsonl', apiLogs(seed, story, moments), 'jsonl'],
		['logs/db.log', dbLogs(seed, story), 'plain'],
		['logs/host-b4.log', hostLogs(seed, story), 'plain']
	];
	const evs = events(moments);
	const notes = annotations(moments);
	const text: [string, string][] = [
		['manifest.json', json(manifest())],
		[GOLDEN_FILE, wideCsv(series.filter((s) => s.file === GOLDEN_FILE))],
		[BACKEND_FILE, wideCsv(series.filter((s) => s.file === BACKEND_FILE))],
		[HOST_FILE, longCsv(series.filter((s) => s.file === HOST_FILE))],
		...logs.map(([p, e, f]): [string, string] => [p, f === 'jsonl' ? toJsonl(e) : toPlain(e)]),
		['events.jsonl', evs.map((e) => JSON.stringify(e)).join('\n') + '\n'],
		['topology.json', json(TOPOLOGY)],
		['ground_truth.json', json(GROUND_TRUTH)],
		['annotations.json', json(notes)]
	];
	const enc = new TextEncoder();
	const files = text.map(([path, s]) => ({ path, bytes: enc.encode(s) }));

	const logLevels: Record<string, number> = {};
	let logLines = 0;
	for (const [, entries] of logs) {
		for (const e of entries) logLevels[e.level] = (logLevels[e.level] ?? 0) + 1;
		logLines += entries.length;
	}
	let points = 0;
	let missing = 0;
	for (const s of series) {
		const gaps = s.v.filter(Number.isNaN).length;
		// Long files drop gap rows entirely, so those points never reach the parser.
		points += s.file === HOST_FILE ? s.v.length - gaps : s.v.length;
		if (s.file !== HOST_FILE) missing += gaps;
	}
	const expected: DemoExpected = {
		series: series.length,
		points,
		missing,
		logLines,
		logLevels,
		events: evs.length,
		edges: TOPOLOGY.edges.length,
		annotations: notes.length,
		files: files.length
	};
	return { files, expected };
}

/**
 * The bundle as a zip. The mtime is a local-time Date on purpose: fflate writes DOS times from
 * local fields, so a local 2026-01-01 12:00 gives the same bytes in every time zone.
 */
export function zipDemo(bundle: DemoBundle): Uint8Array {
	const mtime = new Date(2026, 0, 1, 12, 0, 0);
	const entries: Record<string, [Uint8Array, { mtime: Date; level: 9 }]> = {};
	for (const f of bundle.files) entries[f.path] = [f.bytes, { mtime, level: 9 }];
	return zipSync(entries);
}
