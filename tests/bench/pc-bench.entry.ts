/**
 * PC timing benchmark, run inside a module Web Worker of real Chromium (as the causal worker
 * runs): seeded sparse linear-Gaussian DAGs with 10 / 20 / 50 / 100 variables and 10,000 rows,
 * PC-stable with Fisher-z (alpha 0.05, unlimited depth). Also checks that a cancel stops a
 * 50-variable run promptly.
 */
import { runPc } from '../../workers/causal/pc';
import { normal, seededRng } from '../../workers/causal/rng';
import type { NumericTable } from '../../workers/causal/table';
import { CancelSource, isCancelled } from '../../workers/shared/cancel';
import { benchLog, serveBench, type BenchRow } from './protocol';

export interface PcBenchParams {
	sizes: number[];
	rows: number;
}

/** Random DAG in index order, about 2 parents per node, weights in ±[0.3, 1]. */
export function simulate(p: number, n: number, seed: number): NumericTable {
	const rng = seededRng(seed);
	const parents = Array.from({ length: p }, (_, j) =>
		Array.from({ length: j }, (_, i) => i)
			.filter(() => rng() < Math.min(1, 2 / Math.max(1, j)))
			.map((i) => ({ i, w: (0.3 + 0.7 * rng()) * (rng() < 0.5 ? -1 : 1) }))
	);
	const columns = Array.from({ length: p }, () => new Float64Array(n));
	for (let r = 0; r < n; r++) {
		for (let j = 0; j < p; j++) {
			let v = normal(rng);
			for (const { i, w } of parents[j]) v += w * columns[i][r];
			columns[j][r] = v;
		}
	}
	return { names: columns.map((_, j) => `V${j + 1}`), columns, rows: n };
}

async function cancelCheck(table: NumericTable): Promise<string> {
	const src = new CancelSource();
	const t0 = performance.now();
	setTimeout(() => src.cancel(), 50);
	try {
		await runPc(table, {}, src);
		return 'cancel: the run finished before the cancel arrived';
	} catch (e) {
		if (!isCancelled(e)) throw e;
		return `cancel: 50-variable run stopped ${(performance.now() - t0).toFixed(0)} ms after start (cancel sent at 50 ms)`;
	}
}

serveBench(async (raw) => {
	const params = raw as PcBenchParams;
	const rows: BenchRow[] = [];
	const notes: string[] = [];
	for (const p of params.sizes) {
		const table = simulate(p, params.rows, 1000 + p);
		const t0 = performance.now();
		const r = await runPc(table);
		const seconds = (performance.now() - t0) / 1000;
		rows.push({ name: `PC ${p} variables x ${params.rows} rows`, rows: params.rows, seconds });
		notes.push(`${p} variables: ${r.tests} CI tests, ${r.edges.length} edges`);
		benchLog(`PC ${p} variables: ${seconds.toFixed(2)} s`);
		if (p === 50) notes.push(await cancelCheck(table));
	}
	return { rows, notes };
});
