/**
 * An incident's logs as known at a replay cursor: the lines up to it, mined afresh (Drain sees
 * only what existed then), with the baseline and incident windows cut there. Shared by the
 * templates and similar-incidents requests, so both mean the same by "as of t".
 */
import type { IncidentInfo } from '../data/api';
import type { TimeRange } from '../bundle/types';
import { logsUpTo } from '../bundle/as-of';
import type { CancelSignal } from '../shared/cancel';
import type { AitiaDb } from '../storage/db';
import { readLogTable } from '../storage/logs';
import { mineLogs, type Mined } from './build';
import { incidentWindows } from './store';
import type { Progress } from '../shared/progress';

export interface MinedAsOf {
	mined: Mined;
	/** The baseline as known at the cursor (cut there; absent when it had not begun). */
	baseline?: TimeRange;
	/** The incident window cut at the cursor; absent before it began. */
	incident?: TimeRange;
}

/** Windows of `info` cut at `asOf`. */
export function windowsAsOf(info: IncidentInfo, asOf: number): Omit<MinedAsOf, 'mined'> {
	const { baseline, incident } = incidentWindows(info);
	const known = baseline && baseline.start <= asOf ? baseline : undefined;
	return {
		...(known && { baseline: { start: known.start, end: Math.min(known.end, asOf) } }),
		...(asOf >= incident.start && {
			incident: { start: incident.start, end: Math.min(incident.end, asOf) }
		})
	};
}

export async function mineAsOf(
	db: AitiaDb,
	info: IncidentInfo,
	asOf: number,
	signal: CancelSignal,
	onProgress?: Progress
): Promise<MinedAsOf> {
	const windows = windowsAsOf(info, asOf);
	const logs = logsUpTo(await readLogTable(db, info.manifest.id), asOf);
	const mined = await mineLogs(logs, {
		...windows,
		origin: info.manifest.timeRange.start,
		signal,
		onProgress
	});
	return { mined, ...windows };
}
