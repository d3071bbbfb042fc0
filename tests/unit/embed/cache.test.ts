/**
 * The persistent embedding cache: after a "reload" (a new CachedEmbedder over the same database or
 * file), embedding the same texts calls the model zero times; other models never share vectors;
 * a failing store costs re-embedding, never an error.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileVectorStore } from '../../../src/cli/embed-file-store';
import { cachedChoice } from '../../../src/cli/node-compute';
import type { Embedder } from '../../../workers/embed/api';
import {
	CachedEmbedder,
	cacheModelId,
	memoryVectorStore,
	type VectorStore
} from '../../../workers/embed/cache';
import { LexicalEmbedder } from '../../../workers/embed/lexical';
import { selectEmbedder } from '../../../workers/embed/select';
import { MINILM_REVISION } from '../../../workers/embed/transformers';
import { openAitiaDb } from '../../../workers/storage/db';
import {
	countEmbeddings,
	dropOtherModels,
	idbVectorStore
} from '../../../workers/storage/embeddings';

const TEXTS = ['disk full on /var', 'db lock wait exceeded', 'disk full on /var', 'cpu hot'];

/** The lexical embedder, counting the texts it is asked to embed. */
function counting(): Embedder & { calls: string[] } {
	const lexical = new LexicalEmbedder();
	const calls: string[] = [];
	return {
		name: lexical.name,
		dim: lexical.dim,
		calls,
		embed: (texts) => {
			calls.push(...texts);
			return lexical.embed(texts);
		}
	};
}

describe('CachedEmbedder over IndexedDB (embeddings store, v5)', () => {
	it('a second embed after a reload calls the model zero times', async () => {
		const name = `embed-cache-${process.pid}-${Date.now()}`;
		const model = cacheModelId('lexical-hash-v1', 'r1');
		const first = await openAitiaDb({ name });
		const inner1 = counting();
		const a = await new CachedEmbedder(
			inner1,
			10,
			idbVectorStore(async () => first, model)
		).embed(TEXTS);
		expect(inner1.calls).toEqual(['disk full on /var', 'db lock wait exceeded', 'cpu hot']);
		expect(await countEmbeddings(first, model)).toBe(3);
		first.close();

		// A new worker: empty memory tier, database opened afresh.
		const second = await openAitiaDb({ name });
		const inner2 = counting();
		const cached = new CachedEmbedder(
			inner2,
			10,
			idbVectorStore(async () => second, model)
		);
		const b = await cached.embed(TEXTS);
		expect(inner2.calls).toEqual([]);
		expect(b).toEqual(a);
		expect(cached.stats).toEqual({ hits: 0, stored: 4, misses: 0, storeErrors: 0 });
		// And a third run is answered from memory.
		await cached.embed(TEXTS);
		expect(cached.stats.hits).toBe(4);

		// Another model (or replaced weights) shares nothing.
		const other = counting();
		await new CachedEmbedder(
			other,
			10,
			idbVectorStore(async () => second, cacheModelId('lexical-hash-v1', 'r2'))
		).embed(TEXTS);
		expect(other.calls.length).toBe(3);
		second.close();
	});

	it("dropOtherModels keeps one model's vectors and deletes every other's", async () => {
		const db = await openAitiaDb({ name: `embed-drop-${process.pid}-${Date.now()}` });
		// Ids that sort before, after and as prefixes of the kept one.
		const ids = ['a@1', 'all-minilm-l6-v2/q8@r1', 'all-minilm-l6-v2/q8/t128@r1', 'z@9'];
		for (const id of ids) {
			await new CachedEmbedder(
				counting(),
				10,
				idbVectorStore(async () => db, id)
			).embed(TEXTS);
		}
		expect(await countEmbeddings(db)).toBe(12);
		expect(await dropOtherModels(db, ids[2])).toBe(9);
		expect(await countEmbeddings(db)).toBe(3);
		expect(await countEmbeddings(db, ids[2])).toBe(3);
		expect(await dropOtherModels(db, ids[2])).toBe(0);
		db.close();
	});

	it('embeds anyway when the store fails, and counts the failure', async () => {
		const broken: VectorStore = {
			get: () => Promise.reject(new Error('quota')),
			put: () => Promise.reject(new Error('quota'))
		};
		const inner = counting();
		const cached = new CachedEmbedder(inner, 10, broken);
		expect(await cached.embed(['a b c'])).toEqual(await new LexicalEmbedder().embed(['a b c']));
		expect(cached.stats).toMatchObject({ misses: 1, storeErrors: 2 });
	});

	it('only unseen texts reach the model when a batch is partly stored', async () => {
		const store = memoryVectorStore();
		await new CachedEmbedder(counting(), 10, store).embed(['x1', 'x2']);
		const inner = counting();
		await new CachedEmbedder(inner, 10, store).embed(['x2', 'x3', 'x1', 'x3']);
		expect(inner.calls).toEqual(['x3']);
		expect(store.size()).toBe(3);
	});
});

describe('Node on-disk cache (AITIA_EMBED_CACHE)', () => {
	it('survives a restart and ignores a torn last record', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'aitia-embed-'));
		const inner1 = counting();
		const a = await new CachedEmbedder(inner1, 10, fileVectorStore(dir, 'm@r', 384)).embed(TEXTS);
		appendFileSync(path.join(dir, 'm_r.vec'), Buffer.from([5, 0, 65, 66])); // killed mid-write
		const inner2 = counting();
		const b = await new CachedEmbedder(inner2, 10, fileVectorStore(dir, 'm@r', 384)).embed(TEXTS);
		expect(inner2.calls).toEqual([]);
		expect(b).toEqual(a);
		rmSync(dir, { recursive: true, force: true });
	});

	it('real MiniLM q8: a second run embeds nothing, keyed by the weights revision', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'aitia-embed-'));
		const models = fileURLToPath(new URL('../../../static/models/', import.meta.url));
		const load = async () =>
			cachedChoice(
				await selectEmbedder({ prefer: 'auto', localModelPath: models, allowHub: false }),
				dir
			);
		const c1 = await load();
		expect(c1.embedder.name).toBe('all-minilm-l6-v2/q8/t128');
		const v1 = await c1.embedder.embed(TEXTS);
		const c2 = await load();
		const cached = c2.embedder as CachedEmbedder;
		let modelCalls = 0;
		const inner = cached.inner;
		const real = inner.embed.bind(inner);
		inner.embed = (t) => (modelCalls++, real(t));
		expect(await cached.embed(TEXTS)).toEqual(v1);
		expect(modelCalls).toBe(0);
		expect(cached.stats.stored).toBe(TEXTS.length);
		expect(cacheModelId(c2.embedder.name, MINILM_REVISION)).toBe(
			`all-minilm-l6-v2/q8/t128@${MINILM_REVISION}`
		);
		rmSync(dir, { recursive: true, force: true });
	}, 120_000);
});
