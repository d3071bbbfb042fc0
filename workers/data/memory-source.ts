/** The data source of the Node CLI and tests: selections and spans over in-memory bundles. */
import { sliceSpans } from '../bundle/span-table';
import type { Bundle, LogTable } from '../bundle/types';
import { spanOf } from '../shared/bisect';
import { buildIncidentInfo, type BundleOrigin } from '../storage/incident-info';
import { LogSampler } from '../storage/log-scan';
import type { IncidentInfo } from './api';
import { sliceSeries } from '../shared/select';
import { spansInRange } from './select';
import { createSource, unknownIncident, type CancellableSource } from './selection';

/** A parsed bundle plus what the importer knows about it. */
export interface MemoryBundle extends BundleOrigin {
	bundle: Bundle;
}

function logBlock(logs: LogTable) {
	return { ...logs, message: (i: number) => logs.message[i] };
}

export function createMemorySource(bundles: MemoryBundle[]): CancellableSource {
	const byId = new Map<string, { bundle: Bundle; info: IncidentInfo }>();
	const importedAt = new Date().toISOString();
	for (const b of bundles) {
		byId.set(b.bundle.manifest.id, {
			bundle: b.bundle,
			info: buildIncidentInfo(b.bundle, b, importedAt)
		});
	}
	const get = (incidentId: string) => {
		const entry = byId.get(incidentId);
		if (!entry) throw unknownIncident(incidentId);
		return entry;
	};
	return createSource({
		incident: async (incidentId) => get(incidentId).info,
		async series(incidentId, keys, range, signal) {
			const byKey = new Map(get(incidentId).bundle.series.map((s) => [s.key, s]));
			return keys.map((key) => {
				signal.throwIfCancelled();
				const s = byKey.get(key);
				if (!s) throw new Error(`Series '${key}' is not in incident '${incidentId}'.`);
				return sliceSeries(s, range);
			});
		},
		async logs(incidentId, range, query) {
			const logs = get(incidentId).bundle.logs;
			const sampler = new LogSampler(query);
			const [from, to] = spanOf(logs.t, range.start, range.end);
			sampler.addBlock(logBlock(logs), from, to);
			return sampler.result();
		},
		async spans(incidentId, range) {
			const traces = get(incidentId).bundle.traces;
			return range ? spansInRange(traces, range) : sliceSpans(traces, 0, traces.length);
		},
		list: async () => [...byId.keys()],
		logTable: async (incidentId) => get(incidentId).bundle.logs,
		bundle: async (incidentId) => get(incidentId).bundle
	});
}
