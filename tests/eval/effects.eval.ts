/**
 * Effect evaluation: Lalonde NSW (regression = OLS, PSM, difference in means) and IHDP
 * replications 1-10 (|estimate - true ATE| per method; true ATE = mean(mu1 - mu0)).
 */
import { existsSync, readFileSync } from 'node:fs';
import { estimateEffect } from '../../workers/causal/effect';
import { parseTable } from '../../workers/causal/table';

const root = new URL('../../../shared/datasets/', import.meta.url).pathname;
const xs = Array.from({ length: 25 }, (_, i) => `x${i + 1}`);

function lalonde(): void {
	const file = `${root}lalonde-nsw/lalonde.csv`;
	if (!existsSync(file)) return console.log('lalonde: SKIPPED');
	const t = parseTable(readFileSync(file, 'utf8'));
	const six = ['nodegr', 'black', 'hisp', 'age', 'educ', 'married'];
	const reg = estimateEffect(t, {
		treatment: 'treat',
		outcome: 're78',
		covariates: six,
		refute: true
	});
	const psm = estimateEffect(t, {
		treatment: 'treat',
		outcome: 're78',
		covariates: six,
		method: 'psm',
		refute: true
	});
	const dm = estimateEffect(t, { treatment: 'treat', outcome: 're78', covariates: [] });
	console.log('Lalonde NSW (445 rows), covariates nodegr, black, hisp, age, educ, married');
	console.log(
		`  regression ${reg.estimate.toFixed(4)} (OLS check 1671.1309, |diff| ${Math.abs(reg.estimate - 1671.1309).toExponential(1)}) CI [${reg.ci.map((v) => v.toFixed(1)).join(', ')}]`
	);
	console.log(
		`  PSM ATE ${psm.estimate.toFixed(1)} ATT ${psm.att?.toFixed(1)} CI [${psm.ci.map((v) => v.toFixed(1)).join(', ')}]`
	);
	console.log(`  difference in means ${dm.estimate.toFixed(3)} (experimental benchmark 1794.343)`);
	for (const r of [...reg.refuters, ...psm.refuters])
		console.log(`  [${r.passed ? 'pass' : 'FAIL'}] ${r.verdict}`);
}

function ihdp(): void {
	if (!existsSync(`${root}ihdp/ihdp_npci_1.csv`)) return console.log('ihdp: SKIPPED');
	console.log('\nIHDP (747 rows, 25 covariates): |estimate - true ATE|');
	console.log('rep  true ATE  regression  |err|     PSM ATE  |err|');
	let sumR = 0;
	let sumP = 0;
	for (let rep = 1; rep <= 10; rep++) {
		const t = parseTable(readFileSync(`${root}ihdp/ihdp_npci_${rep}.csv`, 'utf8'));
		t.names = ['treatment', 'y_factual', 'y_cfactual', 'mu0', 'mu1', ...xs];
		const mu0 = t.columns[3];
		const mu1 = t.columns[4];
		const truth = mu1.reduce((s, v, i) => s + v - mu0[i], 0) / mu1.length;
		const reg = estimateEffect(t, {
			treatment: 'treatment',
			outcome: 'y_factual',
			covariates: xs
		}).estimate;
		const psm = estimateEffect(t, {
			treatment: 'treatment',
			outcome: 'y_factual',
			covariates: xs,
			method: 'psm',
			bootstrapReps: 30
		}).estimate;
		sumR += Math.abs(reg - truth);
		sumP += Math.abs(psm - truth);
		console.log(
			`${String(rep).padStart(3)}${truth.toFixed(4).padStart(10)}${reg.toFixed(10).padStart(15)}${Math.abs(
				reg - truth
			)
				.toFixed(3)
				.padStart(7)}${psm.toFixed(4).padStart(10)}${Math.abs(psm - truth)
				.toFixed(3)
				.padStart(7)}`
		);
		if (rep === 1)
			console.log(
				`     rep 1 regression vs DoWhy 3.9286717508727214: |diff| = ${Math.abs(reg - 3.9286717508727214).toExponential(2)}`
			);
	}
	console.log(`mean |err|: regression ${(sumR / 10).toFixed(3)}, PSM ${(sumP / 10).toFixed(3)}`);
}

export default async function (): Promise<void> {
	lalonde();
	ihdp();
}
