/**
 * Model answers outlive the diagnosis view: the view keeps each answer under its prompt hash
 * (browser meta store); recording a run attaches it to the diagnosis output, and importing a
 * recorded run stores it back, so a capsule's reader sees the answer without asking the model.
 */
import type { CellOutput } from '$lib/notebook/outputs';
import type { RunState } from '$lib/notebook/runstate';
import type { StoredAnswer } from '$workers/shared/outputs-llm';

/** Meta-store key of the answer to one prompt. */
export const answerKey = (promptHash: string): string => `llm-answer:${promptHash}`;

export type AnswerLookup = (promptHash: string) => Promise<StoredAnswer | undefined>;

function isAnswer(v: unknown): v is StoredAnswer {
	const a = v as StoredAnswer | undefined;
	return typeof a?.text === 'string' && typeof a.model === 'string';
}

/** The output with its stored model answer attached (other outputs unchanged). */
export async function withAnswer(out: CellOutput, lookup: AnswerLookup): Promise<CellOutput> {
	if (out.type !== 'diagnosis' || out.answer) return out;
	const answer = await lookup(out.prompt.hash).catch(() => undefined);
	return isAnswer(answer) ? { ...out, answer: { text: answer.text, model: answer.model } } : out;
}

/** The run state with answers attached; `models.llm` names the model when one answered. */
export async function withAnswers(rs: RunState, lookup: AnswerLookup): Promise<RunState> {
	const cells: RunState['cells'] = {};
	let llm = rs.models.llm;
	for (const [id, cell] of Object.entries(rs.cells)) {
		const output = await withAnswer(cell.output, lookup);
		if (output.type === 'diagnosis' && output.answer) llm ??= output.answer.model;
		cells[id] = output === cell.output ? cell : { ...cell, output };
	}
	return { ...rs, models: { ...rs.models, ...(llm ? { llm } : {}) }, cells };
}

/** The answers a recorded run carries, by prompt hash (to store back on import). */
export function recordedAnswers(rs: RunState): [string, StoredAnswer][] {
	const out: [string, StoredAnswer][] = [];
	for (const { output } of Object.values(rs.cells))
		if (output.type === 'diagnosis' && isAnswer(output.answer))
			out.push([output.prompt.hash, output.answer]);
	return out;
}
