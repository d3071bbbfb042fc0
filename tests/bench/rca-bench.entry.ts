/**
 * Root-cause ranking in a module Web Worker of real Chromium (as the causal worker runs it): a
 * synthetic 500-series incident (50 services in a call tree, 10 metrics each, 1 day at 1-minute
 * steps, one CPU fault at a leaf), ranked with every method. The budget is < 2 s for the
 * default method.
 */
import { normal, seededRng } from '../../workers/causal/rng';
import { rankServices } from '../../workers/rca/rank';
import { RCA_METHODS, type RankRequest, type RcaSeriesInput } from '../../workers/rca/types';
import { serveBench, type BenchRow } from './protocol';

export interface RcaBenchParams {
	services: number;
	metricsPerService: number;
	points: number;
}

const METRICS = [
	'cpu_pct',
	'mem_pct',
	'latency_p50_ms',
	'latency_p99_ms',
	'requests',
	'errors',
	'disk_io',
	'net_rx_bytes',
	'threads',
	'gc_ms'
];

function incident(p: RcaBenchParams): RankRequest {
	const rng = seededRng(42);
	const step = 60_000;
	const t0 = Date.UTC(2026, 0, 1);
	const t = Float64Array.from({ length: p.points }, (_, i) => t0 + i * step);
	const onsetIdx = Math.floor(p.points * 0.9);
	const culprit = `svc${p.services - 1}`;
	const series: RcaSeriesInput[] = [];
	const topology = [];
	for (let s = 0; s < p.services; s++) {
		const service = `svc${s}`;
		if (s > 0) topology.push({ from: `svc${Math.floor((s - 1) / 3)}`, to: service });
		for (const metric of METRICS.slice(0, p.metricsPerService)) {
			const v = Float64Array.from(t, (_, i) => {
				const fault = service === culprit && metric === 'cpu_pct' && i >= onsetIdx ? 60 : 0;
				return 20 + 2 * normal(rng) + fault;
			});
			series.push({ key: `${service}.${metric}`, service, metric, t, v });
		}
	}
	return {
		series,
		topology,
		symptom: 'svc0.latency_p99_ms',
		windows: {
			baseline: { start: t[0], end: t[onsetIdx - 61] },
			incident: { start: t[onsetIdx - 30], end: t[p.points - 1] },
			onset: t[onsetIdx],
			source: { baseline: 'bench', incident: 'bench' }
		}
	};
}

serveBench(async (raw) => {
	const params = raw as RcaBenchParams;
	const req = incident(params);
	const rows: BenchRow[] = [];
	const notes: string[] = [];
	const n = req.series.length;
	for (const method of RCA_METHODS) {
		const t0 = performance.now();
		const r = await rankServices({ ...req, method });
		const seconds = (performance.now() - t0) / 1000;
		rows.push({
			name: `rank ${n} series, ${method}`,
			rows: n,
			seconds,
			...(method === 'ensemble' ? { targetRowsPerSec: n / 2 } : {})
		});
		notes.push(
			`${method}: first ${r.candidates[0].service} (the fault is in svc${params.services - 1}), ${seconds.toFixed(2)} s`
		);
	}
	return { rows, notes };
});
