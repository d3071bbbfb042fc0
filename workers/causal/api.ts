/**
 * Contract of the causal worker (types only; the UI imports it with `import type`): PC discovery,
 * effect estimation and root-cause ranking. Long calls take a job id so `cancel(jobId)` can stop
 * them, and PC reports progress through a (comlink-proxied) callback.
 */
import type { EffectResult, EffectSpec } from './effect';
import type { PcOptions, PcResult } from './pc';
import type { RankRequest, RcaResult } from '../rca/types';
import type { NumericTable } from './table';
import type { Series, TimeRange } from '../bundle/types';
import type { Progress } from '../shared/progress';

export type { EffectResult, EffectSpec, PcOptions, PcResult, RankRequest, RcaResult, NumericTable };

/** Series aligned onto one time grid, ready for PC or an effect, and what was left out (why). */
export interface AlignedSeries {
	table: NumericTable;
	dropped: { key: string; reason: string }[];
}

export interface CausalApi {
	pc(
		table: NumericTable,
		options: PcOptions,
		jobId?: string,
		onProgress?: Progress
	): Promise<PcResult>;
	effect(table: NumericTable, spec: EffectSpec, jobId?: string): Promise<EffectResult>;
	/**
	 * Aligns series onto the densest one's grid inside `range` (align.ts); with `reduce`, also
	 * leaves out near-duplicates and the least changing series PC has no rows for (reduce.ts).
	 */
	align(
		series: Series[],
		range?: TimeRange,
		options?: { reduce?: boolean }
	): Promise<AlignedSeries>;
	/** Root-cause ranking of services (workers/rca). */
	rank(request: RankRequest, jobId?: string): Promise<RcaResult>;
	/** Cancels a running job; false when no job has that id. */
	cancel(jobId: string): Promise<boolean>;
}
