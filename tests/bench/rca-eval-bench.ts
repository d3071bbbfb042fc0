/**
 * Node-side benchmark of the batch runner: `aitia rca-eval` over the 101 Nezha cases (56
 * OnlineBoutique + 45 TrainTicket, converted from ../shared/datasets), as one process started the
 * way a user starts it. Budget from the issue: < 60 s on 2 cores. Skipped without ../shared.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { ensureDataset } from '../eval/rca/datasets';

const ROOT = new URL('../../', import.meta.url).pathname;
const BUDGET_S = 60;

export async function rcaEvalBench(): Promise<string[]> {
	console.log('\n== aitia rca-eval over the 101 Nezha cases (Node, one process); target < 60 s ==');
	const dirs = ['nezha-online-boutique', 'nezha-trainticket'].map((d) => [d, ensureDataset(d)]);
	if (dirs.some(([, d]) => !d)) {
		console.log('  SKIPPED: ../shared/datasets is not beside the repository');
		return [];
	}
	const folder = `${ROOT}.cache/rca-bench/`;
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	for (const [name, dir] of dirs) symlinkSync(dir!, `${folder}${name}`);
	const t0 = performance.now();
	const out = execFileSync('node', [`${ROOT}src/cli/aitia.js`, 'rca-eval', folder], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore']
	});
	const seconds = (performance.now() - t0) / 1000;
	for (const line of out.trim().split('\n')) console.log(`  ${line}`);
	console.log(
		`  wall time ${seconds.toFixed(1)} s for 101 cases (${((seconds / 101) * 1000).toFixed(0)} ms per case, process start included)`
	);
	return seconds > BUDGET_S
		? [`MISSED: rca-eval over 101 cases took ${seconds.toFixed(1)} s > ${BUDGET_S} s`]
		: [];
}
