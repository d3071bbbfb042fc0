/** The causal API as plain functions (the worker exposes it; Node calls it directly). */
import { JobRegistry } from '../shared/cancel';
import type { CausalApi } from './api';
import { alignSeries } from './align';
import { estimateEffect } from './effect';
import { reduceForPc } from './reduce';
import { runPc } from './pc';
import { rankServices } from '../rca/rank';

export function createCausalApi(): CausalApi {
	const jobs = new JobRegistry();
	return {
		async pc(table, options, jobId, onProgress) {
			const id = jobId ?? `pc-${Date.now()}`;
			const src = jobs.start(id);
			try {
				return await runPc(table, options, src, onProgress);
			} finally {
				jobs.finish(id, src);
			}
		},
		async effect(table, spec) {
			return estimateEffect(table, spec);
		},
		async align(series, range, options) {
			const aligned = alignSeries(series, range);
			if (!options?.reduce) return { table: aligned.table, dropped: aligned.dropped };
			const reduced = reduceForPc(aligned.table);
			return { table: reduced.table, dropped: [...aligned.dropped, ...reduced.dropped] };
		},
		async rank(request) {
			return rankServices(request);
		},
		async cancel(jobId) {
			return jobs.cancel(jobId);
		}
	};
}
