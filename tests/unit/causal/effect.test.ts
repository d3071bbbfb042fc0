import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateEffect } from '../../../workers/causal/effect';
import { parseTable } from '../../../workers/causal/table';

const fx = (p: string) => new URL(`../../fixtures/causal/${p}`, import.meta.url).pathname;
const lalonde = parseTable(readFileSync(fx('lalonde/lalonde.csv'), 'utf8'));
const ihdp = parseTable(readFileSync(fx('ihdp/ihdp_npci_1.csv'), 'utf8'));
const xs = Array.from({ length: 25 }, (_, i) => `x${i + 1}`);
ihdp.names = ['treatment', 'y_factual', 'y_cfactual', 'mu0', 'mu1', ...xs];

describe('regression adjustment', () => {
	it('Lalonde: equals plain OLS (curators: 1671.1309, 1676.3432, 1670.7095)', () => {
		const est = (covariates: string[]) =>
			estimateEffect(lalonde, { treatment: 'treat', outcome: 're78', covariates }).estimate;
		const six = ['nodegr', 'black', 'hisp', 'age', 'educ', 'married'];
		expect(est(six)).toBeCloseTo(1671.1309, 3);
		expect(est(['age', 'educ', 'black', 'hisp', 'married', 'nodegr', 're74', 're75'])).toBeCloseTo(
			1676.3432,
			3
		);
		expect(
			est(['age', 'educ', 'black', 'hisp', 'married', 'nodegr', 're74', 're75', 'u74', 'u75'])
		).toBeCloseTo(1670.7095, 3);
	});

	it('Lalonde: the treat coefficient equals an independent normal-equations OLS to 1e-6', () => {
		const six = ['nodegr', 'black', 'hisp', 'age', 'educ', 'married'];
		const col = (n: string) => lalonde.columns[lalonde.names.indexOf(n)];
		const xs = [new Float64Array(lalonde.rows).fill(1), col('treat'), ...six.map(col)];
		const y = col('re78');
		const k = xs.length;
		// X'X b = X'y, solved by Gauss-Jordan with partial pivoting (plain JS, no ml-matrix).
		const a = xs.map((xi) => [
			...xs.map((xj) => xi.reduce((acc, v, r) => acc + v * xj[r], 0)),
			xi.reduce((acc, v, r) => acc + v * y[r], 0)
		]);
		for (let c = 0; c < k; c++) {
			let p = c;
			for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
			[a[c], a[p]] = [a[p], a[c]];
			for (let r = 0; r < k; r++) {
				if (r === c) continue;
				const f = a[r][c] / a[c][c];
				for (let j = c; j <= k; j++) a[r][j] -= f * a[c][j];
			}
		}
		const treatCoef = a[1][k] / a[1][1];
		const est = estimateEffect(lalonde, { treatment: 'treat', outcome: 're78', covariates: six });
		expect(Math.abs(est.estimate - treatCoef)).toBeLessThan(1e-6);
	});

	it('Lalonde without covariates = difference in means 1794.343, CI around it', () => {
		const r = estimateEffect(lalonde, { treatment: 'treat', outcome: 're78', covariates: [] });
		expect(r.estimate).toBeCloseTo(1794.343, 2);
		expect(r.ci[0]).toBeLessThan(r.estimate);
		expect(r.ci[1]).toBeGreaterThan(r.estimate);
	});

	it("IHDP replication 1 equals DoWhy's 3.9286717508727214 to 1e-6", () => {
		const r = estimateEffect(ihdp, {
			treatment: 'treatment',
			outcome: 'y_factual',
			covariates: xs
		});
		expect(Math.abs(r.estimate - 3.9286717508727214)).toBeLessThan(1e-6);
	});

	it('reads the adjustment set from a graph (parents + undirected neighbours)', () => {
		const r = estimateEffect(lalonde, {
			treatment: 'treat',
			outcome: 're78',
			graph: {
				names: ['treat', 're78', 'age', 'educ'],
				edges: [
					{ from: 2, to: 0, kind: '-->', maxP: 0, maxPSet: [], byKnowledge: false },
					{ from: 0, to: 3, kind: '---', maxP: 0, maxPSet: [], byKnowledge: false },
					{ from: 0, to: 1, kind: '-->', maxP: 0, maxPSet: [], byKnowledge: false }
				]
			}
		});
		expect(r.adjustmentSource).toBe('graph');
		expect(r.covariates.sort()).toEqual(['age', 'educ']);
	});
});

describe('matching and refuters', () => {
	it('PSM gives ATE/ATT/ATC with a bootstrap CI containing the estimate', () => {
		const r = estimateEffect(lalonde, {
			treatment: 'treat',
			outcome: 're78',
			covariates: ['age', 'educ', 'black', 'married'],
			method: 'psm',
			bootstrapReps: 40
		});
		expect(r.att).toBeDefined();
		expect(r.ci[0]).toBeLessThan(r.estimate);
		expect(r.ci[1]).toBeGreaterThan(r.estimate);
	});

	it('continuous treatment needs an explicit threshold for PSM', () => {
		expect(() =>
			estimateEffect(lalonde, { treatment: 'age', outcome: 're78', method: 'psm' })
		).toThrow(/explicit threshold/);
		const r = estimateEffect(lalonde, {
			treatment: 'age',
			outcome: 're78',
			covariates: ['educ'],
			method: 'psm',
			threshold: 25,
			bootstrapReps: 20
		});
		expect(r.notes[0]).toMatch(/age > 25/);
	});

	it('a real effect survives all three refuters and scores a high impact', () => {
		const n = 400;
		let s = 1;
		const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
		const x = Array.from({ length: n }, rnd);
		const t = x.map((v) => v + rnd());
		const y = t.map((v, i) => 2 * v + x[i] + rnd() * 0.5);
		const table = {
			names: ['t', 'y', 'x'],
			columns: [t, y, x].map((a) => Float64Array.from(a)),
			rows: n
		};
		const ok = estimateEffect(table, {
			treatment: 't',
			outcome: 'y',
			covariates: ['x'],
			refute: true
		});
		expect(ok.estimate).toBeCloseTo(2, 0);
		expect(ok.refuters.map((r) => r.passed)).toEqual([true, true, true]);
		expect(ok.refuters[0].verdict).toMatch(/survived/);
		expect(ok.impact).toBeGreaterThan(0.7);
	});

	it('one-valued treatment and collinear covariates are refused', () => {
		const n = 30;
		const a = Array.from({ length: n }, (_, i) => i % 7);
		const table = {
			names: ['t', 'y', 'a', 'b'],
			columns: [a.map(() => 1), a.map((v) => v * 2 + 1), a, a.map((v) => v * 3)].map((c) =>
				Float64Array.from(c)
			),
			rows: n
		};
		expect(() => estimateEffect(table, { treatment: 't', outcome: 'y' })).toThrow(
			/"t" is constant/
		);
		table.columns[0] = Float64Array.from(a, (v, i) => (i + v) % 2);
		expect(() =>
			estimateEffect(table, { treatment: 't', outcome: 'y', covariates: ['a', 'b'] })
		).toThrow(/"b" is a linear combination/);
	});
});
