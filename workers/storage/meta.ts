/** Small key/value settings (e.g. 'demoSeeded'). */
import type { AitiaDb } from './db';

export async function getMeta<T = unknown>(db: AitiaDb, key: string): Promise<T | undefined> {
	return (await db.get('meta', key))?.value as T | undefined;
}

export async function setMeta(db: AitiaDb, key: string, value: unknown): Promise<void> {
	await db.put('meta', { key, value });
}

export async function deleteMeta(db: AitiaDb, key: string): Promise<void> {
	await db.delete('meta', key);
}

export async function listMetaKeys(db: AitiaDb): Promise<string[]> {
	return db.getAllKeys('meta');
}
