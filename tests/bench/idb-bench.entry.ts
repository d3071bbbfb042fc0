/**
 * Storage benchmark, run inside a module Web Worker of real Chromium (as the app's data worker
 * runs): bulk writes through putBundle and range reads back, against an on-disk IndexedDB.
 */
import { deleteDB } from 'idb';
import { createIdbSource } from '../../workers/data/idb-source';
import { CancelSource, isCancelled } from '../../workers/shared/cancel';
import { openAitiaDb, type AitiaDb } from '../../workers/storage/db';
import { estimateStoredBytes } from '../../workers/bundle/size';
import { putBundle } from '../../workers/storage/incidents';
import { readLogs } from '../../workers/storage/logs';
import { checkQuota } from '../../workers/storage/quota';
import { readSeries } from '../../workers/storage/series';
import type { Bundle } from '../../workers/bundle/types';
import { logsBundle, metricsBundle } from './bench-data';
import { benchLog, serveBench, type BenchRow } from './protocol';

export interface IdbBenchParams {
	series: number;
	points: number;
	logLines: number;
}

const MB = 1_048_576;
const origin = { contentHash: 'bench', bytes: 0, source: 'bench', warnings: [] };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t0 = performance.now();
	const value = await fn();
	return [value, (performance.now() - t0) / 1000];
}

/** Real-Chromium check that a cancel mid-import leaves no trace (fake-indexeddb is not proof). */
async function cancelLeavesNothing(db: AitiaDb, bundle: Bundle): Promise<string> {
	const stores = ['incidents', 'series', 'seriesChunks', 'logChunks', 'events'] as const;
	const count = async () => (await Promise.all(stores.map((s) => db.count(s)))).join(',');
	const before = await count();
	const cancel = new CancelSource();
	let calls = 0;
	const copy = { ...bundle, manifest: { ...bundle.manifest, id: 'bench-cancel' } };
	try {
		await putBundle(db, copy, origin, {
			signal: cancel,
			onProgress: () => ++calls === 3 && cancel.cancel()
		});
		throw new Error('cancel check: putBundle finished despite the cancel');
	} catch (err) {
		if (!isCancelled(err)) throw err;
	}
	const after = await count();
	if (after !== before) throw new Error(`cancel check: store counts ${before} became ${after}`);
	return `cancel mid-import: CancelledError after ${calls} progress calls, store counts unchanged (${after})`;
}

serveBench(async (raw) => {
	const p = raw as IdbBenchParams;
	const name = 'aitia-bench';
	await deleteDB(name);
	const db = await openAitiaDb({ name });
	const rows: BenchRow[] = [];
	const notes: string[] = [];

	benchLog(`generating ${p.series} x ${p.points} metric points and ${p.logLines} log lines ...`);
	const metrics = metricsBundle(p.series, p.points);
	const logs = logsBundle(p.logLines, (p.points - 1) * 1000);
	const needed = estimateStoredBytes(metrics) + estimateStoredBytes(logs);
	notes.push(`quota check: ${(await checkQuota(needed)).message}`);

	benchLog('writing metrics ...');
	const [, metricSecs] = await timed(() => putBundle(db, metrics, origin));
	const points = p.series * p.points;
	const metricMb = estimateStoredBytes(metrics) / MB;
	rows.push({
		name: 'write metrics (putBundle)',
		rows: points,
		seconds: metricSecs,
		mb: metricMb,
		targetRowsPerSec: 200_000
	});

	benchLog('writing logs ...');
	const [, logSecs] = await timed(() => putBundle(db, logs, origin));
	const logMb = estimateStoredBytes(logs) / MB;
	rows.push({
		name: 'write logs (putBundle)',
		rows: p.logLines,
		seconds: logSecs,
		mb: logMb,
		targetRowsPerSec: 100_000
	});

	// A 30 % window from the middle of one series: crosses chunk edges, skips the rest.
	const s = metrics.series[7];
	const range = { start: s.t[Math.floor(p.points * 0.35)], end: s.t[Math.floor(p.points * 0.65)] };
	const [[read], readSecs] = await timed(() => readSeries(db, 'bench-metrics', [s.key], range));
	rows.push({
		name: 'read 1 series range (readSeries)',
		rows: read.t.length,
		seconds: readSecs,
		mb: (read.t.byteLength * 2) / MB
	});

	const [all, allSecs] = await timed(() =>
		readSeries(
			db,
			'bench-metrics',
			metrics.series.map((x) => x.key)
		)
	);
	const allPoints = all.reduce((n, x) => n + x.t.length, 0);
	rows.push({
		name: 'read all series (readSeries)',
		rows: allPoints,
		seconds: allSecs,
		mb: (allPoints * 16) / MB
	});

	const logRange = { start: logs.manifest.timeRange.start, end: logs.manifest.onset! };
	const [sample, logReadSecs] = await timed(() =>
		readLogs(db, 'bench-logs', logRange, { limit: 200 })
	);
	rows.push({
		name: 'log counts + 200-line sample, half range',
		rows: sample.count,
		seconds: logReadSecs
	});

	const source = createIdbSource(db);
	const [out, selSecs] = await timed(() =>
		source.select('bench-metrics', {
			series: ['*.latency_ms*'],
			logs: false,
			events: true,
			range: 'incident'
		})
	);
	const selPoints = out.series.reduce((n, x) => n + x.t.length, 0);
	rows.push({
		name: `select ${out.series.length} series, incident window`,
		rows: selPoints,
		seconds: selSecs
	});

	notes.push(await cancelLeavesNothing(db, metrics));
	const est = await navigator.storage.estimate();
	notes.push(
		`navigator.storage.estimate(): usage ${((est.usage ?? 0) / MB).toFixed(1)} MB of ${((est.quota ?? 0) / MB).toFixed(0)} MB quota`
	);
	db.close();
	await deleteDB(name);
	return { rows, notes };
});
