/** Out-of-range values (issue #14, defect 9): precise errors with file, line and field. */
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import { file, manifest } from './helpers';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

async function errors(files: Parameters<typeof parseBundle>[0]): Promise<string[]> {
	const r = await parseBundle(files);
	expect(r.ok).toBe(false);
	return r.ok ? [] : r.errors.map((e) => e.message);
}

describe('out-of-range values', () => {
	it('a manifest timestamp of 1e20', async () => {
		const [msg] = await errors([manifest({ onset: 1e20 })]);
		expect(msg).toMatch(/^manifest\.json line \d+, field "onset": expected a timestamp/);
	});

	it('a JSONL log timestamp of 1e20', async () => {
		const log = JSON.stringify({ ts: 1e20, service: 'edge', message: 'x' });
		const [msg] = await errors([manifest(), file('logs/edge.jsonl', `${log}\n`)]);
		expect(msg).toMatch(/^logs\/edge\.jsonl line 1, field "ts": expected a timestamp/);
	});

	it('a CSV epoch of 1e20 is refused, not accepted', async () => {
		const csv = 'timestamp,edge.latency_ms\n1717236000,1\n100000000000000000000,2\n';
		const [msg] = await errors([manifest(), file('metrics/edge.csv', csv)]);
		expect(msg).toMatch(/^metrics\/edge\.csv line 3, column "timestamp": expected a timestamp/);
	});

	it.each(['manifest.json', 'topology.json', 'incident.json'])(
		'JSON nested 100 000 deep in %s',
		async (name) => {
			const files = name === 'manifest.json' ? [] : name === 'incident.json' ? [] : [manifest()];
			const msgs = await errors([...files, file(name, deep(100_000))]);
			expect(msgs).toEqual([expect.stringMatching(`^${name} line 1: JSON nested more than 1000`)]);
		}
	);

	it('a JSONL line nested 100 000 deep', async () => {
		const line = `{"ts":"2024-06-01T10:00:00Z","service":"edge","message":"x","a":${deep(100_000)}}`;
		const msgs = await errors([manifest(), file('logs/edge.jsonl', `${line}\n`)]);
		expect(msgs).toEqual([
			expect.stringMatching(/^logs\/edge\.jsonl line 1: JSON nested more than/)
		]);
	});
});
