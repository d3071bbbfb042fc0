// The synthetic NAB-style corpus of the NAB eval (tests/eval/nab/synthetic.ts) labels the way NAB
// does, so its scores mean what NAB's mean: a window of int(0.10 · rows / anomalies) rows centred
// on each anomaly, none in the probationary 15 %; and one seed gives one corpus.
import { describe, expect, it } from 'vitest';
import { nabProbation } from '../../../workers/metrics/nab-score';
import { dropRows, syntheticNab } from '../../eval/nab/synthetic';

describe('syntheticNab', () => {
	const files = syntheticNab(15, 2);

	it('is repeatable for a seed and differs between seeds', () => {
		const again = syntheticNab(15, 2);
		expect(again.map((f) => Array.from(f.v))).toEqual(files.map((f) => Array.from(f.v)));
		expect(Array.from(syntheticNab(16, 2)[0].v)).not.toEqual(Array.from(files[0].v));
	});

	it('places windows as NAB does: width from the count, after the probation, apart', () => {
		for (const f of files) {
			const k = f.windows.length;
			if (k === 0) continue;
			const width = 2 * Math.floor((0.1 * f.t.length) / k / 2) + 1;
			f.windows.forEach((w, j) => {
				expect(w.end - w.start + 1).toBe(width);
				expect(w.start).toBeGreaterThanOrEqual(nabProbation(f.t.length));
				if (j > 0) expect(w.start).toBeGreaterThan(f.windows[j - 1].end);
			});
		}
	});

	it('has series without anomalies (false alarms only) and counts that are whole numbers', () => {
		expect(files.some((f) => f.windows.length === 0)).toBe(true);
		const tweets = files.filter((f) => f.name.includes('tweets'));
		expect(tweets.length).toBe(2);
		for (const f of tweets) expect(f.v.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
	});

	it('has intermittent series: at their floor (0) most of the time', () => {
		const inter = files.filter((f) => f.name.includes('intermittent'));
		expect(inter.length).toBe(2);
		for (const f of inter)
			expect(f.v.filter((x) => x === 0).length).toBeGreaterThan(0.5 * f.v.length);
	});
});

describe('dropRows (gaps in the data)', () => {
	const files = syntheticNab(15, 2);
	const gapped = dropRows(files, 10, 15);

	it('removes rows, keeps every label in the data, and labels again on the shorter file', () => {
		let dropped = 0;
		gapped.forEach((g, k) => {
			const f = files[k];
			dropped += f.t.length - g.t.length;
			expect(g.windows.length).toBe(f.windows.length);
			g.windows.forEach((w, j) => {
				const was = f.windows[j];
				// The label (a window's centre) is the same sample, now at a lower row.
				expect(g.t[(w.start + w.end) / 2]).toBe(f.t[(was.start + was.end) / 2]);
				const width = 2 * Math.floor((0.1 * g.t.length) / g.windows.length / 2) + 1;
				expect(w.end - w.start + 1).toBe(width);
			});
		});
		expect(dropped).toBeGreaterThan(0);
	});

	it('leaves real gaps: some step is hours long', () => {
		const f = gapped.find((g) => g.t.length < files[0].t.length)!;
		const steps = f.t.slice(1).map((x, i) => x - f.t[i]);
		expect(Math.max(...steps)).toBeGreaterThanOrEqual(30 * 60_000);
	});
});
