import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { normal, seededRng } from '../../../workers/causal/rng';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
	const out: string[] = [];
	const err: string[] = [];
	const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
	return { code, out, err };
}

const fixture = (p: string) => new URL(`../../fixtures/causal/${p}`, import.meta.url).pathname;

function chain(header: boolean): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'aitia-pc-'));
	const rng = seededRng(11);
	const rnd = () => normal(rng);
	const lines = header ? ['a\tb\tc'] : [];
	for (let i = 0; i < 500; i++) {
		const a = rnd();
		const b = a + 0.5 * rnd();
		const c = b + 0.5 * rnd();
		lines.push([a, b, c].map((v) => v.toFixed(5)).join(header ? '\t' : ' '));
	}
	const file = path.join(dir, header ? 'h.txt' : 'n.txt');
	writeFileSync(file, lines.join('\n') + '\n');
	return file;
}

describe('aitia pc / ate / rank', () => {
	it('pc prints the matrix for header-row and headerless files alike', async () => {
		const a = await run(['pc', chain(true)]);
		const b = await run(['pc', chain(false)]);
		expect(a.code).toBe(0);
		expect(a.out).toEqual(['0 -1 0', '-1 0 -1', '0 -1 0']);
		expect(b.out).toEqual(a.out);
		const j = await run(['pc', chain(true), '--format', 'json']);
		expect(JSON.parse(j.out[0]).names).toEqual(['a', 'b', 'c']);
	});

	it('ate prints the effect with refuters', async () => {
		const r = await run([
			'ate',
			fixture('lalonde/lalonde.csv'),
			'--treatment',
			'treat',
			'--outcome',
			're78',
			'--covariates',
			'nodegr,black,hisp,age,educ,married',
			'--refute'
		]);
		const out = JSON.parse(r.out[0]);
		expect(out.estimate).toBeCloseTo(1671.1309, 3);
		expect(out.refuters).toHaveLength(3);
	});

	it('rank ranks host-b4 first on the demo bundle, with its evidence chain', async () => {
		const zip = new URL('../../../static/demo/coolant-leak.zip', import.meta.url).pathname;
		const r = await run(['rank', zip, '--symptom', 'edge.latency_ms']);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.out[0]);
		expect(out.symptom).toMatchObject({ key: 'edge.latency_ms', auto: false });
		expect(out.candidates[0]).toMatchObject({ rank: 1, service: 'host-b4' });
		expect(out.candidates[0].evidence[0].metric).toBe('cpu_temp_c');
		expect(out.candidates[0].chain).toBe('edge.latency_ms (edge) ← api ← db ← host-b4');
		// The score is the sort order.
		const scores = out.candidates.map((c: { score: number }) => c.score);
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);
		expect(out.candidates[1].whyNotFirst).toMatch(/not #1/);
	});

	it('rank refuses an unknown symptom with the closest names, and bad numbers', async () => {
		const zip = new URL('../../../static/demo/coolant-leak.zip', import.meta.url).pathname;
		const r = await run(['rank', zip, '--symptom', 'edge.latncy_ms']);
		expect(r.code).toBe(2);
		expect(r.err.join('\n')).toMatch(
			/unknown symptom series "edge.latncy_ms"; did you mean edge.latency_ms/
		);
		const t = await run(['rank', zip, '--threshold', 'abc']);
		expect(t.code).toBe(2);
		expect(t.err.join('\n')).toMatch(/--threshold must be a number/);
		const w = await run(['rank', zip, '--baseline', '2026-03-14T03:00Z..2026-03-14T01:00Z']);
		expect(w.code).toBe(2);
	});

	it('usage errors exit 2', async () => {
		expect((await run(['ate', fixture('lalonde/lalonde.csv')])).code).toBe(2);
		expect((await run(['pc'])).code).toBe(2);
	});
});
