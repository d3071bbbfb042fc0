import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { parseCsvSeries } from '../../../workers/metrics/csv';
import { forecast } from '../../../workers/metrics/forecast';
import { olsFit, predict, tQuantile } from '../../../workers/metrics/ols';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/nab');
const FILES = [
	'ec2_cpu_utilization_5f5533.head400.csv',
	'rds_cpu_utilization_e47b3b.head400.csv',
	'elb_request_count_8c0756.head400.csv'
];

/** Independent OLS: normal equations [1 x] solved by ml-matrix, x = seconds since the first point. */
function reference(t: ArrayLike<number>, y: ArrayLike<number>) {
	const x = Array.from(t, (ti) => (ti - t[0]) / 1000);
	const X = new Matrix(x.map((xi) => [1, xi]));
	const b = solve(X.transpose().mmul(X), X.transpose().mmul(Matrix.columnVector(Array.from(y))));
	return { intercept0: b.get(0, 0), slope: b.get(1, 0) };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('OLS equals an independent least-squares fit on NAB slices', () => {
	for (const f of FILES) {
		it(f, () => {
			const csv = parseCsvSeries(readFileSync(path.join(fixtures, f), 'utf8'));
			const v = csv.columns.value;
			for (const [from, to] of [
				[0, 50],
				[150, 200],
				[0, 400]
			]) {
				const t = csv.t.subarray(from, to);
				const y = v.subarray(from, to);
				const fit = olsFit(t, y);
				const ref = reference(t, y);
				expect(rel(fit.slope, ref.slope)).toBeLessThan(1e-9);
				// Compare intercepts at the same origin (our fit is centred on the mean time).
				expect(rel(predict(fit, t[0]), ref.intercept0)).toBeLessThan(1e-9);
			}
		});
	}

	it('the forecaster reports that slope for its last-50-point window', () => {
		const csv = parseCsvSeries(readFileSync(path.join(fixtures, FILES[0]), 'utf8'));
		const v = csv.columns.value;
		const f = forecast('x', csv.t, v, { slo: 1e9 });
		const ref = reference(csv.t.subarray(350), v.subarray(350));
		expect(rel(f.slopePerSecond, ref.slope)).toBeLessThan(1e-9);
		expect(f.n).toBe(50);
		expect(f.breach).toBeNull();
	});
});

describe('Student t quantiles', () => {
	it('matches tabulated values', () => {
		expect(tQuantile(0.95, 10)).toBeCloseTo(1.812461, 5);
		expect(tQuantile(0.975, 48)).toBeCloseTo(2.010635, 5);
		expect(tQuantile(0.05, 3)).toBeCloseTo(-2.353363, 5);
		expect(tQuantile(0.95, 1)).toBeCloseTo(6.313752, 4);
	});
});
