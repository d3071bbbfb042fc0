/**
 * Turning a DataSelection into a DataOutput over any incident reader. The IndexedDB and in-memory
 * sources differ only in how they fetch series and logs; everything else lives here once.
 */
import type { TimeRange } from '../bundle/types';
import { JobRegistry, neverCancelled, type CancelSignal } from '../shared/cancel';
import type { DataOutput, LogSample, SeriesData } from '../shared/outputs';
import type { LogQuery } from '../storage/log-scan';
import type { DataSelection, DataSource, IncidentInfo } from './api';
import { eventsInRange, matchSeries, resolveRange } from './select';

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
}

/** A DataSource whose running selections can be cancelled by job id. */
export interface CancellableSource extends DataSource {
	/** Cancels the selection running under `jobId`; false when none is. */
	cancel(jobId: string): boolean;
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
	const range = resolveRange(info.manifest, selection.range);
	const keys = matchSeries(selection.series, info.seriesKeys, incidentId);
	await signal.checkpoint();
	const series = keys.length ? await reader.series(incidentId, keys, range, signal) : [];
	await signal.checkpoint();
	const output: DataOutput = {
		type: 'data',
		incidentId,
		range,
		series,
		events: selection.events ? eventsInRange(info.events, range) : []
	};
	if (selection.logs) {
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
		cancel: (jobId) => jobs.cancel(jobId)
	};
}
