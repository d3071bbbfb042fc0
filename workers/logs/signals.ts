/**
 * What logs tell the root-cause ranking, as ordinary per-service series over time buckets:
 * lines logged, warning-or-worse lines, and *novel* lines: lines whose template (Drain, drain.ts)
 * never occurred in the reference period at that level. A fault that makes a service say something it never
 * says (a new exception, a new "return false" branch) shows as novel lines of that service even
 * when its metrics stay flat; a log statement that falls silent is reported by vanished.ts. The reference is the baseline window, or, when no line falls in it
 * (logs kept only around incidents), every line outside the incident window. Buckets in which no
 * service logged anything are gaps, not zeros.
 */
import type { LogTable, Series, TimeRange } from '../bundle/types';
import { activeBuckets, chooseStep, coveredDuration } from '../shared/buckets';
import { mineReference } from './reference';
import { vanishedTemplates, type VanishedTemplate } from './vanished';

const WARN = 3;

export interface LogSignals {
	series: Series[];
	step: number;
	/** Which lines served as the reference. */
	reference: 'baseline' | 'outside-incident' | 'none';
	/** Per service, its strongest vanished template (vanished.ts). */
	vanished: VanishedTemplate[];
}

export function logSignals(
	logs: LogTable,
	baseline: TimeRange,
	incident: TimeRange,
	step?: number
): LogSignals {
	const n = logs.length;
	if (n === 0) return { series: [], step: step ?? 60_000, reference: 'none', vanished: [] };
	const mined = mineReference(logs, baseline, incident);
	const { reference, isRef } = mined;
	const known = new Set<string>();
	// Drain folds "ERROR … findContacts failed" into the INFO template it resembles; the level is
	// part of what is new, so a template heard at a level it never had before counts as novel.
	const keyOf = (i: number) => `${logs.service[i]}/${mined.template[i]}/${logs.level[i]}`;
	for (let i = 0; i < n; i++) if (isRef(logs.t[i])) known.add(keyOf(i));
	const width = step ?? chooseStep(coveredDuration(logs.t), 24);
	const buckets = activeBuckets(logs.t, width);
	const index = new Map(Array.from(buckets, (b, k) => [b, k]));
	const counts = logs.services.map(() => ({
		lines: new Float64Array(buckets.length),
		warn: new Float64Array(buckets.length),
		novel: new Float64Array(buckets.length),
		novelWarn: new Float64Array(buckets.length)
	}));
	for (let i = 0; i < n; i++) {
		const k = index.get(Math.floor(logs.t[i] / width) * width)!;
		const c = counts[logs.service[i]];
		c.lines[k]++;
		if (logs.level[i] >= WARN) c.warn[k]++;
		if (reference !== 'none' && !known.has(keyOf(i))) {
			c.novel[k]++;
			if (logs.level[i] >= WARN) c.novelWarn[k]++;
		}
	}
	const series: Series[] = [];
	logs.services.forEach((service, s) => {
		const make = (metric: string, v: Float64Array): Series => ({
			key: `${service}.${metric}`,
			service,
			metric,
			t: buckets,
			v
		});
		series.push(make('log_lines', counts[s].lines), make('log_warnings_errors', counts[s].warn));
		if (reference !== 'none')
			series.push(
				make('log_novel_lines', counts[s].novel),
				make('log_novel_warnings_errors', counts[s].novelWarn)
			);
	});
	return {
		series: series.filter((s) => s.v.some((x) => x > 0)),
		step: width,
		reference,
		vanished: vanishedTemplates(logs, mined, incident)
	};
}
