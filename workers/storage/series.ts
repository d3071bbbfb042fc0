/** Reading stored series back, fetching only the chunks that overlap the requested range. */
import type { Series, TimeRange } from '../bundle/types';
import { neverCancelled, type CancelSignal } from '../shared/cancel';
import { spanOf } from '../shared/bisect';
import { incidentKeyRange, type AitiaDb } from './db';
import type { SeriesChunkRecord, SeriesMetaRecord } from './records';

/** Metadata of every series of an incident, in bundle order. */
export async function listSeriesMeta(db: AitiaDb, incidentId: string): Promise<SeriesMetaRecord[]> {
	const all = await db.getAll('series', incidentKeyRange(incidentId));
	return all.sort((a, b) => a.order - b.order);
}

/** Indices [first, last] of the chunks whose time span overlaps `range` (first > last: none). */
function overlappingChunks(meta: SeriesMetaRecord, range?: TimeRange): [number, number] {
	if (!range) return [0, meta.chunks - 1];
	let first = 0;
	while (first < meta.chunks && meta.chunkBounds[2 * first + 1] < range.start) first++;
	let last = meta.chunks - 1;
	while (last >= first && meta.chunkBounds[2 * last] > range.end) last--;
	return [first, last];
}

/** Concatenates the parts of the chunks that fall inside `range` into fresh arrays. */
function joinChunks(
	chunks: SeriesChunkRecord[],
	range?: TimeRange
): { t: Float64Array; v: Float64Array } {
	const spans = chunks.map((c) =>
		range ? spanOf(c.t, range.start, range.end) : ([0, c.t.length] as [number, number])
	);
	let n = 0;
	for (const [from, to] of spans) n += to - from;
	const t = new Float64Array(n);
	const v = new Float64Array(n);
	let at = 0;
	chunks.forEach((c, i) => {
		const [from, to] = spans[i];
		t.set(c.t.subarray(from, to), at);
		v.set(c.v.subarray(from, to), at);
		at += to - from;
	});
	return { t, v };
}

/**
 * Series `keys` of an incident (in the order asked), cut to `range` (inclusive) when given. Throws
 * when a key is not stored.
 */
export async function readSeries(
	db: AitiaDb,
	incidentId: string,
	keys: string[],
	range?: TimeRange,
	signal: CancelSignal = neverCancelled
): Promise<Series[]> {
	const tx = db.transaction(['series', 'seriesChunks']);
	const metas = tx.objectStore('series');
	const chunkStore = tx.objectStore('seriesChunks');
	const out: Series[] = [];
	for (const key of keys) {
		signal.throwIfCancelled();
		const meta = await metas.get([incidentId, key]);
		if (!meta) throw new Error(`Series '${key}' is not stored for incident '${incidentId}'.`);
		const [first, last] = overlappingChunks(meta, range);
		const chunks =
			first > last
				? []
				: await chunkStore.getAll(
						IDBKeyRange.bound([incidentId, key, first], [incidentId, key, last])
					);
		const s: Series = {
			key,
			service: meta.service,
			metric: meta.metric,
			...joinChunks(chunks, range)
		};
		if (meta.unit !== undefined) s.unit = meta.unit;
		out.push(s);
	}
	return out;
}
