/**
 * `aitia diagnose <bundle> [--offline]`: prints the (redacted) prompt the diagnosis cell of the
 * default investigation notebook sends for the incident, then the parsed answer from the
 * configured endpoint (GROQ_API_KEY, LLM_BASE_URL, LLM_MODEL), or the offline explanation with
 * --offline or without a key. The notebook is the one the workbench opens for a new incident,
 * run by the same engine as `aitia run`, so the evidence is the browser's: the ranking, the
 * detector's alerts, the forecast, log templates. A bundle the notebook has no diagnosis for (no
 * series) falls back to the data alone.
 */
import { basename } from 'node:path';
import { gatherEvidence } from '$lib/llm/evidence';
import { offlineDiagnosis } from '$lib/llm/offline';
import { parseAnswer } from '$lib/llm/parse';
import { buildPrompt, SYSTEM_PROMPT } from '$lib/llm/prompt';
import { defaultNotebook } from '$lib/notebook/default-notebook';
import { memoryCache, NotebookEngine } from '$lib/notebook/engine';
import { KINDS } from '$lib/notebook/kinds';
import { DEFAULT_BASE_URL, DEFAULT_MODEL, streamChat } from '$lib/server/upstream';
import type { ParseResult } from '$workers/bundle/types';
import type { ParsedDiagnosis, PromptPreview } from '$workers/shared/outputs-llm';
import { formatIssue, loadBundle } from '../bundle-input';
import { nodeCompute } from '../node-compute';
import { UsageError, type Io } from '../io';
import { defineCommand } from './command';

function printDiagnosis(d: ParsedDiagnosis, label: string, io: Io): void {
	io.out(`=== ${label} ===`);
	io.out(d.explanation);
	io.out('');
	io.out(`Root cause: ${d.rootCause || '(none named)'}`);
	io.out(`Confidence: ${d.confidence}`);
	for (const c of d.commands) io.out(`  [${c.risk}] ${c.command}    # ${c.reason}`);
	for (const w of d.warnings) io.err(`warning: ${w}`);
}

/**
 * The default notebook's diagnosis of the bundle: its prompt and offline explanation. Only the
 * diagnosis and the cells upstream of it run; one that fails is named on stderr.
 */
async function diagnosisOf(
	loaded: Extract<ParseResult, { ok: true }>,
	path: string,
	maxTokens: number | undefined,
	io: Io
): Promise<{ prompt: PromptPreview; offline: ParsedDiagnosis }> {
	const { bundle, contentHash, bytes, warnings } = loaded;
	const m = bundle.manifest;
	const compute = nodeCompute({ bundle, contentHash, bytes, source: basename(path), warnings });
	const info = await compute.data.incident(m.id);
	const nb = defaultNotebook(info, new Date().toISOString(), KINDS);
	const cell = nb.cells.find((c) => c.kind === 'diagnosis');
	if (cell) {
		if (maxTokens !== undefined) cell.params = { ...cell.params, maxTokens };
		const engine = new NotebookEngine({ compute, cache: memoryCache(), kinds: KINDS });
		engine.setNotebook(nb);
		// The diagnosis and the cells it reads, not the whole notebook (no PC graph, no effect).
		await engine.run(cell.id);
		for (const c of nb.cells) {
			const st = engine.state(c.id);
			if (st.status === 'error') io.err(`warning: cell ${c.name} (${c.kind}) failed: ${st.error}`);
		}
		const out = engine.output(cell.id);
		if (out?.type === 'diagnosis') return { prompt: out.prompt, offline: out.offline };
		io.err('warning: the notebook gave no diagnosis: explaining from the data alone');
	} else
		io.err(
			'note: the default notebook has no diagnosis without series: explaining from the data alone'
		);
	const data = await compute.data.select(m.id, {
		series: ['*'],
		logs: { limit: 200 },
		events: true,
		range: 'all'
	});
	const ev = gatherEvidence(
		{
			incidentId: m.id,
			title: m.title,
			timezone: m.timezone,
			onset: m.onset,
			baseline: m.baseline
		},
		data
	);
	return { prompt: buildPrompt(ev, { maxTokens }), offline: offlineDiagnosis(ev) };
}

export const diagnoseCommand = defineCommand({
	name: 'diagnose',
	usage: 'diagnose <bundle> [--offline] [--max-tokens N]',
	summary:
		"Print the redacted diagnosis prompt, then the model's parsed answer (or the offline one).",
	options: { offline: { type: 'boolean' }, 'max-tokens': { type: 'number', min: 200 } },
	async run({ positionals, values }, io) {
		if (positionals.length !== 1) throw new UsageError('diagnose takes exactly one bundle path');
		const maxTokens = values['max-tokens'];
		const parsed = await loadBundle(positionals[0]);
		if (!parsed.ok) {
			for (const issue of parsed.errors) io.err(formatIssue(issue));
			return 1;
		}
		const { prompt, offline } = await diagnosisOf(parsed, positionals[0], maxTokens, io);
		io.out('=== system ===');
		io.out(SYSTEM_PROMPT);
		io.out('=== user (redacted) ===');
		io.out(prompt.user);
		io.out(
			`=== ${prompt.tokens} tokens (estimated); sections ${prompt.sections.map((s) => s.id).join(', ')}; dropped ${prompt.dropped.join(', ') || 'none'}; redactions ${JSON.stringify(prompt.redactions)} ===`
		);
		const apiKey = process.env.GROQ_API_KEY?.trim();
		if (values.offline || !apiKey) {
			if (!values.offline) io.err('GROQ_API_KEY is not set: offline explanation only.');
			printDiagnosis(offline, 'offline explanation (no model)', io);
			return 0;
		}
		const cfg = {
			apiKey,
			baseURL: process.env.LLM_BASE_URL?.trim() || DEFAULT_BASE_URL,
			model: process.env.LLM_MODEL?.trim() || DEFAULT_MODEL,
			timeoutMs: Number(process.env.LLM_TIMEOUT_MS) || 30_000
		};
		let text = '';
		try {
			for await (const delta of streamChat(cfg, [
				{ role: 'system', content: SYSTEM_PROMPT },
				{ role: 'user', content: prompt.user }
			]))
				text += delta;
		} catch (err) {
			io.err(`model call failed: ${(err as Error).message}`);
			printDiagnosis(offline, 'offline explanation (model unreachable)', io);
			return 1;
		}
		printDiagnosis(parseAnswer(text), `answer from ${cfg.model}`, io);
		return 0;
	}
});
