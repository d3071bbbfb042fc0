/**
 * The logs worker's API on fake-indexeddb with the stored demo incident: templates with burst
 * factors, persistence per incident and embedder (reuse, invalidation, no mixing), cancellation
 * that stores nothing, search, and similar incidents with reasons.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundle } from '../../../workers/bundle/parse';
import type { Bundle } from '../../../workers/bundle/types';
import { generateDemo } from '../../../workers/demo/generate';
import type { Embedder } from '../../../workers/embed/api';
import { LexicalEmbedder } from '../../../workers/embed/lexical';
import type { LogsApi } from '../../../workers/logs/api';
import { createLogsApi } from '../../../workers/logs/service';
import { isCancelled } from '../../../workers/shared/cancel';
import type { AitiaDb } from '../../../workers/storage/db';
import { deleteIncident, putBundle } from '../../../workers/storage/incidents';
import { getLogIndex, storedEmbedders } from '../../../workers/storage/log-indexes';
import { freshDb } from '../storage/fresh-db';
import { makeBundle } from '../storage/make-bundle';

const DEMO = 'coolant-leak-b4';
const origin = (hash: string) => ({ contentHash: hash, bytes: 0, source: 't', warnings: [] });

/** Counts calls so tests can tell a rebuild from a reuse. */
class CountingEmbedder implements Embedder {
	calls = 0;
	constructor(
		private readonly inner: Embedder,
		readonly name = inner.name
	) {}
	get dim() {
		return this.inner.dim;
	}
	embed(texts: string[]) {
		this.calls++;
		return this.inner.embed(texts);
	}
}

function apiWith(db: AitiaDb, embedder: Embedder): LogsApi {
	return createLogsApi({
		db: async () => db,
		embedder: async () => ({ embedder, reason: 'test' })
	});
}

const req = { incidentId: DEMO, embedder: 'lexical' as const, sort: 'burst' as const, limit: 10 };
let demo: Bundle;

beforeAll(async () => {
	const parsed = await parseBundle(generateDemo().files);
	if (!parsed.ok) throw new Error('demo bundle does not parse');
	demo = parsed.bundle;
});

describe('templates', () => {
	it('finds the bursting DB failure templates and names the embedder', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		const out = await apiWith(db, new LexicalEmbedder()).templates(req);
		expect(out.embedder.name).toBe('lexical-hash-v1');
		expect(out.lines).toBe(demo.logs.length);
		expect(out.reused).toBe(false);
		const db1 = out.rows.find((r) => r.template.startsWith('DB connection failed: socket timeout'));
		expect(db1).toBeDefined();
		expect(db1!.baselineCount).toBe(0);
		expect(db1!.burst).toBeGreaterThan(100);
		expect(db1!.samples.length).toBeGreaterThan(0);
		// Sorted by burst: no row is followed by a stronger one.
		for (let i = 1; i < out.rows.length; i++)
			expect(out.rows[i - 1].burst).toBeGreaterThanOrEqual(out.rows[i].burst);
		const healthy = await apiWith(db, new LexicalEmbedder()).templates({
			...req,
			sort: 'count',
			limit: 1000
		});
		expect(healthy.rows.some((r) => r.burst < 2 && r.baselineCount > 0)).toBe(true);
	});

	it('reuses the stored index, keeps embedders apart, rebuilds on new content', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		const lex = new CountingEmbedder(new LexicalEmbedder());
		await apiWith(db, lex).templates(req);
		const built = lex.calls;
		expect(built).toBeGreaterThan(0);
		// A fresh worker (new API, empty memory) reads the index back instead of embedding again.
		const again = await apiWith(db, lex).templates(req);
		expect(again.reused).toBe(true);
		expect(lex.calls).toBe(built);
		const other = new CountingEmbedder(new LexicalEmbedder(), 'other-embedder/v0');
		expect((await apiWith(db, other).templates(req)).reused).toBe(false);
		expect((await storedEmbedders(db, DEMO)).sort()).toEqual([
			'lexical-hash-v1',
			'other-embedder/v0'
		]);
		// A replace drops every embedder's index in the import's own transaction.
		await putBundle(db, demo, origin('h2'), { replace: true });
		expect(await storedEmbedders(db, DEMO)).toEqual([]);
		expect((await apiWith(db, lex).templates(req)).reused).toBe(false);
		expect((await getLogIndex(db, DEMO, 'lexical-hash-v1'))?.contentHash).toBe('h2');
		await deleteIncident(db, DEMO);
		expect(await storedEmbedders(db, DEMO)).toEqual([]);
	});

	it('a cancelled build stores nothing and leaves other indexes intact', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		await apiWith(db, new LexicalEmbedder()).templates(req);
		const other = new CountingEmbedder(new LexicalEmbedder(), 'other-embedder/v0');
		const api = apiWith(db, other);
		const err = await api
			.templates(req, 'job-1', (f) => {
				if (f > 0.1) void api.cancel('job-1');
			})
			.catch((e: unknown) => e);
		expect(isCancelled(err)).toBe(true);
		expect(await storedEmbedders(db, DEMO)).toEqual(['lexical-hash-v1']);
	});

	it('says so when the incident is not stored; an empty log gives no rows', async () => {
		const db = await freshDb();
		await expect(apiWith(db, new LexicalEmbedder()).templates(req)).rejects.toThrow(/not stored/);
		await putBundle(db, makeBundle({ id: 'quiet', logLines: 0 }), origin('q'));
		const out = await apiWith(db, new LexicalEmbedder()).templates({ ...req, incidentId: 'quiet' });
		expect(out).toMatchObject({ lines: 0, templateCount: 0, rows: [], vectors: 0 });
	});
});

