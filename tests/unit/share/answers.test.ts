/** Model answers travel with a recorded run: attached on export, stored back on import, in Markdown. */
import { describe, expect, it } from 'vitest';
import { answerKey, recordedAnswers, withAnswers } from '$lib/llm/answers';
import type { Notebook } from '$lib/notebook/model';
import type { RunState } from '$lib/notebook/runstate';
import { notebookMarkdown } from '$lib/share/markdown';
import type { DiagnosisOutput, StoredAnswer } from '$workers/shared/outputs-llm';
import { GOOD_ANSWER } from '../../support/fake-openai';

function diagnosis(hash: string): DiagnosisOutput {
	return {
		type: 'diagnosis',
		incidentId: 'inc',
		send: 'ask',
		prompt: {
			system: 's',
			user: 'u',
			sections: [],
			dropped: [],
			tokens: 2,
			redactions: {},
			hash
		},
		offline: {
			explanation: 'Offline: the db slowed first.',
			rootCause: 'db',
			confidence: 0.5,
			commands: [],
			warnings: []
		},
		evidence: []
	};
}

function runState(): RunState {
	const cell = (output: RunState['cells'][string]['output']) => ({
		key: 'k',
		output,
		elapsedMs: 1,
		recordedAt: '2026-01-01T00:00:00.000Z'
	});
	return {
		format: 'aitia.runstate',
		version: 1,
		notebookId: 'nb',
		incident: {} as RunState['incident'],
		appVersion: 'test',
		createdAt: '2026-01-01T00:00:00.000Z',
		models: {},
		cells: {
			asked: cell(diagnosis('h1')),
			unasked: cell(diagnosis('h2')),
			md: cell({ type: 'html', html: 'x' })
		}
	};
}

describe('model answers in recorded runs', () => {
	const store = new Map<string, StoredAnswer>([
		[answerKey('h1'), { text: GOOD_ANSWER, model: 'llama-test' }]
	]);
	const lookup = async (hash: string) => store.get(answerKey(hash));

	it('attaches stored answers to diagnosis outputs and names the model', async () => {
		const rs = await withAnswers(runState(), lookup);
		expect((rs.cells.asked.output as DiagnosisOutput).answer).toEqual({
			text: GOOD_ANSWER,
			model: 'llama-test'
		});
		expect((rs.cells.unasked.output as DiagnosisOutput).answer).toBeUndefined();
		expect(rs.models.llm).toBe('llama-test');
		expect(recordedAnswers(rs)).toEqual([['h1', { text: GOOD_ANSWER, model: 'llama-test' }]]);
		// Nothing answered: nothing to store back, no model named.
		const bare = await withAnswers(runState(), async () => undefined);
		expect(recordedAnswers(bare)).toEqual([]);
		expect(bare.models.llm).toBeUndefined();
	});

	it('ignores a malformed stored value rather than attaching it', async () => {
		const rs = await withAnswers(runState(), async () => ({ text: 3 }) as unknown as StoredAnswer);
		expect(recordedAnswers(rs)).toEqual([]);
	});

	it('puts the answer in Markdown when attached, else the offline explanation', async () => {
		const rs = await withAnswers(runState(), lookup);
		const doc = {
			title: 'T',
			notes: [],
			cells: [
				{ id: 'asked', kind: 'diagnosis', name: 'why' },
				{ id: 'unasked', kind: 'diagnosis', name: 'offline' }
			]
		} as unknown as Notebook;
		const md = notebookMarkdown(
			doc,
			{ asked: rs.cells.asked.output, unasked: rs.cells.unasked.output },
			{}
		);
		expect(md).toContain('_Answer from llama-test_');
		expect(md).toMatch(/1\. A coolant leak/);
		expect(md).toContain('**Root cause:** host-b4.cpu_temp_c · confidence 86 %');
		expect(md).toMatch(/- `kubectl .*` \(read-only\)/);
		expect(md).toContain('_Offline explanation (no language model)_');
		expect(md).toContain('Offline: the db slowed first.');
		expect(md).not.toContain('Replay:');
		// Outputs computed at a replay cursor say so at the top.
		const cut = notebookMarkdown(doc, {}, {}, Date.UTC(2026, 2, 14, 4, 16));
		expect(cut.split('\n').slice(0, 3)).toEqual([
			'# T',
			'',
			'> Replay: as of 2026-03-14 04:16Z. Every output below shows only the data up to that moment.'
		]);
	});
});
