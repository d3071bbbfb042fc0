/** A small synthetic incident for the LLM tests: temp rises, then db lock, then edge latency. */
import type { DataOutput, SeriesData } from '../../../workers/shared/outputs';
import { gatherEvidence, type IncidentContext } from '../../../src/lib/llm/evidence';

const T0 = Date.UTC(2026, 2, 14, 0, 0);
const STEP = 60_000;
const N = 360;
export const ONSET = T0 + 240 * STEP;

/** Flat with a little deterministic noise, then a ramp to `to` starting at minute `from`. */
function series(key: string, unit: string, base: number, to: number, from: number): SeriesData {
	const t = new Float64Array(N);
	const v = new Float64Array(N);
	for (let i = 0; i < N; i++) {
		t[i] = T0 + i * STEP;
		const noise = ((i * 7919) % 13) / 13 - 0.5;
		v[i] =
			(i < from ? base : base + (to - base) * Math.min(1, (i - from) / 20)) + noise * base * 0.02;
	}
	const [service, metric] = key.split('.');
	return { key, service, metric, unit, t, v };
}

export const CTX: IncidentContext = {
	incidentId: 'synthetic-1',
	title: 'Synthetic incident',
	timezone: 'UTC',
	onset: ONSET,
	baseline: { start: T0, end: T0 + 180 * STEP }
};

export function dataOutput(logMessages: string[] = []): DataOutput {
	return {
		type: 'data',
		incidentId: 'synthetic-1',
		range: { start: T0, end: T0 + (N - 1) * STEP },
		series: [
			series('edge.latency_ms', 'ms', 90, 900, 250),
			series('host-b4.cpu_temp_c', '°C', 60, 92, 228),
			series('db.db_lock_ms', 'ms', 40, 2600, 244),
			series('cache.hit_ratio', '', 0.9, 0.9, 0)
		],
		events: [
			{ t: T0 + 200 * STEP, kind: 'deploy', title: 'api v2 rolled out', service: 'api' },
			{ t: T0 + 225 * STEP, kind: 'physical', title: 'coolant leak in rack B4', service: 'host-b4' }
		],
		logs: {
			count: logMessages.length,
			byLevel: { error: logMessages.length },
			rows: logMessages.map((message, i) => ({
				t: ONSET + i * STEP,
				level: 'error' as const,
				service: 'db',
				message
			}))
		}
	};
}

export const evidence = (
	logs: string[] = [],
	optional: Parameters<typeof gatherEvidence>[2] = {}
) => gatherEvidence(CTX, dataOutput(logs), optional);
