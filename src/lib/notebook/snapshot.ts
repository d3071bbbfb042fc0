/**
 * The snapshot implementation of Compute: it serves the recorded outputs of a run state and
 * computes nothing. `data.incident` answers with the incident as the recording saw it, so the
 * engine derives the very cache keys the outputs were recorded under and finds them in the
 * snapshot cache; any real computation fails with a SnapshotOnlyError that says how to get one.
 */
import type { OutputCache } from './engine';
import type { Compute } from './kinds/kind';
import type { RunState } from './runstate';

export class SnapshotOnlyError extends Error {
	constructor(what: string) {
		super(
			`${what}: this notebook shows recorded outputs; press "Re-run" to compute from the incident's data`
		);
		this.name = 'SnapshotOnlyError';
	}
}

const refuse = (what: string) => () => Promise.reject(new SnapshotOnlyError(what));

export function snapshotCompute(rs: RunState): Compute {
	return {
		data: {
			incident: async (id) => {
				if (id !== rs.incident.manifest.id) throw new SnapshotOnlyError(`incident ${id}`);
				return rs.incident;
			},
			select: refuse('selecting data'),
			rcaEvidence: refuse('reading logs and traces'),
			rcaLibrary: refuse('ranking the library'),
			// The library as the recording saw it, so library-reading cells find their outputs.
			library: async () => rs.library
		},
		metrics: {
			windowStats: refuse('window statistics'),
			windows: refuse('sliding windows'),
			forecast: refuse('forecasting'),
			anomalies: refuse('anomaly detection')
		},
		causal: {
			pc: refuse('causal discovery'),
			effect: refuse('effect estimation'),
			rank: refuse('ranking'),
			align: refuse('aligning series')
		},
		logs: {
			templates: refuse('log templates'),
			search: refuse('log search'),
			similar: refuse('similar incidents')
		}
	};
}

/** A read-only cache holding exactly the recorded outputs, by their keys. */
export function snapshotCache(rs: RunState): OutputCache {
	const byKey = new Map(Object.values(rs.cells).map((c) => [c.key, c.output]));
	return { get: async (hash) => byKey.get(hash), put: async () => undefined };
}
