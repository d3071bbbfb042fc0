import { describe, expect, it } from 'vitest';
import { parseAnswer, parseConfidence } from '$lib/llm/parse';
import { labelCommand } from '$lib/llm/risk';
import { BROKEN_ANSWER, GOOD_ANSWER } from '../../support/fake-openai';

describe('parseAnswer', () => {
	it('reads a well-formed answer and strips the block from the explanation', () => {
		const d = parseAnswer(GOOD_ANSWER);
		expect(d.rootCause).toBe('host-b4.cpu_temp_c');
		expect(d.confidence).toBe(0.86);
		expect(d.commands.map((c) => c.risk)).toEqual([
			'read-only',
			'read-only',
			'mutating',
			'destructive'
		]);
		expect(d.explanation).toMatch(/^1\. A coolant leak/);
		expect(d.explanation).not.toContain('root_cause');
		expect(d.warnings).toEqual([]);
	});

	it('recovers from a broken format: unfenced block, trailing commas, prose confidence', () => {
		const d = parseAnswer(BROKEN_ANSWER);
		expect(d.rootCause).toBe('host-b4.cpu_temp_c');
		expect(d.confidence).toBe(0.8);
		expect(d.commands.map((c) => c.command)).toEqual(['kubectl get pods -o wide']);
		expect(d.warnings).toContain('the structured block was not fenced');
		expect(d.warnings).toContain('confidence missing or unreadable');
	});

	it('falls back to "Root cause:" lines and bash blocks when there is no JSON at all', () => {
		const d = parseAnswer(
			'**Root cause:** coolant leak\nConfidence: 70%\n```bash\n$ kubectl get nodes\n# comment\nsystemctl restart postgresql\n```'
		);
		expect(d.rootCause).toBe('coolant leak');
		expect(d.confidence).toBe(0.7);
		expect(d.commands.map((c) => [c.command, c.risk])).toEqual([
			['kubectl get nodes', 'read-only'],
			['systemctl restart postgresql', 'mutating']
		]);
		expect(d.warnings).toContain('no structured block in the answer');
	});

	it('never throws on garbage', () => {
		const d = parseAnswer('{{{ not json } root');
		expect(d).toMatchObject({ rootCause: '', confidence: 0, commands: [] });
		expect(d.warnings.length).toBeGreaterThan(0);
	});

	it('reads confidence in its usual spellings', () => {
		expect([0.8, '80%', '0.8', 80, 'High', 'very low', 'unsure'].map(parseConfidence)).toEqual([
			0.8,
			0.8,
			0.8,
			0.8,
			0.8,
			0.1,
			undefined
		]);
	});
});

describe('labelCommand', () => {
	it.each([
		['kubectl get pods -n shop', 'read-only'],
		['kubectl logs deploy/api --since=1h', 'read-only'],
		['kubectl top pod', 'read-only'],
		['kubectl describe node host-b4', 'read-only'],
		['kubectl scale deploy/api --replicas=10', 'mutating'],
		['sudo systemctl restart postgresql', 'mutating'],
		['kubectl rollout undo deploy/api', 'mutating'],
		['kubectl delete pod db-0', 'destructive'],
		['psql -c "DROP TABLE orders"', 'destructive'],
		['kill -9 4242', 'destructive'],
		['rm -rf /var/lib/postgresql/data', 'destructive'],
		['kubectl get pods | xargs kubectl delete pod', 'destructive'],
		['kubectl get pods > pods.txt', 'mutating'],
		['frobnicate --now', 'unknown']
	])('%s → %s', (cmd, risk) => {
		const l = labelCommand(cmd);
		expect(l.risk).toBe(risk);
		expect(l.reason.length).toBeGreaterThan(5);
	});
});
