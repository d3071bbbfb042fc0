import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openAitiaDb, type Migration } from '../../../workers/storage/db';
import { freshDb } from './fresh-db';

describe('schema v1', () => {
	it('creates every store and the notebook index', async () => {
		const db = await freshDb();
		expect(db.version).toBe(DB_VERSION);
		expect(Array.from(db.objectStoreNames).sort()).toEqual(
			[
				'embeddings',
				'events',
				'feedback',
				'incidents',
				'logChunks',
				'logIndexes',
				'meta',
				'notebooks',
				'outputs',
				'series',
				'seriesChunks',
				'spanChunks'
			].sort()
		);
		expect(Array.from(db.transaction('notebooks').store.indexNames)).toEqual(['byIncident']);
		db.close();
	});
});

describe('migration runner', () => {
	it('applies only the steps above the stored version, in order', async () => {
		const name = `migrate-${Date.now()}`;
		const calls: string[] = [];
		const step =
			(label: string, store?: string): Migration =>
			(db, _tx, oldVersion) => {
				calls.push(`${label}@${oldVersion}`);
				if (store) db.createObjectStore(store as never);
			};

		const v1 = await openAitiaDb({ name, migrations: [step('s1', 'a')] });
		expect(v1.version).toBe(1);
		v1.close();
		expect(calls).toEqual(['s1@0']);

		calls.length = 0;
		const v3 = await openAitiaDb({
			name,
			migrations: [step('s1', 'a'), step('s2', 'b'), step('s3', 'c')]
		});
		expect(v3.version).toBe(3);
		expect(calls).toEqual(['s2@1', 's3@1']);
		expect(Array.from(v3.objectStoreNames).sort()).toEqual(['a', 'b', 'c']);
		v3.close();

		calls.length = 0;
		const again = await openAitiaDb({
			name,
			migrations: [step('s1', 'a'), step('s2', 'b'), step('s3', 'c')]
		});
		expect(calls).toEqual([]);
		again.close();
	});

	it('lets a later step read and rewrite data through the upgrade transaction', async () => {
		const name = `migrate-data-${Date.now()}`;
		const first = MIGRATIONS[0];
		const db1 = await openAitiaDb({ name, migrations: [first] });
		await db1.put('meta', { key: 'demoSeeded', value: true });
		db1.close();
		const addFlag: Migration = (_db, tx) => {
			void tx.objectStore('meta').put({ key: 'migratedFrom1', value: true });
		};
		const db2 = await openAitiaDb({ name, migrations: [first, addFlag] });
		expect(await db2.get('meta', 'demoSeeded')).toEqual({ key: 'demoSeeded', value: true });
		expect(await db2.get('meta', 'migratedFrom1')).toEqual({ key: 'migratedFrom1', value: true });
		db2.close();
	});
});
