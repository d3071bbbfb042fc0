/**
 * "What did we know when" on the demo (Node, the real workers' code): the replayed ranking names
 * host-b4 well before the pager fired, and the table lists it with the first anomaly and the
 * forecaster's first alert, in time order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryCache, NotebookEngine } from '$lib/notebook/engine';
import { KINDS } from '$lib/notebook/kinds';
import { parseNotebook } from '$lib/notebook/serialize';
import type { TableOutput } from '$lib/notebook/outputs';
import { nodeCompute } from '../../../src/cli/node-compute';
import { generateDemo } from '../../../workers/demo/generate';
import { TIMELINE } from '../../../workers/demo/story';
import { parseBundle } from '../../../workers/bundle/parse';

describe('known-when', () => {
	it(
		'says when the ranking first named the root cause, and lists the other moments',
		{ timeout: 240_000 },
		async () => {
			const parsed = await parseBundle(generateDemo().files);
			if (!parsed.ok) throw new Error('demo');
			const bundle = parsed.bundle;
			const compute = nodeCompute({
				bundle,
				contentHash: 'kw',
				bytes: 0,
				source: 'demo',
				warnings: []
			});
			const engine = new NotebookEngine({ compute, cache: memoryCache(), kinds: KINDS });
			const { notebook } = parseNotebook(
				JSON.parse(readFileSync('notebooks/demo.nb.json', 'utf8'))
			);
			const cell = {
				id: 'kw',
				kind: 'known-when',
				name: 'known_when',
				inputs: {
					data: 'all_series',
					ranking: 'ranking',
					anomalies: 'latency_anomalies',
					forecast: 'latency_forecast'
				},
				params: { stepMinutes: 5 }
			};
			const nb = { ...notebook, incidentId: bundle.manifest.id, cells: [...notebook.cells, cell] };
			engine.setNotebook(nb);
			await engine.run('kw');
			expect(engine.state('kw')).toMatchObject({ status: 'done' });
			const out = engine.output('kw') as TableOutput;
			const moments = out.data.moment as string[];
			const at = out.data.at as string[];
			expect(out.title).toMatch(/root cause: host-b4/);
			expect(moments).toEqual(
				expect.arrayContaining([
					'ranking first named it',
					'first anomaly started',
					'forecaster first alerted',
					'declared onset'
				])
			);
			expect([...at].sort()).toEqual(at); // time order
			const named = Date.parse(at[moments.indexOf('ranking first named it')].replace(' ', 'T'));
			// Named before the pager fired (edge latency above 800 ms at 04:27:30).
			expect(named).toBeLessThan(TIMELINE.onset + 27 * 60_000);
			// The same moments on the strip, in time order, inside its range, each with its source.
			const strip = out.strip!;
			expect(strip.moments.map((m) => m.label)).toEqual(moments);
			expect(strip.moments.map((m) => m.t)).toEqual(at.map((a) => Date.parse(a.replace(' ', 'T'))));
			for (const m of strip.moments) {
				expect(m.t).toBeGreaterThanOrEqual(strip.range.start);
				expect(m.t).toBeLessThanOrEqual(strip.range.end);
			}
			expect(strip.moments.find((m) => m.label === 'declared onset')?.kind).toBe('onset');
			expect(strip.moments.find((m) => m.label === 'ranking first named it')?.kind).toBe('ranking');
		}
	);
});
