/**
 * "Clear all data": empties every object store in one transaction, so a failure leaves the
 * library as it was. Clearing (rather than deleting the database) keeps the open connection and
 * the schema valid for the workers that hold it.
 */
import type { StoreNames } from 'idb';
import type { AitiaDb, AitiaSchema } from './db';

export async function clearAll(db: AitiaDb): Promise<void> {
	const names = [...db.objectStoreNames] as StoreNames<AitiaSchema>[];
	const tx = db.transaction(names, 'readwrite');
	await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
}
