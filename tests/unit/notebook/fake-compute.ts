/** A controllable Compute for engine and kind tests: no workers, no bundle. */
import { createCausalApi } from '../../../workers/causal/service';
import { createMetricsApi } from '../../../workers/metrics/service';
import { NO_EXTRAS } from '../../../workers/rca/extras';
import { parseWindowOverrides, resolveWindows } from '../../../workers/rca/windows';

const metrics = createMetricsApi();
import type { Compute, DataSelection, IncidentInfo } from '$lib/notebook/kinds/kind';
import type { DataOutput, SeriesData, TableOutput } from '$lib/notebook/outputs';
import type { Manifest } from '$workers/bundle/types';

export interface Deferred<T> {
	promise: Promise<T>;
	resolve(value: T): void;
	reject(err: unknown): void;
}

export function deferred<T>(): Deferred<T> {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

export const MANIFEST: Manifest = {
	format: 'aitia.bundle',
	version: 1,
	id: 'inc-1',
	title: 'Test incident',
	services: ['edge', 'db'],
	timeRange: { start: 0, end: 100_000 },
	timezone: 'UTC',
	onset: 60_000,
	baseline: { start: 0, end: 30_000 }
};

export function series(key: string, n = 10): SeriesData {
	const [service, metric] = key.split('.');
	const t = Float64Array.from({ length: n }, (_, i) => i * 1000);
	const v = Float64Array.from({ length: n }, (_, i) => i);
	return { key, service, metric, t, v };
}

export function dataOutput(sel: DataSelection, tag = ''): DataOutput {
	const keys = ['edge.latency_ms', 'db.db_lock_ms'].filter((k) =>
		sel.series.some((p) => p === '*' || p === k)
	);
	return {
		type: 'data',
		incidentId: 'inc-1',
		range: { start: 0, end: 100_000 },
		series: keys.map((k) => ({ ...series(k), unit: tag || undefined })),
		events: sel.events ? [{ t: 50_000, kind: 'deploy', title: 'deploy ' + tag }] : []
	};
}

export interface FakeCompute extends Compute {
	/** Every compute call, in order: 'select:<jobId>', 'incident', 'windowStats'. */
	calls: string[];
	/** Replace to control data.select (default: resolves at once). */
	select: (sel: DataSelection, jobId?: string) => Promise<DataOutput>;
	/** Content hash reported for the incident (change it to simulate a re-import). */
	contentHash: string;
	/** Library fingerprint reported (change it to simulate importing another incident). */
	library: string | undefined;
}

export function fakeCompute(): FakeCompute {
	const fake: FakeCompute = {
		calls: [],
		contentHash: 'content-1',
		library: 'library-1',
		select: async (sel) => dataOutput(sel),
		data: {
			incident: async (incidentId: string): Promise<IncidentInfo> => {
				fake.calls.push('incident');
				return {
					manifest: { ...MANIFEST, id: incidentId },
					contentHash: fake.contentHash,
					seriesKeys: ['edge.latency_ms', 'db.db_lock_ms'],
					events: [],
					counts: { series: 2, points: 20, logLines: 0, spans: 0, events: 0 },
					bytes: 0,
					importedAt: '2026-01-01T00:00:00.000Z',
					warnings: [],
					source: 'test'
				};
			},
			select: (incidentId, sel, jobId) => {
				fake.calls.push(`select:${incidentId}`);
				return fake.select(sel, jobId);
			},
			rcaEvidence: async (_id, req) => {
				fake.calls.push('rcaEvidence');
				const m = MANIFEST;
				const windows = resolveWindows(
					{ timeRange: m.timeRange, onset: m.onset, baseline: m.baseline, incident: m.incident },
					parseWindowOverrides(req.overrides ?? {}, m.timezone)
				);
				return { windows, extras: NO_EXTRAS };
			},
			rcaLibrary: async () => [],
			library: async () => fake.library
		},
		metrics: {
			windowStats: async (s, range): Promise<TableOutput> => {
				fake.calls.push(`windowStats:${range?.start}-${range?.end}`);
				return {
					type: 'table',
					length: s.length,
					columns: [
						{ name: 'series', type: 'string' },
						{ name: 'n', type: 'number' }
					],
					data: { series: s.map((x) => x.key), n: Float64Array.from(s, (x) => x.t.length) }
				};
			},
			windows: (series, opts, jobId) => metrics.windows(series, opts, jobId),
			forecast: (req, jobId) => metrics.forecast(req, jobId),
			anomalies: (req, jobId) => metrics.anomalies(req, jobId)
		},
		// The real in-process services: engine tests never call them, kind tests may.
		causal: createCausalApi(),
		logs: {
			templates: () => Promise.reject(new Error('no logs in the fake compute')),
			search: () => Promise.reject(new Error('no logs in the fake compute')),
			// An empty comparison, counted: for the cache tests of library-reading kinds.
			similar: async (req) => {
				fake.calls.push('similar');
				return {
					type: 'similar-incidents',
					incidentId: req.incidentId,
					embedder: { name: 'fake', reason: 'test' },
					signature: { burstingTemplates: [], anomalousMetrics: [], events: [] },
					compared: 0,
					matches: []
				};
			}
		}
	};
	return fake;
}
