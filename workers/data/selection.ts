/**
 * Turning a DataSelection into a DataOutput over any incident reader. The IndexedDB and in-memory
 * sources differ only in how they fetch series, logs and spans; everything else lives here once.
 */
import type { Bundle, IncidentEvent, LogTable, SpanTable, TimeRange } from '../bundle/types';
import { rankLibrary, readRcaEvidence } from './rca-source';
import { JobRegistry, neverCancelled, type CancelSignal } from '../shared/cancel';
import type { DataOutput, LogSample, SeriesData } from '../shared/outputs';
import type { LogQuery } from '../storage/log-scan';
import type { DataSelection, DataSource, IncidentInfo } from './api';
import { matchSeries, resolveRange, withProposedTimes } from '../shared/select';
import { eventsInRange } from './select';

/** Storage-specific reads a data source is built from. */
export interface IncidentReader {
	/** The incident's summary; throws when it is unknown. */
	incident(incidentId: string): Promise<IncidentInfo>;
	/** Series `keys` (which exist) cut to `range`, in the order given. */
	series(
		incidentId: string,
		keys: string[],
		range: TimeRange,
		signal: CancelSignal
	): Promise<SeriesData[]>;
	/** Counts and a sample of the logs inside `range`. */
	logs(
		incidentId: string,
		range: TimeRange,
		query: LogQuery,
		signal: CancelSignal
	): Promise<LogSample>;
	/** Spans starting inside `range` (all when absent), as a fresh table sorted by start. */
	spans(incidentId: string, range: TimeRange | undefined, signal: CancelSignal): Promise<SpanTable>;
	/** Every stored incident id. */
	list(): Promise<string[]>;
	/** All log lines of the incident. */
	logTable(incidentId: string, signal: CancelSignal): Promise<LogTable>;
	/** The whole incident as a bundle. */
	bundle(incidentId: string, signal: CancelSignal): Promise<Bundle>;
}

/** A DataSource whose running selections can be cancelled by job id. */
export interface CancellableSource extends DataSource {
	/** Cancels the selection running under `jobId`; false when none is. */
	cancel(jobId: string): boolean;
	/**
	 * The incident's spans starting inside `range` (inclusive; every span when absent). An empty
	 * table for incidents without traces; throws for an unknown incident.
	 */
	spans(incidentId: string, range?: TimeRange, signal?: CancelSignal): Promise<SpanTable>;
}

export function unknownIncident(incidentId: string): Error {
	return new Error(`Incident '${incidentId}' is not stored. Import it or pick another incident.`);
}

export async function selectData(
	reader: IncidentReader,
	incidentId: string,
	selection: DataSelection,
	signal: CancelSignal = neverCancelled
): Promise<DataOutput> {
	const info = await reader.incident(incidentId);
	const asked = resolveRange(withProposedTimes(info.manifest, info.proposed), selection.range);
	const asOf = selection.asOf;
	// At a replay cursor the window ends there; before the window starts, nothing is known yet.
	const range = asOf === undefined ? asked : { start: asked.start, end: Math.min(asked.end, asOf) };
	const known = range.end >= range.start;
	const keys = matchSeries(selection.series, info.seriesKeys, incidentId);
	await signal.checkpoint();
	let series = keys.length ? await reader.series(incidentId, keys, range, signal) : [];
	if (!known) series = series.map((s) => ({ ...s, t: s.t.slice(0, 0), v: s.v.slice(0, 0) }));
	await signal.checkpoint();
	const output: DataOutput = {
		type: 'data',
		incidentId,
		range,
		series,
		events: selection.events && known ? eventsAsOf(eventsInRange(info.events, range), asOf) : []
	};
	if (selection.logs && known) {
		const { levels, limit } = selection.logs;
		output.logs = await reader.logs(incidentId, range, { levels, limit }, signal);
	}
	return output;
}

/**
 * Wraps a reader as a DataSource. A selection started under a job id that is already running
 * cancels the older one (latest run wins).
 */
export function createSource(reader: IncidentReader): CancellableSource {
	const jobs = new JobRegistry();
	/** Runs `work` under `jobId` (cancellable, latest wins), or uncancellable without an id. */
	async function withJob<T>(jobId: string | undefined, work: (s: CancelSignal) => Promise<T>) {
		if (jobId === undefined) return work(neverCancelled);
		const src = jobs.start(jobId);
		try {
			return await work(src);
		} finally {
			jobs.finish(jobId, src);
		}
	}
	return {
		incident: (incidentId) => reader.incident(incidentId),
		async select(incidentId, selection, jobId) {
			if (jobId === undefined) return selectData(reader, incidentId, selection);
			const src = jobs.start(jobId);
			try {
				return await selectData(reader, incidentId, selection, src);
			} finally {
				jobs.finish(jobId, src);
			}
		},
		cancel: (jobId) => jobs.cancel(jobId),
		rcaEvidence: (incidentId, req, jobId) =>
			withJob(jobId, async (signal) => {
				const info = await reader.incident(incidentId);
				return readRcaEvidence(reader, info, incidentId, req, signal);
			}),
		rcaLibrary: (method, jobId, onProgress) =>
			withJob(jobId, (signal) => rankLibrary(reader, method, signal, onProgress)),
		async library() {
			const infos = await Promise.all((await reader.list()).map((id) => reader.incident(id)));
			return infos
				.map((i) => `${i.manifest.id}:${i.contentHash}`)
				.sort()
				.join('\n');
		},
		async spans(incidentId, range, signal = neverCancelled) {
			await reader.incident(incidentId);
			return reader.spans(incidentId, range, signal);
		}
	};
}

/** An event still going on at the cursor has no known end yet. */
function eventsAsOf(events: IncidentEvent[], asOf: number | undefined): IncidentEvent[] {
	if (asOf === undefined) return events;
	return events.map((e) => {
		if (e.end === undefined || e.end <= asOf) return e;
		const { end: _end, ...open } = e;
		void _end;
		return open;
	});
}
