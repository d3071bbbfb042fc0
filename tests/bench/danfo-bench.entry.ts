/**
 * danfojs cost inside a module Web Worker of real Chromium (as the metrics worker loads it):
 * - bundle: this worker's script is danfojs plus a few kB of our metrics code; its size raw and
 *   gzip-compressed (CompressionStream) is what the metrics worker chunk costs to ship;
 * - start: worker time origin → this module's first line (fetch + parse + compile of the bundle);
 * - load: `loadDanfo()`, the first import of danfojs (module evaluation, TensorFlow.js set-up) —
 *   esbuild inlines the dynamic import, so parse time is in `start`, not here;
 * - a `windows` computation (resample + rolling columns + danfojs table) on demo-sized data.
 */
import { loadDanfo } from '../../workers/metrics/danfo';
import { computeWindows } from '../../workers/metrics/windows';
import type { SeriesData } from '../../workers/shared/outputs';
import { benchLog, serveBench, type BenchRow } from './protocol';

const startedMs = performance.now();

export interface DanfoBenchParams {
	/** Series and points per series of the windows run. */
	series: number;
	points: number;
}

async function gzipBytes(text: string): Promise<number> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return (await new Response(stream).arrayBuffer()).byteLength;
}

function demoSeries(n: number, points: number): SeriesData[] {
	return Array.from({ length: n }, (_, k) => ({
		key: `svc${k}.metric`,
		service: `svc${k}`,
		metric: 'metric',
		t: Float64Array.from({ length: points }, (_, i) => i * 15_000),
		v: Float64Array.from({ length: points }, (_, i) => 100 + 10 * Math.sin(i / 40 + k))
	}));
}

serveBench(async (raw) => {
	const p = raw as DanfoBenchParams;
	const text = await (await fetch(self.location.href)).text();
	const gz = await gzipBytes(text);
	const t0 = performance.now();
	const { loadMs } = await loadDanfo();
	const loadWall = performance.now() - t0;
	benchLog(`danfojs load ${loadWall.toFixed(0)} ms`);
	const series = demoSeries(p.series, p.points);
	const t1 = performance.now();
	const out = await computeWindows(series, { windowMs: 5 * 60_000 });
	const seconds = (performance.now() - t1) / 1000;
	const rows: BenchRow[] = [
		{ name: 'worker start (fetch + parse bundle)', rows: 1, seconds: startedMs / 1000 },
		{ name: 'danfojs first import (loadDanfo)', rows: 1, seconds: loadWall / 1000 },
		{ name: `windows: ${p.series} series x ${p.points} points`, rows: p.series * p.points, seconds }
	];
	return {
		rows,
		notes: [
			`worker bundle (danfojs + metrics code): ${(text.length / 1024).toFixed(0)} kB raw, ${(gz / 1024).toFixed(0)} kB gzip`,
			`loadDanfo() reported ${loadMs.toFixed(0)} ms; worker start ${startedMs.toFixed(0)} ms`,
			`windows table rows: ${out.table.length}`
		]
	};
});
