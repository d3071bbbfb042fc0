/** Rebuilding a whole Bundle from storage (export, and the round-trip tests of the writer). */
import type { Bundle } from '../bundle/types';
import type { AitiaDb } from './db';
import { getIncident, getIncidentRecord } from './incidents';
import { readLogTable } from './logs';
import { readSeries } from './series';
import { readSpans } from './spans';

export async function readBundle(db: AitiaDb, incidentId: string): Promise<Bundle> {
	const [record, info] = await Promise.all([
		getIncidentRecord(db, incidentId),
		getIncident(db, incidentId)
	]);
	if (!record || !info) throw new Error(`Incident '${incidentId}' is not stored.`);
	const bundle: Bundle = {
		manifest: info.manifest,
		series: await readSeries(db, incidentId, info.seriesKeys),
		logs: await readLogTable(db, incidentId),
		traces: await readSpans(db, incidentId),
		events: info.events,
		topology: record.topology,
		annotations: record.annotations
	};
	if (record.groundTruth) bundle.groundTruth = record.groundTruth;
	return bundle;
}
