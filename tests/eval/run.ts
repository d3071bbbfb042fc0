/**
 * `npm run eval`: runs every evaluation module in tests/eval (files named *.eval.ts), in name
 * order, each printing its own table. Evaluations may read ../shared/datasets directly; a missing
 * dataset is reported as SKIPPED, not as a failure. Pass names to run a subset:
 * `npm run eval -- pc sachs`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(here)
	.filter((f) => f.endsWith('.eval.ts'))
	.filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
	.sort();

if (files.length === 0) {
	console.log('No evaluations found.');
}
let failed = 0;
for (const f of files) {
	console.log(`\n== ${f.replace('.eval.ts', '')} ==`);
	const t0 = performance.now();
	try {
		const mod = (await import(pathToFileURL(path.join(here, f)).href)) as {
			default: () => Promise<void>;
		};
		await mod.default();
	} catch (e) {
		failed++;
		console.error(`FAILED: ${(e as Error).stack ?? e}`);
	}
	console.log(`(${f} took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exitCode = failed ? 1 : 0;
