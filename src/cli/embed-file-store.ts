/**
 * The Node runner's on-disk embedding cache (opt-in: `AITIA_EMBED_CACHE=<dir>`): one append-only
 * file per model under `dir`, read once into memory. Record: u16 key length, UTF-8 key, then the
 * vector as float32 (little-endian). A torn last record (a killed process) is ignored on read.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VectorStore } from '$workers/embed/cache';

/** A VectorStore kept in `<dir>/<model>.vec` for vectors of width `dim`. */
export function fileVectorStore(dir: string, model: string, dim: number): VectorStore {
	const file = path.join(dir, `${model.replace(/[^A-Za-z0-9._-]+/g, '_')}.vec`);
	let loaded: Map<string, Float32Array> | undefined;
	const load = (): Map<string, Float32Array> => {
		if (loaded) return loaded;
		loaded = new Map();
		if (!existsSync(file)) return loaded;
		const buf = readFileSync(file);
		for (let at = 0; at + 2 <= buf.length;) {
			const len = buf.readUInt16LE(at);
			const end = at + 2 + len + dim * 4;
			if (end > buf.length) break;
			const key = buf.toString('utf8', at + 2, at + 2 + len);
			const v = new Float32Array(dim);
			for (let d = 0; d < dim; d++) v[d] = buf.readFloatLE(at + 2 + len + d * 4);
			loaded.set(key, v);
			at = end;
		}
		return loaded;
	};
	return {
		async get(keys) {
			const m = load();
			return keys.map((k) => m.get(k));
		},
		async put(entries) {
			const m = load();
			const fresh = entries.filter((e) => !m.has(e.key) && e.vector.length === dim);
			if (!fresh.length) return;
			const parts: Buffer[] = [];
			for (const e of fresh) {
				const key = Buffer.from(e.key, 'utf8');
				const rec = Buffer.alloc(2 + key.length + dim * 4);
				rec.writeUInt16LE(key.length, 0);
				key.copy(rec, 2);
				for (let d = 0; d < dim; d++) rec.writeFloatLE(e.vector[d], 2 + key.length + d * 4);
				parts.push(rec);
				m.set(e.key, e.vector.slice());
			}
			mkdirSync(dir, { recursive: true });
			appendFileSync(file, Buffer.concat(parts));
		}
	};
}
