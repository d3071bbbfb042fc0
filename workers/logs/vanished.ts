/**
 * Log statements that stop: a template a service printed steadily in the reference period and no
 * longer prints in the incident window, while the service keeps logging otherwise. An exception
 * thrown between two log statements silences the second one; nothing new is logged, yet the
 * silence is as telling as a new error (invariant mining over template counts, Lou et al., "Mining
 * Invariants from Console Logs for System Problem Detection", USENIX ATC 2010, in its simplest
 * form: each template's share of its service's lines). The expected count is the template's
 * reference share of the service's *other* lines in the incident window, so a service that
 * simply got less traffic loses nothing; the deficit is scored on the Poisson scale.
 */
import { templateText } from './drain';
import { LOG_LEVELS, type LogTable, type TimeRange } from '../bundle/types';
import type { MinedReference } from './reference';

/** One service's strongest vanished template. */
export interface VanishedTemplate {
	service: string;
	template: string;
	expected: number;
	observed: number;
	/** Deficit on the variance-stabilised Poisson scale (2·(√(e+3/8) − √(o+3/8))). */
	z: number;
}

const LEVELS = LOG_LEVELS.length;

/** Reference lines a template needs before its absence means anything. */
const MIN_REFERENCE = 5;
/** Lines a service must log in the incident window (otherwise it is silent, not selective). */
const MIN_INCIDENT = 5;

export function vanishedTemplates(
	logs: LogTable,
	mined: MinedReference,
	incident: TimeRange
): VanishedTemplate[] {
	if (mined.reference === 'none') return [];
	const ref = new Map<number, Map<number, number>>();
	const inc = new Map<number, Map<number, number>>();
	const bump = (m: Map<number, Map<number, number>>, s: number, t: number) => {
		const per = m.get(s) ?? m.set(s, new Map()).get(s)!;
		per.set(t, (per.get(t) ?? 0) + 1);
	};
	for (let i = 0; i < logs.length; i++) {
		const t = logs.t[i];
		// Template and level together: an INFO line turning into an ERROR line is a vanished INFO line.
		const key = mined.template[i] * LEVELS + logs.level[i];
		if (mined.isRef(t)) bump(ref, logs.service[i], key);
		else if (t >= incident.start && t <= incident.end) bump(inc, logs.service[i], key);
	}
	const out: VanishedTemplate[] = [];
	for (const [s, refCounts] of ref) {
		const incCounts = inc.get(s) ?? new Map<number, number>();
		const refTotal = [...refCounts.values()].reduce((a, v) => a + v, 0);
		const incTotal = [...incCounts.values()].reduce((a, v) => a + v, 0);
		if (incTotal < MIN_INCIDENT) continue;
		let best: VanishedTemplate | undefined;
		for (const [t, r] of refCounts) {
			if (r < MIN_REFERENCE || refTotal - r <= 0) continue;
			const observed = incCounts.get(t) ?? 0;
			const expected = (r * (incTotal - observed)) / (refTotal - r);
			const z = 2 * (Math.sqrt(expected + 0.375) - Math.sqrt(observed + 0.375));
			if (!best || z > best.z)
				best = {
					service: logs.services[s],
					template: templateText(mined.miner.clusters[Math.floor(t / LEVELS)]),
					expected,
					observed,
					z
				};
		}
		if (best && best.z > 0) out.push(best);
	}
	return out.sort((a, b) => b.z - a.z);
}
