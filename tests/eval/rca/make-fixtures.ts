/**
 * Writes the CI slice of the root-cause datasets as zipped bundles under tests/fixtures/rca/, so
 * `npm test` checks a floor on AC@1 without ../shared: the first three cases of every fault type of
 * OnlineBoutique (metrics, ~15 kB each) and the first case of every fault type of TrainTicket
 * (CPU, network delay, and the code faults `return` and `exception`; metrics, logs and traces,
 * ~550 kB each), both Nezha (MIT). Sock Shop has no licence and is never copied. Run by hand after a
 * converter change: `npx tsx tests/eval/rca/make-fixtures.ts`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { writeBundle, type EvalCase } from './bundle-writer';
import { DATASETS, SHARED } from './datasets';

const OUT = new URL('../../fixtures/rca/', import.meta.url).pathname;
const TMP = new URL('../../../.cache/rca-fixture-tmp/', import.meta.url).pathname;

function zipFolder(dir: string): Uint8Array {
	const files: Record<string, Uint8Array> = {};
	const walk = (d: string, prefix: string) => {
		for (const name of readdirSync(d).sort()) {
			const full = path.join(d, name);
			if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
			else files[`${prefix}${name}`] = new Uint8Array(readFileSync(full));
		}
	};
	walk(dir, '');
	// Fixed dates keep the zips byte-identical between runs.
	return zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
}

rmSync(OUT, { recursive: true, force: true });
const PLAN: Record<string, { perFault: number; faults?: string[] }> = {
	'nezha-online-boutique': { perFault: 3 },
	'nezha-trainticket': { perFault: 1 }
};

for (const [name, plan] of Object.entries(PLAN)) {
	const seen = new Map<string, number>();
	mkdirSync(`${OUT}${name}`, { recursive: true });
	for (const c of DATASETS[name]() as Iterable<EvalCase>) {
		const n = seen.get(c.truth.fault) ?? 0;
		if (n >= plan.perFault || (plan.faults && !plan.faults.includes(c.truth.fault))) continue;
		seen.set(c.truth.fault, n + 1);
		const dir = `${TMP}${c.id}`;
		writeBundle(dir, c);
		const zip = zipFolder(dir);
		writeFileSync(`${OUT}${name}/${c.id}.zip`, zip);
		console.log(`${name}/${c.id}.zip ${(zip.length / 1024).toFixed(0)} kB`);
	}
	const licence = readFileSync(`${SHARED}rca-${name}/LICENSE.Nezha-MIT.txt`, 'utf8');
	writeFileSync(`${OUT}${name}/LICENSE.Nezha-MIT.txt`, licence);
}
rmSync(TMP, { recursive: true, force: true });
