/** The data source of the browser: selections read straight from IndexedDB chunks. */
import type { AitiaDb } from '../storage/db';
import { getIncident } from '../storage/incidents';
import { readLogs } from '../storage/logs';
import { readSeries } from '../storage/series';
import { createSource, unknownIncident, type CancellableSource } from './selection';

export function createIdbSource(db: AitiaDb): CancellableSource {
	return createSource({
		async incident(incidentId) {
			const info = await getIncident(db, incidentId);
			if (!info) throw unknownIncident(incidentId);
			return info;
		},
		series: (incidentId, keys, range, signal) => readSeries(db, incidentId, keys, range, signal),
		logs: (incidentId, range, query, signal) => readLogs(db, incidentId, range, query, signal)
	});
}
