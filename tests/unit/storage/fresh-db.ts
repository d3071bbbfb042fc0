/** A new, uniquely named database per test (fake-indexeddb), and a dump of all its contents. */
import 'fake-indexeddb/auto';
import { openAitiaDb, type AitiaDb, type StoreName } from '../../../workers/storage/db';

let counter = 0;

export function freshDb(): Promise<AitiaDb> {
	return openAitiaDb({ name: `aitia-test-${process.pid}-${++counter}` });
}

/** Every key and value of every store, for "nothing changed" assertions. */
export async function snapshot(db: AitiaDb): Promise<Record<string, [unknown, unknown][]>> {
	const out: Record<string, [unknown, unknown][]> = {};
	for (const name of Array.from(db.objectStoreNames) as StoreName[]) {
		const rows: [unknown, unknown][] = [];
		for (let c = await db.transaction(name).store.openCursor(); c; c = await c.continue()) {
			rows.push([c.key, c.value]);
		}
		out[name] = rows;
	}
	return out;
}

/** Bit patterns of a float array, so NaN gaps and -0 compare exactly. */
export const bits = (a: Float64Array): number[] =>
	Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));
