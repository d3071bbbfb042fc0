/**
 * `aitia run <notebook.nb.json> --bundle <path>`: the headless runner. Same engine and cell kinds
 * as the browser; compute is called in-process (see node-compute.ts).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { memoryCache, NotebookEngine } from '$lib/notebook/engine';
import { KINDS } from '$lib/notebook/kinds';
import type { Notebook } from '$lib/notebook/model';
import { parseNotebook } from '$lib/notebook/serialize';
import { formatIssue, loadBundle } from '../bundle-input';
import { nodeCompute } from '../node-compute';
import { plainArrays, UsageError, type Io } from '../io';
import { defineCommand } from './command';

async function readNotebook(path: string, io: Io): Promise<Notebook> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		throw new UsageError(`cannot read notebook: ${path}`);
	}
	const { notebook, warnings } = parseNotebook(text);
	for (const w of warnings) io.err(`warning: ${path}: ${w}`);
	return notebook;
}

/** One JSON object per cell, in notebook order. */
function cellResult(engine: NotebookEngine, nb: Notebook, id: string): string {
	const cell = nb.cells.find((c) => c.id === id)!;
	const state = engine.state(id);
	const result: Record<string, unknown> = {
		id,
		name: cell.name,
		kind: cell.kind,
		status: state.status,
		elapsedMs: state.elapsedMs
	};
	if (state.status === 'error') result.error = state.error;
	else result.output = engine.output(id);
	return JSON.stringify(result, plainArrays);
}

export const runCommand = defineCommand({
	name: 'run',
	usage: 'run <notebook.nb.json> --bundle <path>',
	summary: 'Run every cell of a notebook against a bundle; print one JSON line per cell.',
	options: { bundle: { type: 'string', short: 'b' } },
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('run takes exactly one notebook path');
		const bundlePath = values.bundle;
		if (bundlePath === undefined) throw new UsageError('--bundle <path> is required');
		const notebook = await readNotebook(positionals[0], io);
		const parsed = await loadBundle(bundlePath);
		if (!parsed.ok) {
			for (const issue of parsed.errors) io.err(formatIssue(issue));
			io.err(`invalid bundle: ${bundlePath}`);
			return 1;
		}
		const { bundle, contentHash, bytes, warnings } = parsed;
		const incidentId = bundle.manifest.id;
		if (notebook.incidentId && notebook.incidentId !== incidentId) {
			io.err(
				`warning: notebook is for incident ${notebook.incidentId}; running it on ${incidentId}`
			);
		}
		const source = basename(bundlePath);
		const compute = nodeCompute({ bundle, contentHash, bytes, source, warnings });
		const engine = new NotebookEngine({ compute, cache: memoryCache(), kinds: KINDS });
		const nb = { ...notebook, incidentId };
		engine.setNotebook(nb);
		await engine.runAll();
		for (const cell of nb.cells) io.out(cellResult(engine, nb, cell.id));
		return nb.cells.some((c) => engine.state(c.id).status === 'error') ? 1 : 0;
	}
});