describe('search and similar incidents', () => {
	it('search finds the socket-timeout template first, with lines and times', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		const out = await apiWith(db, new LexicalEmbedder()).search({
			incidentId: DEMO,
			embedder: 'lexical',
			query: 'socket timeout',
			k: 5,
			linesPer: 2
		});
		expect(out.embedder.name).toBe('lexical-hash-v1');
		expect(out.hits[0].template).toMatch(/socket timeout/);
		expect(out.hits[0].lines[0].t).toBeGreaterThan(demo.manifest.timeRange.start);
		for (let i = 1; i < out.hits.length; i++)
			expect(out.hits[i - 1].score).toBeGreaterThanOrEqual(out.hits[i].score);
	});

	it('searches only the lines known at a replay cursor', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		const api = apiWith(db, new LexicalEmbedder());
		const ask = (asOf?: number) =>
			api.search({
				incidentId: DEMO,
				embedder: 'lexical',
				query: 'socket timeout',
				k: 5,
				linesPer: 3,
				...(asOf === undefined ? {} : { asOf })
			});
		// The first socket timeout line of the whole log: a cursor just before it has seen none.
		let first = Infinity;
		for (let i = 0; i < demo.logs.length; i++)
			if (/socket timeout/.test(demo.logs.message[i])) first = Math.min(first, demo.logs.t[i]);
		expect(Number.isFinite(first)).toBe(true);
		const before = await ask(first - 1);
		expect(before.embedder.reason).toMatch(/^replay: the \d+ lines up to /);
		for (const h of before.hits) for (const l of h.lines) expect(l.t).toBeLessThan(first);
		expect(before.hits.some((h) => h.lines.some((l) => /socket timeout/.test(l.message)))).toBe(
			false
		);
		const atEnd = await ask(demo.manifest.timeRange.end);
		expect(atEnd.hits[0].template).toMatch(/socket timeout/);
	});

	it('ranks a re-run of the same failure above an unrelated incident, with reasons', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		const twin = { ...demo, manifest: { ...demo.manifest, id: 'coolant-leak-c7', title: 'C7' } };
		await putBundle(db, twin, origin('h2'));
		await putBundle(db, makeBundle({ id: 'unrelated', logLines: 2000 }), origin('h3'));
		const out = await apiWith(db, new LexicalEmbedder()).similar({
			incidentId: DEMO,
			embedder: 'lexical',
			k: 5,
			minBurst: 3
		});
		expect(out.compared).toBe(2);
		expect(out.matches.map((m) => m.incidentId)).toEqual(['coolant-leak-c7', 'unrelated']);
		const [twinMatch, other] = out.matches;
		expect(twinMatch.parts.templates).toBeCloseTo(1, 5);
		expect(twinMatch.sharedSymptoms).toContain('cpu_temp_c ↑');
		expect(twinMatch.sharedTemplates.length).toBeGreaterThan(0);
		expect(twinMatch.reason).toMatch(/bursting log template/);
		expect(other.score).toBeLessThan(twinMatch.score / 2);
		expect(out.signature.burstingTemplates.some((t) => t.includes('DB connection failed'))).toBe(
			true
		);
	});
	it('as of a replay cursor, compares only with incidents that had ended by then', async () => {
		const db = await freshDb();
		await putBundle(db, demo, origin('h1'));
		const twin = { ...demo, manifest: { ...demo.manifest, id: 'coolant-leak-c7', title: 'C7' } };
		await putBundle(db, twin, origin('h2'));
		const { start, end } = demo.manifest.timeRange;
		const past = makeBundle({ id: 'last-week', logLines: 500, start: start - 7 * 86_400_000 });
		await putBundle(db, past, origin('h3'));
		const api = apiWith(db, new LexicalEmbedder());
		const ask = (asOf: number) =>
			api.similar({ incidentId: DEMO, embedder: 'lexical', k: 5, minBurst: 3, asOf });
		// Mid-incident the twin (same hours) had not ended: only last week's incident is eligible.
		const mid = await ask(demo.manifest.onset! + 40 * 60_000);
		expect(mid.compared).toBe(1);
		expect(mid.matches.map((m) => m.incidentId)).toEqual(['last-week']);
		// At the end of the incident the twin is there, and it is the closest.
		const atEnd = await ask(end);
		expect(atEnd.compared).toBe(2);
		expect(atEnd.matches[0].incidentId).toBe('coolant-leak-c7');
		expect(atEnd.matches[0].reason).toMatch(/bursting log template/);
		// Before the incident window there is nothing to compare.
		await expect(ask(demo.manifest.onset! - 60_000)).rejects.toThrow(/Nothing to compare yet/);
	});
});
