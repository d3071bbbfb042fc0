/**
 * Replay without hindsight: the demo notebook run in Node at a cursor inside the incident, on the
 * demo bundle plus markers written after the cursor (a log line, an event, a metric spike, an
 * analyst's note, which is hindsight wherever it points). No
 * marker may reach any cell's output or the diagnosis prompt; without a cursor they do (so the test
 * can fail). Log templates are mined, and log search indexes, the lines known then only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryCache, NotebookEngine } from '$lib/notebook/engine';
import { KINDS } from '$lib/notebook/kinds';
import { parseNotebook } from '$lib/notebook/serialize';
import { nodeCompute } from '../../../src/cli/node-compute';
import { generateDemo } from '../../../workers/demo/generate';
import { TIMELINE } from '../../../workers/demo/story';
import { parseBundle } from '../../../workers/bundle/parse';

const MARK = 'MARKER-9f3b-after-cursor';
const SPIKE = 987654.321;
const CURSOR = TIMELINE.onset + 10 * 60_000;

async function demoWithMarkers() {
	const enc = new TextEncoder();
	const demo = generateDemo();
	const end = TIMELINE.mitigation + 30 * 60_000;
	const after = new Date(TIMELINE.mitigation).toISOString();
	const before = new Date(TIMELINE.baselineStart + 60_000).toISOString();
	const files = [
		...demo.files,
		{
			path: 'logs/marker.jsonl',
			bytes: enc.encode(
				JSON.stringify({ ts: before, level: 'info', service: 'edge', message: 'quiet start' }) +
					'\n' +
					JSON.stringify({ ts: after, level: 'error', service: 'api', message: `${MARK} boom` }) +
					'\n'
			)
		},
		{
			path: 'metrics/marker.csv',
			bytes: enc.encode(
				`timestamp,edge.spike\n${before},1\n${new Date(CURSOR - 60_000).toISOString()},1\n${after},${SPIKE}\n`
			)
		}
	].map((f) =>
		f.path === 'events.jsonl'
			? {
					...f,
					bytes: enc.encode(
						new TextDecoder().decode(f.bytes) +
							JSON.stringify({ ts: after, kind: 'note', title: `${MARK} event` }) +
							'\n'
					)
				}
			: f
	);
	void end;
	const parsed = await parseBundle(files);
	if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
	return parsed.bundle;
}

/** Everything a cell produced, as text (typed arrays spelled out). */
const dump = (x: unknown): string =>
	JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)) ?? '';

async function runDemo(asOf: number | undefined) {
	const bundle = await demoWithMarkers();
	const compute = nodeCompute({
		bundle,
		contentHash: 'test',
		bytes: 0,
		source: 'demo',
		warnings: []
	});
	const engine = new NotebookEngine({ compute, cache: memoryCache(), kinds: KINDS });
	const { notebook } = parseNotebook(JSON.parse(readFileSync('notebooks/demo.nb.json', 'utf8')));
	const note = {
		id: 'hindsight',
		on: { type: 'time' as const, t: CURSOR - 5 * 60_000 },
		text: `${MARK} note: the deploy was a red herring`,
		tags: ['red herring'],
		author: 'analyst',
		createdAt: '2026-03-20T00:00:00.000Z',
		updatedAt: '2026-03-20T00:00:00.000Z'
	};
	const nb = { ...notebook, incidentId: bundle.manifest.id, notes: [note] };
	engine.setNotebook(nb);
	engine.setCursor(asOf);
	await engine.runAll();
	const cells = Object.fromEntries(
		nb.cells.map((c) => [c.name, { state: engine.state(c.id), output: engine.output(c.id) }])
	);
	return cells;
}

describe('replay at a cursor', () => {
	it(
		'lets nothing after the cursor reach any cell or the prompt',
		{ timeout: 120_000 },
		async () => {
			const cells = await runDemo(CURSOR);
			for (const [name, c] of Object.entries(cells)) {
				expect(dump(c.output), name).not.toContain(MARK);
				expect(dump(c.output), name).not.toContain(String(SPIKE));
			}
			// The cells that read data ran, cut at the cursor.
			expect(cells.all_series.state.status).toBe('done');
			const data = cells.all_series.output;
			if (data?.type !== 'data') throw new Error('no data');
			expect(data.range.end).toBe(CURSOR);
			expect(Math.max(...data.series.map((s) => s.t.at(-1) ?? -Infinity))).toBeLessThanOrEqual(
				CURSOR
			);
			expect(cells.ranking.state.status).toBe('done');
			const diag = cells.diagnosis.output;
			expect(diag?.type).toBe('diagnosis');
			expect(dump(diag)).toContain('Replay: this is what was known at');
			// Templates are mined from the lines known at the cursor only.
			expect(cells.log_templates.state.status).toBe('done');
			const templates = cells.log_templates.output;
			if (templates?.type !== 'templates') throw new Error('no templates');
			expect(templates.incident?.end).toBe(CURSOR);
			expect(templates.embedder.reason).toMatch(/^replay: lines up to/);
			// Log search indexes the lines known at the cursor afresh (the marker line is after it).
			expect(cells.log_search.state.status).toBe('done');
			const search = cells.log_search.output;
			if (search?.type !== 'log-search') throw new Error('no search');
			expect(search.embedder.reason).toMatch(/^replay: the \d+ lines up to /);
			for (const hit of search.hits)
				for (const l of hit.lines) expect(l.t).toBeLessThanOrEqual(CURSOR);
		}
	);

	it(
		'shows the markers without a cursor (the check above can fail)',
		{ timeout: 120_000 },
		async () => {
			const cells = await runDemo(undefined);
			const all = Object.values(cells)
				.map((c) => dump(c.output))
				.join('\n');
			expect(all).toContain(MARK);
			expect(all).toContain(String(SPIKE));
			// The analyst's note reaches the prompt in its own section when there is no cursor.
			const diag = cells.diagnosis.output;
			if (diag?.type !== 'diagnosis') throw new Error('no diagnosis');
			expect(diag.prompt.sections.map((x) => x.id)).toContain('notes');
			expect(diag.prompt.user).toContain(`[red herring] by analyst: ${MARK} note`);
		}
	);
});
