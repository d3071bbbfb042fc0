/** The data source of the browser: selections read straight from IndexedDB chunks. */
import type { AitiaDb } from '../storage/db';
import { getIncident, listIncidents } from '../storage/incidents';
import { readLogs, readLogTable } from '../storage/logs';
import { readBundle } from '../storage/read-bundle';
import { readSeries } from '../storage/series';
import { readSpans } from '../storage/spans';
import { createSource, unknownIncident, type CancellableSource } from './selection';

export function createIdbSource(db: AitiaDb): CancellableSource {
	return createSource({
		async incident(incidentId) {
			const info = await getIncident(db, incidentId);
			if (!info) throw unknownIncident(incidentId);
			return info;
		},
		series: (incidentId, keys, range, signal) => readSeries(db, incidentId, keys, range, signal),
		logs: (incidentId, range, query, signal) => readLogs(db, incidentId, range, query, signal),
		spans: (incidentId, range, signal) => readSpans(db, incidentId, range, signal),
		list: async () => (await listIncidents(db)).map((i) => i.manifest.id),
		logTable: (incidentId) => readLogTable(db, incidentId),
		bundle: (incidentId) => readBundle(db, incidentId)
	});
}
