import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPc, runPcOnCorrelation } from '../../../workers/causal/pc';
import { parseTable } from '../../../workers/causal/table';

const fixtures = new URL('../../fixtures/causal/causal-learn/', import.meta.url).pathname;
const shared = new URL('../../../../shared/datasets/causal-learn-pc/', import.meta.url).pathname;

const readMatrix = (path: string): number[][] =>
	readFileSync(path, 'utf8')
		.trim()
		.split('\n')
		.map((l) => l.trim().split(/\s+/).map(Number));

const corrFixture = (name: string) =>
	JSON.parse(readFileSync(`${fixtures}${name}.corr.json`, 'utf8')) as {
		names: string[];
		n: number;
		corr: number[][];
	};

const expectedFiles = readdirSync(fixtures).filter((f) => f.startsWith('linear_10_pc_fisherz'));
const optionsOf = (f: string) => {
	const m = f.match(/stable_(\d)_(-?\d)\.txt$/)!;
	return { ucRule: Number(m[1]) as 0 | 1 | 2, ucPriority: Number(m[2]) as -1 | 0 | 1 | 2 | 3 | 4 };
};

describe('PC reproduces causal-learn (Fisher-z, alpha 0.05, stable)', () => {
	it('has all seven expected files', () => expect(expectedFiles).toHaveLength(7));

	for (const f of expectedFiles) {
		it(`matches ${f} (from the data's correlation matrix)`, async () => {
			const fx = corrFixture('linear_10');
			const r = await runPcOnCorrelation(
				fx.names,
				fx.corr.map((row) => Float64Array.from(row)),
				fx.n,
				optionsOf(f)
			);
			expect(r.matrix).toEqual(readMatrix(fixtures + f));
		});
	}

	it('matches the TestPC truth on the 5-variable simulated data', async () => {
		const fx = corrFixture('simulated_5');
		const r = await runPcOnCorrelation(
			fx.names,
			fx.corr.map((row) => Float64Array.from(row)),
			fx.n
		);
		expect(r.matrix).toEqual([
			[0, -1, 0, -1, 0],
			[-1, 0, -1, -1, 0],
			[0, -1, 0, -1, -1],
			[1, 1, 1, 0, -1],
			[0, 0, 1, 1, 0]
		]);
	});

	it.runIf(existsSync(`${shared}data_linear_10.txt`))(
		'matches every file from the raw shared data',
		async () => {
			const table = parseTable(readFileSync(`${shared}data_linear_10.txt`, 'utf8'));
			for (const f of expectedFiles) {
				const r = await runPc(table, optionsOf(f));
				expect(r.matrix, f).toEqual(readMatrix(`${shared}benchmark_returned_results/${f}`));
			}
		}
	);

	it('keeps a ledger: removed pairs carry p > alpha, kept edges only p <= alpha', async () => {
		const fx = corrFixture('linear_10');
		const r = await runPcOnCorrelation(
			fx.names,
			fx.corr.map((row) => Float64Array.from(row)),
			fx.n
		);
		expect(r.edges).toHaveLength(27);
		expect(r.removed).toHaveLength(190 - 27);
		for (const m of r.removed) expect(m.p).toBeGreaterThan(0.05);
		for (const e of r.edges) expect(e.maxP).toBeLessThanOrEqual(0.05);
	});
});

describe('background knowledge is respected strictly', () => {
	const fx = corrFixture('linear_10');
	const corr = fx.corr.map((row) => Float64Array.from(row));

	it('required edges are kept and oriented; forbidden directions never appear', async () => {
		const r = await runPcOnCorrelation(fx.names, corr, fx.n, {
			knowledge: { required: [['X17', 'X1']], forbidden: [['X1', 'X4']] }
		});
		const idx = (n: string) => fx.names.indexOf(n);
		expect(r.matrix[idx('X17')][idx('X1')]).toBe(-1);
		expect(r.matrix[idx('X1')][idx('X17')]).toBe(1);
		expect(r.matrix[idx('X4')][idx('X1')]).toBe(-1);
		expect(r.matrix[idx('X1')][idx('X4')]).toBe(1);
	});

	it('tiers: no edge points from a later tier to an earlier one', async () => {
		const late = fx.names.slice(0, 10);
		const early = fx.names.slice(10);
		const r = await runPcOnCorrelation(fx.names, corr, fx.n, {
			knowledge: { tiers: [early, late] }
		});
		for (const e of r.edges.filter((x) => x.kind === '-->')) {
			expect(late.includes(fx.names[e.from]) && early.includes(fx.names[e.to])).toBe(false);
		}
	});

	it('refuses a cycle of required edges', async () => {
		await expect(
			runPcOnCorrelation(fx.names, corr, fx.n, {
				knowledge: {
					required: [
						['X1', 'X2'],
						['X2', 'X3'],
						['X3', 'X1']
					]
				}
			})
		).rejects.toThrow(/cycle: X1 -> X2 -> X3 -> X1/);
	});
});

describe('bad input', () => {
	const tbl = (cols: number[][]) => ({
		names: cols.map((_, i) => `v${i}`),
		columns: cols.map((c) => Float64Array.from(c)),
		rows: cols[0].length
	});
	const base = Array.from({ length: 50 }, (_, i) => Math.sin(i) + i / 10);
	const other = Array.from({ length: 50 }, (_, i) => Math.cos(i * 1.3));

	it('constant column', async () => {
		await expect(runPc(tbl([base, base.map(() => 3)]))).rejects.toThrow(/"v1" is constant/);
	});
	it('NaN', async () => {
		await expect(runPc(tbl([base, other.map((v, i) => (i === 7 ? NaN : v))]))).rejects.toThrow(
			/"v1".*row 8/
		);
	});
	it('fewer rows than variables', async () => {
		await expect(
			runPc(
				tbl([
					[1, 2, 3],
					[3, 1, 2],
					[2, 2, 1]
				])
			)
		).rejects.toThrow(/rows for 3 variables/);
	});
	it('collinear columns', async () => {
		const c = base.map((v, i) => v + 2 * other[i]);
		await expect(runPc(tbl([base, other, c]))).rejects.toThrow(/singular|collinear/);
	});
	it('headerless and header-row files both load', () => {
		expect(parseTable('1 2\n3 5\n').names).toEqual(['X1', 'X2']);
		expect(parseTable('a\tb\n1\t2\n').names).toEqual(['a', 'b']);
		expect(parseTable('a,b\n1,2\n').columns[1][0]).toBe(2);
	});
});
