/**
 * The fuzz corpus (tests/fixtures/fuzz/generate.ts) through the validate code path: every case
 * must end in a clear error (naming its file, with no "internal error") or a correct import,
 * within a time bound; cases that no correct reader may accept must be refused. Prints
 * `fuzz: N cases, N clear, 0 vague, 0 crash, 0 hang, 0 wrongly accepted`.
 */
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../workers/bundle/parse';
import { fuzzCorpus } from '../fixtures/fuzz/generate';
import { loadFolder } from './bundle/helpers';

const HANG_MS = 20_000;

type Verdict = 'clear' | 'imported' | 'vague' | 'crash' | 'hang' | 'wrongly accepted';

async function verdict(c: ReturnType<typeof fuzzCorpus>[number]): Promise<Verdict> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const hang = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), HANG_MS)));
	try {
		const res = await Promise.race([parseBundle(c.files), hang]);
		if (res === 'hang') return 'hang';
		if (res.ok) return c.mustFail ? 'wrongly accepted' : 'imported';
		const vague = res.errors.some((e) => !e.file || /internal error/i.test(e.message));
		return vague ? 'vague' : 'clear';
	} catch {
		return 'crash';
	} finally {
		clearTimeout(timer);
	}
}

describe('fuzz corpus', () => {
	it('ends every case in a clear error or a correct import', { timeout: 300_000 }, async () => {
		// The good fixture without its folder prefix, as the bundle root.
		const good = loadFolder('good').map((f) => ({ ...f, path: f.path.replace(/^good\//, '') }));
		const cases = fuzzCorpus(good);
		const counts: Record<Verdict, number> = {
			clear: 0,
			imported: 0,
			vague: 0,
			crash: 0,
			hang: 0,
			'wrongly accepted': 0
		};
		const bad: string[] = [];
		for (const c of cases) {
			const v = await verdict(c);
			counts[v]++;
			if (v !== 'clear' && v !== 'imported') bad.push(`${v}: ${c.name}`);
		}
		console.log(
			`fuzz: ${cases.length} cases, ${counts.clear + counts.imported} clear (${counts.clear} refused, ${counts.imported} imported), ${counts.vague} vague, ${counts.crash} crash, ${counts.hang} hang, ${counts['wrongly accepted']} wrongly accepted`
		);
		expect(bad).toEqual([]);
	});
});
