import { describe, expect, it } from 'vitest';
import { freshDb } from '../storage/fresh-db';
import {
	exportFeedback,
	importFeedback,
	listFeedback,
	parseJsonl,
	putFeedback
} from '../../../workers/storage/feedback';

const rating = (over: Partial<Parameters<typeof putFeedback>[1]> = {}) => ({
	prompt: 'SYSTEM\nUSER evidence',
	diagnosis: 'host-b4 overheated',
	human_rating: 1 as const,
	incident_id: 'coolant-leak-b4',
	model: 'fake-70b',
	timestamp: '2026-03-20T10:00:00.000Z',
	...over
});

describe('feedback dataset', () => {
	it('exports one JSONL line per rating with the required fields', async () => {
		const db = await freshDb();
		await putFeedback(db, rating());
		await putFeedback(
			db,
			rating({
				diagnosis: 'deploy',
				human_rating: -1,
				corrected_root_cause: 'host-b4.cpu_temp_c',
				comment: 'the deploy is a red herring'
			})
		);
		const lines = (await exportFeedback(db))
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines).toHaveLength(2);
		for (const l of lines) {
			expect(l).toMatchObject({
				prompt: expect.any(String),
				diagnosis: expect.any(String),
				incident_id: 'coolant-leak-b4',
				model: 'fake-70b'
			});
			expect([1, -1]).toContain(l.human_rating);
		}
		expect(lines.find((l) => l.human_rating === -1)).toMatchObject({
			corrected_root_cause: 'host-b4.cpu_temp_c',
			comment: 'the deploy is a red herring'
		});
	});

	it('re-rating the same diagnosis replaces the earlier rating', async () => {
		const db = await freshDb();
		await putFeedback(db, rating());
		await putFeedback(db, rating({ human_rating: -1, timestamp: '2026-03-20T11:00:00.000Z' }));
		const all = await listFeedback(db);
		expect(all).toHaveLength(1);
		expect(all[0].human_rating).toBe(-1);
	});

	it('import merges without duplicates; the newer rating wins; bad lines are reported', async () => {
		const a = await freshDb();
		await putFeedback(a, rating());
		await putFeedback(a, rating({ diagnosis: 'second' }));
		const file = await exportFeedback(a);

		const b = await freshDb();
		await putFeedback(
			b,
			rating({ diagnosis: 'second', human_rating: -1, timestamp: '2026-03-21T00:00:00.000Z' })
		);
		const first = await importFeedback(b, file + '{"prompt": 1}\nnot json\n');
		expect(first).toEqual({
			added: 1,
			updated: 0,
			unchanged: 1,
			errors: ['line 3: "prompt" must be a string', 'line 4: not JSON']
		});
		const again = await importFeedback(b, file);
		expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
		const all = await listFeedback(b);
		expect(all).toHaveLength(2);
		expect(all.find((r) => r.diagnosis === 'second')!.human_rating).toBe(-1);
		expect(await listFeedback(b, 'other-incident')).toEqual([]);
	});

	it('refuses ratings other than 1 and -1', () => {
		const line = JSON.stringify({ ...rating(), human_rating: 0 });
		expect(parseJsonl(line).errors).toEqual(['line 1: "human_rating" must be 1 or -1']);
	});
});

describe('feedback migration (v2)', () => {
	it('upgrades a v1 database in place, keeping its data', async () => {
		const { MIGRATIONS, openAitiaDb } = await import('../../../workers/storage/db');
		const name = `aitia-feedback-upgrade-${process.pid}`;
		const v1 = await openAitiaDb({ name, migrations: MIGRATIONS.slice(0, 1) });
		await v1.put('meta', { key: 'kept', value: 42 });
		v1.close();
		const v2 = await openAitiaDb({ name });
		expect(v2.objectStoreNames.contains('feedback')).toBe(true);
		expect((await v2.get('meta', 'kept'))?.value).toBe(42);
		await putFeedback(v2, rating());
		expect(await listFeedback(v2, 'coolant-leak-b4')).toHaveLength(1);
		v2.close();
	});
});
